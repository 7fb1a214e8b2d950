/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type VerifyApiKeyRequest = {
  /**
   * The address the key was presented from, as the service sees its caller:
   * checked against the key's allowed addresses (a key with any is refused
   * without it).
   */
  clientIp?: string | undefined;
  /**
   * The key a caller of the service presented, exactly as it was sent.
   */
  key: string;
  /**
   * Permissions the key must hold for what the caller asked (each a permission id); absent, none.
   */
  permissions?: Array<string> | undefined;
};


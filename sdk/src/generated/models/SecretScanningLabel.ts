/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type SecretScanningLabel = {
  /**
   * `true_positive`: the token is (or was) an API key of this server.
   */
  label: Record<string, any>;
  /**
   * Lowercase hex SHA-256 of the token.
   */
  token_hash: string;
  /**
   * The reported `type`, echoed.
   */
  token_type: string;
};


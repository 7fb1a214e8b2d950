/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AccessTokenResponse = {
  /**
   * A signed token to send as `Authorization: Bearer <accessToken>`.
   */
  accessToken: string;
  /**
   * Seconds until the token expires.
   */
  expiresIn: number;
  tokenType: string;
};


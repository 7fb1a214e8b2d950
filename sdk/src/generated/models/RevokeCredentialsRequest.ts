/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type RevokeCredentialsRequest = {
  /**
   * Secrets found in public (up to 1,000): each that is a live key is handled as its organization's policy says.
   */
  credentials: Array<string>;
};


/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type SecretScanningMatch = {
  /**
   * What kind of place it was found in.
   */
  source: string;
  /**
   * The secret found.
   */
  token: string;
  /**
   * The token type GitHub matched it as.
   */
  type: string;
  /**
   * Where it was found.
   */
  url: string;
};


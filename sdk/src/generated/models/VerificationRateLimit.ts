/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type VerificationRateLimit = {
  /**
   * Requests the key may make per window.
   */
  limit: number;
  /**
   * What is left of the window after this request.
   */
  remaining: number;
  /**
   * Seconds until the whole quota is available again.
   */
  resetSeconds: number;
};


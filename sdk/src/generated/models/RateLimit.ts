/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type RateLimit = {
  /**
   * Requests the key may make per window, across every server instance: 1–1,000,000.
   */
  requests: number;
  /**
   * The window's length in seconds, 1–86400 (a day); any interval this long holds at most `requests`.
   */
  windowSeconds: number;
};


/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type RollApiKeyRequest = {
  /**
   * How long the current secret keeps working beside the new one, 0–604800
   * seconds (7 days). 0, the default, refuses it at once.
   */
  gracePeriodSeconds?: number | undefined;
};


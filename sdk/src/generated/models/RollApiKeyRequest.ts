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
  /**
   * Roll even though the secret an earlier roll replaced still works (it is
   * then refused at once). Without it, such a roll is refused with 409
   * `previous-secret-still-working`, so a blind second roll cannot cut off
   * the secret an integration is still running on.
   */
  replacePrevious?: boolean | undefined;
};


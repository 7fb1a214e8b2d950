/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type CompletePasswordResetRequest = {
  /**
   * 12 to 256 characters.
   */
  newPassword: string;
};


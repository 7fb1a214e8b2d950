/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AuditChangeResponse = {
  /**
   * Its value after the change, as names.
   */
  after: Array<string>;
  /**
   * Its value before the change, as names.
   */
  before: Array<string>;
  /**
   * Which property of the target changed.
   */
  field: string;
};


/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type FieldError = {
  /**
   * The offending field, as a dotted path into the request (`name`, `roleIds.0`, `limit`, `body`).
   */
  field: string;
  /**
   * What is wrong with it, in words a person can act on.
   */
  message: string;
};


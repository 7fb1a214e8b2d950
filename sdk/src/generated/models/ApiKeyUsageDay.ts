/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type ApiKeyUsageDay = {
  /**
   * A UTC day.
   */
  date: string;
  /**
   * Requests the key (either of its secrets) authenticated that day.
   */
  requests: number;
};


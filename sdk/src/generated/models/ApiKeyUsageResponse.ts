/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ApiKeyUsageDay } from './ApiKeyUsageDay.js';
export type ApiKeyUsageResponse = {
  /**
   * Exactly the days asked for, oldest first, the last one today (UTC), days without requests included.
   */
  days: Array<ApiKeyUsageDay>;
};


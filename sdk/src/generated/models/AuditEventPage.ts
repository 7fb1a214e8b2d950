/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AuditEventResponse } from './AuditEventResponse.js';
export type AuditEventPage = {
  items: Array<AuditEventResponse>;
  /**
   * Pass as `cursor` to get the next page; null on the last page.
   */
  nextCursor: string | null;
};


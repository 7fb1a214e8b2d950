/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ApiKeyListItem } from './ApiKeyListItem.js';
export type ApiKeyPage = {
  items: Array<ApiKeyListItem>;
  /**
   * Pass as `cursor` to get the next page; null on the last page.
   */
  nextCursor: string | null;
  /**
   * How many keys match the filters, on every page.
   */
  total: number;
};


/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { UserRef } from './UserRef.js';
export type ApiKeyResponse = {
  createdAt: string;
  /**
   * Who created the key; null once that user's account is gone.
   */
  createdBy: UserRef | null;
  id: string;
  /**
   * When the key last authenticated a request (to the minute); null if never.
   */
  lastUsedAt: string | null;
  /**
   * Enough to recognise the key, never enough to use it.
   */
  maskedKey: string;
  name: string;
};


/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Permission } from './Permission.js';
export type ApiKeyIdentity = {
  /**
   * When the key stops working; null if it never expires.
   */
  expiresAt: string | null;
  id: string;
  maskedKey: string;
  name: string;
  /**
   * The organization routes this key may call besides the integration ones; empty for integration only.
   */
  permissions: Array<Permission>;
};


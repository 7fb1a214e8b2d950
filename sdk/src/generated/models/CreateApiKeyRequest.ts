/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Permission } from './Permission.js';
export type CreateApiKeyRequest = {
  /**
   * When the key stops working, in RFC 3339 and in the future; null or absent
   * means it never expires. It cannot be changed later.
   */
  expiresAt?: string | null;
  /**
   * Unique within the organization, ignoring case.
   */
  name: string;
  /**
   * Organization routes the key may call besides the integration ones, from
   * the permissions the caller holds; absent or empty, integration routes only.
   */
  permissions?: Array<Permission>;
};


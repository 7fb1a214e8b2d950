/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Permission } from './Permission.js';
import type { RateLimit } from './RateLimit.js';
export type CreateApiKeyRequest = {
  /**
   * Addresses and CIDR ranges the key may be used from (up to 100); absent or empty allows any.
   */
  allowedIps?: Array<string> | undefined;
  /**
   * False creates the key disabled.
   */
  enabled?: boolean | undefined;
  /**
   * When the key stops working, in RFC 3339 and in the future; null or absent
   * means it never expires. It can be changed later (PATCH), also once passed.
   */
  expiresAt?: string | null | undefined;
  /**
   * Unique within the organization, ignoring case.
   */
  name: string;
  /**
   * Organization routes the key may call besides the integration ones, from
   * the permissions the caller holds; absent or empty, integration routes only.
   */
  permissions?: Array<Permission> | undefined;
  /**
   * At most `requests` per `windowSeconds`, across every server instance; absent or null for no limit.
   */
  rateLimit?: RateLimit | null | undefined;
};


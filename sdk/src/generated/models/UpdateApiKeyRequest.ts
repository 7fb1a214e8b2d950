/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Permission } from './Permission.js';
import type { RateLimit } from './RateLimit.js';
export type UpdateApiKeyRequest = {
  /**
   * The addresses the key may be used from, from its next request on (the whole list); empty allows any.
   */
  allowedIps?: Array<string> | undefined;
  /**
   * False refuses the key on every instance at once, like a deleted one; true brings it back unchanged.
   */
  enabled?: boolean | undefined;
  /**
   * A new expiry, in RFC 3339 and in the future, or null for never. Also on
   * an expired key, which then works again with the same id, history and usage.
   */
  expiresAt?: string | null | undefined;
  /**
   * The new name: unique within the organization, ignoring case.
   */
  name?: string | undefined;
  /**
   * The key's permissions from now on (the whole set); takes effect on its next request, on every instance.
   */
  permissions?: Array<Permission> | undefined;
  /**
   * The key's rate limit from its next request on, on every instance; null removes it.
   */
  rateLimit?: RateLimit | null | undefined;
};


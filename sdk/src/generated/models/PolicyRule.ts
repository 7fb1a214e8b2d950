/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
/**
 * The rules of the organization's key policy the key breaks (it is refused
 * at use until fixed); empty when it breaks none.
 */
export type PolicyRule = 'requireExpiry' | 'maxLifetimeDays' | 'allowedIps' | 'requireRateLimit';

/** Every PolicyRule, by name. */
export const PolicyRule = {
  REQUIRE_EXPIRY: 'requireExpiry',
  MAX_LIFETIME_DAYS: 'maxLifetimeDays',
  ALLOWED_IPS: 'allowedIps',
  REQUIRE_RATE_LIMIT: 'requireRateLimit',
} as const satisfies Record<string, PolicyRule>;

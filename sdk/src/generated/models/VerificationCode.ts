/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
/**
 * `VALID`, or why not, the first that applies in this order: `NOT_FOUND`
 * (unknown, deleted, malformed, or a replaced secret past its grace),
 * `EXPIRED`, `DISABLED`, `IP_NOT_ALLOWED`, `POLICY_VIOLATION` (the key
 * breaks its organization's key policy, which a REST request answers with
 * 403 until the key is fixed), `INSUFFICIENT_PERMISSIONS`, `RATE_LIMITED`.
 */
export type VerificationCode = 'VALID' | 'NOT_FOUND' | 'EXPIRED' | 'DISABLED' | 'RATE_LIMITED' | 'IP_NOT_ALLOWED' | 'POLICY_VIOLATION' | 'INSUFFICIENT_PERMISSIONS';

/** Every VerificationCode, by name. */
export const VerificationCode = {
  VALID: 'VALID',
  NOT_FOUND: 'NOT_FOUND',
  EXPIRED: 'EXPIRED',
  DISABLED: 'DISABLED',
  RATE_LIMITED: 'RATE_LIMITED',
  IP_NOT_ALLOWED: 'IP_NOT_ALLOWED',
  POLICY_VIOLATION: 'POLICY_VIOLATION',
  INSUFFICIENT_PERMISSIONS: 'INSUFFICIENT_PERMISSIONS',
} as const satisfies Record<string, VerificationCode>;

/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type ApiKeyStatus = 'active' | 'expiring' | 'expired' | 'disabled' | 'exposed' | 'unused' | 'policyViolation';

/** Every ApiKeyStatus, by name. */
export const ApiKeyStatus = {
  ACTIVE: 'active',
  EXPIRING: 'expiring',
  EXPIRED: 'expired',
  DISABLED: 'disabled',
  EXPOSED: 'exposed',
  UNUSED: 'unused',
  POLICY_VIOLATION: 'policyViolation',
} as const satisfies Record<string, ApiKeyStatus>;

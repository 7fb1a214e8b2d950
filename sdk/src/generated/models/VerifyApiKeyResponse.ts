/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ApiKeyIdentity } from './ApiKeyIdentity.js';
import type { OrganizationResponse } from './OrganizationResponse.js';
import type { VerificationCode } from './VerificationCode.js';
import type { VerificationRateLimit } from './VerificationRateLimit.js';
export type VerifyApiKeyResponse = {
  /**
   * The key (masked), whenever it exists.
   */
  apiKey?: ApiKeyIdentity | undefined;
  /**
   * `VALID`, or why not, the first that applies in this order: `NOT_FOUND`
   * (unknown, deleted, malformed, or a replaced secret past its grace),
   * `EXPIRED`, `DISABLED`, `IP_NOT_ALLOWED`, `POLICY_VIOLATION` (the key
   * breaks its organization's key policy, which a REST request answers with
   * 403 until the key is fixed), `INSUFFICIENT_PERMISSIONS`, `RATE_LIMITED`.
   */
  code: VerificationCode;
  /**
   * The key's organization, whenever the key exists.
   */
  organization?: OrganizationResponse | undefined;
  /**
   * Whenever the key has a rate limit.
   */
  rateLimit?: VerificationRateLimit | undefined;
  /**
   * True exactly when `code` is `VALID`.
   */
  valid: boolean;
};


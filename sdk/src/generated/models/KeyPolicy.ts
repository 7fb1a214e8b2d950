/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ExposureAction } from './ExposureAction.js';
export type KeyPolicy = {
  /**
   * Addresses and CIDR ranges every key's own allowed addresses must lie
   * within; a key allowing any address (`[]`) then breaks the policy. Empty: no rule.
   */
  allowedIps: Array<string>;
  /**
   * A key's `expiresAt` may be at most this many days after the moment it is
   * set (create, PATCH, roll): 1–3650; null for no limit.
   */
  maxLifetimeDays: number | null;
  /**
   * What happens to a key reported as leaked: revoked, disabled, or left working (its owners are told).
   */
  onExposure: ExposureAction;
  /**
   * Every key must have an `expiresAt`.
   */
  requireExpiry: boolean;
  /**
   * Every key must have a rate limit.
   */
  requireRateLimit: boolean;
};


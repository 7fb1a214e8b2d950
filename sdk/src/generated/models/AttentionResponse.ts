/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AttentionResponse = {
  /**
   * Keys past their expiry, still listed (`status=expired`).
   */
  expiredKeys: number | null;
  /**
   * Keys that expire within 14 days (`status=expiring`).
   */
  expiringKeys: number | null;
  /**
   * Keys reported as leaked, revoked or not (`status=exposed`).
   */
  exposedKeys: number | null;
  /**
   * Invitations whose link has lapsed, not yet renewed or revoked.
   */
  lapsedInvitations: number | null;
  /**
   * Invitations whose link still works.
   */
  pendingInvitations: number | null;
  /**
   * Keys the organization's key policy refuses at use until fixed (`status=policyViolation`).
   */
  policyViolations: number | null;
  /**
   * Keys never used, or not in the last 90 days (`status=unused`).
   */
  unusedKeys: number | null;
};


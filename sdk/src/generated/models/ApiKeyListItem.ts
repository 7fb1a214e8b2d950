/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ApiKeyExposure } from './ApiKeyExposure.js';
import type { Permission } from './Permission.js';
import type { PolicyRule } from './PolicyRule.js';
import type { RateLimit } from './RateLimit.js';
import type { UserRef } from './UserRef.js';
export type ApiKeyListItem = {
  /**
   * Addresses and CIDR ranges the key may be used from; empty allows any.
   */
  allowedIps: Array<string>;
  createdAt: string;
  /**
   * Who created the key; null once that user's account is gone.
   */
  createdBy: UserRef | null;
  /**
   * False while the key is disabled: refused like a deleted key, until enabled again.
   */
  enabled: boolean;
  /**
   * From this instant the key is refused; null if it never expires. An
   * expired key stays listed until deleted.
   */
  expiresAt: string | null;
  /**
   * The last report of the key's secret found in public; null if none.
   */
  exposure: ApiKeyExposure | null;
  id: string;
  /**
   * When the key (either secret) last authenticated a request (to the minute); null if never.
   */
  lastUsedAt: string | null;
  /**
   * Enough to recognise the key, never enough to use it.
   */
  maskedKey: string;
  name: string;
  /**
   * The organization routes the key may call besides the integration ones,
   * as a member holding these permissions would; empty for an
   * integration-only key. They belong to the key, whatever happens to its creator.
   */
  permissions: Array<Permission>;
  /**
   * The rules of the organization's key policy the key breaks (it is refused
   * at use until fixed); empty when it breaks none.
   */
  policyViolations: Array<PolicyRule>;
  /**
   * Until when the secret replaced by the last roll still works; null when no
   * replaced secret works any more.
   */
  previousKeyExpiresAt: string | null;
  /**
   * The key's rate limit; null when it has none.
   */
  rateLimit: RateLimit | null;
  /**
   * Requests the key authenticated in the last 30 UTC days, today included.
   */
  requests30d: number;
  /**
   * When the key was revoked because its secret leaked; null if it was not.
   * A revoked key is refused like a deleted one, and listed until deleted.
   */
  revokedAt: string | null;
};


import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Permission } from '../../authz/permissions';
import { preparedQuery } from '../../database/prepared-query';
import type { ApiKeyPrincipal } from '../../authz/principal';
import { allowlistOf, IpAllowlist } from './ip-allowlist';
import type { RateLimitPolicy } from './rate-limiter';

/** One write: usage counts by key and UTC day, and last-used times; sent again as-is until it lands. */
export interface UsageBatch {
  id: string;
  counts: { id: string; day: string; n: number }[];
  lastUsed: { id: string; at: string }[];
}

export interface VerifiedKey extends ApiKeyPrincipal {
  lastUsedAt: Date | null;
  /**
   * Epoch milliseconds from which the presented secret is refused: the key's
   * expiry, or for a replaced secret the end of its grace period, whichever
   * comes first; Infinity when neither applies.
   */
  validUntil: number;
  /** A disabled key is refused like a deleted one, but cached as what it is, so its refusals cost nothing. */
  enabled: boolean;
  rateLimit: RateLimitPolicy | null;
  /** Null when any address may use the key. */
  allowedIps: IpAllowlist | null;
}

/** The limit two nullable columns hold (both null for none), read the same wherever a key is read. */
export const rateLimitPolicy = (requests: number | null, windowSeconds: number | null): RateLimitPolicy | null =>
  requests === null ? null : { requests, windowSeconds: windowSeconds! };

/** A share of a key's rate-limit budget for one slot, and the window's state after it. */
export interface RateLease {
  granted: number;
  /** Granted in the window on every instance, this lease included. */
  used: number;
  /** The oldest slot still holding a grant: the window's budget grows again when it leaves. */
  oldestSlot: number | null;
}

interface VerifiedKeyRow {
  id: string;
  name: string;
  masked_key: string;
  last_used_at: Date | null;
  expires_at: Date | null;
  previous_key_expires_at: Date | null;
  is_current: boolean;
  permissions: Permission[];
  organization_id: string;
  organization_name: string;
  enabled: boolean;
  rate_limit_requests: number | null;
  rate_limit_window_seconds: number | null;
  allowed_ips: string[];
}

/**
 * The two statements API-key authentication runs against the api_key table:
 * the lookup by digest on every uncached request, and the batched usage write.
 * Plain SQL, no entity: the hot path hydrates nothing.
 */
@Injectable()
export class ApiKeyStore {
  constructor(private readonly em: EntityManager) {}

  /**
   * The hot path of every integration request: one lookup on the two unique
   * digest indexes (the current secret, or the one a roll replaced), no entity
   * hydration, prepared once per pooled connection. A key revoked as leaked
   * is not found, like a deleted one.
   */
  async findVerifiedKey(digest: string): Promise<VerifiedKey | null> {
    const [row] = await preparedQuery<VerifiedKeyRow>(
      this.em,
      'find_verified_key',
      `select k.id, k.name, k.masked_key, k.last_used_at, k.expires_at, k.previous_key_expires_at, k.digest = ? as is_current,
              k.permissions, o.id as organization_id, o.name as organization_name,
              k.enabled, k.rate_limit_requests, k.rate_limit_window_seconds, k.allowed_ips
         from api_key k join organization o on o.id = k.organization_id
        where (k.digest = ? or k.previous_digest = ?) and k.revoked_at is null`,
      [digest, digest, digest],
    );
    if (!row) return null;
    const keyExpiry = row.expires_at?.getTime() ?? Infinity;
    const secretExpiry = row.is_current ? Infinity : (row.previous_key_expires_at?.getTime() ?? -Infinity);
    return {
      kind: 'apiKey',
      apiKeyId: row.id,
      name: row.name,
      maskedKey: row.masked_key,
      organization: { id: row.organization_id, name: row.organization_name },
      permissions: row.permissions,
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      validUntil: Math.min(keyExpiry, secretExpiry),
      enabled: row.enabled,
      rateLimit: rateLimitPolicy(row.rate_limit_requests, row.rate_limit_window_seconds),
      allowedIps: allowlistOf(row.allowed_ips),
    };
  }

  /** Leases up to `want` of the key's budget for `slot` (see the runtime-limits migration's `tptm_rate_lease`). */
  async leaseRate(apiKeyId: string, slot: number, slots: number, limit: number, want: number): Promise<RateLease> {
    const [row] = await preparedQuery<{ granted: number; used: number; oldest_slot: number | null }>(
      this.em,
      'lease_rate',
      'select granted, used, oldest_slot::float8 as oldest_slot from tptm_rate_lease(?, ?, ?, ?, ?)',
      [apiKeyId, slot, slots, limit, want],
    );
    return { granted: row.granted, used: row.used, oldestSlot: row.oldest_slot };
  }

  /** Gives back leased budget that ended unspent, in one statement. */
  async giveBackRate(unspent: { id: string; slot: number; n: number }[]): Promise<void> {
    await this.em.execute(
      `update api_key_rate_slot s set granted = greatest(0, s.granted - v.n)
         from jsonb_to_recordset(?::jsonb) as v(id uuid, slot bigint, n int)
        where s.api_key_id = v.id and s.slot = v.slot`,
      [JSON.stringify(unspent)],
    );
  }

  /**
   * Writes one batch in one statement: the usage counts added to each key's
   * day (once per batch id, however often the batch is sent), the last-used
   * times (never moved backwards), and the pruning of counts older than 90
   * days and of batch ids older than a week. Keys deleted meanwhile are skipped.
   */
  async writeUsage(batch: UsageBatch): Promise<void> {
    await this.em.execute(
      `with batch as (
         insert into api_key_usage_batch (id) values (?) on conflict do nothing returning id
       ), counted as (
         insert into api_key_usage (api_key_id, day, requests)
         select v.id, v.day, v.n from jsonb_to_recordset(?::jsonb) as v(id uuid, day date, n bigint)
          where exists (select 1 from batch) and exists (select 1 from api_key k where k.id = v.id)
         on conflict (api_key_id, day) do update set requests = api_key_usage.requests + excluded.requests
       ), pruned as (
         delete from api_key_usage where day < (now() at time zone 'utc')::date - 90
       ), forgotten as (
         delete from api_key_usage_batch where written_at < now() - interval '7 days'
       )
       update api_key k set last_used_at = v.at
         from jsonb_to_recordset(?::jsonb) as v(id uuid, at timestamptz)
        where k.id = v.id and (k.last_used_at is null or k.last_used_at < v.at)`,
      [batch.id, JSON.stringify(batch.counts), JSON.stringify(batch.lastUsed)],
    );
  }
}

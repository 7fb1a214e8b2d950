import type { VerifiedKey } from './api-key-store';
import type { KeyPolicyRules } from './key-policy-rules';

interface Entry {
  key: VerifiedKey;
  /** The TTL, or the key's own validity if that ends first: an entry never outlives the secret it holds. */
  expiresAt: number;
  /** When the entry last moved to the most-recent end. */
  refreshedAt: number;
}

/**
 * Moving an entry to the most-recent end costs two map operations; doing it at
 * most once a second per key keeps the LRU order good enough for eviction
 * while a hot key costs a single lookup.
 */
const RECENCY_RESOLUTION_MS = 1_000;

/**
 * Verified keys by digest: a bounded LRU with a TTL as a safety net. It is
 * only as trustworthy as the revocation feed behind it, so it also keeps an
 * epoch that moves on every revocation: a database lookup that began before
 * a revocation must not put its (possibly revoked) result into the cache.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  /** A key has up to two cached digests: its current secret and the one a roll replaced. */
  private readonly digestsById = new Map<string, Set<string>>();
  /**
   * Key policies by organization id. A policy change is published on the
   * revocation feed as the organization's id (ids are UUIDs, so it never
   * names a key), which `revoke` forgets here like a key.
   */
  private readonly policies = new Map<string, KeyPolicyRules>();
  private currentEpoch = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get epoch(): number {
    return this.currentEpoch;
  }

  get(digest: string): VerifiedKey | undefined {
    const entry = this.entries.get(digest);
    if (entry === undefined) return undefined;
    const now = this.now();
    if (entry.expiresAt <= now) {
      this.delete(digest, entry.key.apiKeyId);
      return undefined;
    }
    if (now - entry.refreshedAt >= RECENCY_RESOLUTION_MS) {
      // Re-insert to mark as most recently used (Map iterates in insertion order).
      entry.refreshedAt = now;
      this.entries.delete(digest);
      this.entries.set(digest, entry);
    }
    return entry.key;
  }

  /** Caches a lookup result, unless a revocation happened since the lookup began (`epoch`). */
  set(digest: string, key: VerifiedKey, epoch: number): void {
    if (!this.enabled || epoch !== this.currentEpoch) return;
    this.entries.delete(digest);
    const now = this.now();
    this.entries.set(digest, { key, expiresAt: Math.min(now + this.ttlMs, key.validUntil), refreshedAt: now });
    const digests = this.digestsById.get(key.apiKeyId);
    if (digests) digests.add(digest);
    else this.digestsById.set(key.apiKeyId, new Set([digest]));
    while (this.entries.size > this.maxEntries) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.delete(oldest, entry.key.apiKeyId);
    }
  }

  policy(organizationId: string): KeyPolicyRules | undefined {
    return this.policies.get(organizationId);
  }

  /** Caches an organization's policy, unless anything was revoked since it was read (`epoch`). */
  setPolicy(organizationId: string, policy: KeyPolicyRules, epoch: number): void {
    if (!this.enabled || epoch !== this.currentEpoch) return;
    this.policies.set(organizationId, policy);
  }

  /**
   * Forgets every secret of the key (deleted, rolled or renamed), or the
   * policy of the organization with this id: the next request reads the database.
   */
  revoke(apiKeyId: string): void {
    this.currentEpoch++;
    this.policies.delete(apiKeyId);
    const digests = this.digestsById.get(apiKeyId);
    if (digests === undefined) return;
    for (const digest of digests) this.entries.delete(digest);
    this.digestsById.delete(apiKeyId);
  }

  clear(): void {
    this.currentEpoch++;
    this.entries.clear();
    this.digestsById.clear();
    this.policies.clear();
  }

  private delete(digest: string, apiKeyId: string): void {
    this.entries.delete(digest);
    const digests = this.digestsById.get(apiKeyId);
    digests?.delete(digest);
    if (digests?.size === 0) this.digestsById.delete(apiKeyId);
  }
}

import type { VerifiedKey } from './api-key.repository';

interface Entry {
  key: VerifiedKey;
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
  private readonly digestById = new Map<string, string>();
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
    this.entries.set(digest, { key, expiresAt: now + this.ttlMs, refreshedAt: now });
    this.digestById.set(key.apiKeyId, digest);
    while (this.entries.size > this.maxEntries) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.delete(oldest, entry.key.apiKeyId);
    }
  }

  revoke(apiKeyId: string): void {
    this.currentEpoch++;
    const digest = this.digestById.get(apiKeyId);
    if (digest !== undefined) this.delete(digest, apiKeyId);
  }

  clear(): void {
    this.currentEpoch++;
    this.entries.clear();
    this.digestById.clear();
  }

  private delete(digest: string, apiKeyId: string): void {
    this.entries.delete(digest);
    this.digestById.delete(apiKeyId);
  }
}

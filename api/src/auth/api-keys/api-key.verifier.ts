import { Injectable } from '@nestjs/common';
import type { ApiKeyPrincipal } from '../../authz/principal';
import { ApiKeyStore, VerifiedKey } from './api-key-store';
import { KeyCache } from './key-cache';
import { digestApiKey, hasApiKeyShape, hasValidChecksum } from './key-format';
import { UsageTracker } from './usage.tracker';
import { RevocationFeed } from './revocation-feed';

@Injectable()
export class ApiKeyVerifier {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly usage: UsageTracker,
    private readonly cache: KeyCache,
    private readonly revocations: RevocationFeed,
  ) {}

  /**
   * The principal a presented key acts as, or null. Keys are looked up by
   * digest (in the cache while the revocation feed is live, else in the
   * database), so the secret is never compared directly. Anything not shaped
   * like a key is refused before it is hashed, and a bad checksum before the
   * database is asked; a cache hit needs no checksum, since only keys the
   * database knew are ever cached. A cache entry ends no later than the
   * secret's validity, so a hit needs no expiry check either: an expired key
   * always reaches the database, which says when it stopped.
   */
  verify(candidate: string): ApiKeyPrincipal | null | Promise<ApiKeyPrincipal | null> {
    if (!hasApiKeyShape(candidate)) return null;
    const digest = digestApiKey(candidate);
    const trusted = this.revocations.trusted;
    const cached = trusted ? this.cache.get(digest) : undefined;
    // Answered synchronously from the cache: the hot path allocates no promise.
    if (cached) return this.accept(cached);
    if (!hasValidChecksum(candidate)) return null;
    return this.lookUp(digest, trusted);
  }

  private async lookUp(digest: string, trusted: boolean): Promise<ApiKeyPrincipal | null> {
    const epoch = this.cache.epoch;
    const found = await this.store.findVerifiedKey(digest);
    if (!found || found.validUntil <= Date.now()) return null;
    if (trusted && this.revocations.trusted) this.cache.set(digest, found, epoch);
    return this.accept(found);
  }

  private accept(key: VerifiedKey): ApiKeyPrincipal {
    this.usage.record(key.apiKeyId, key.lastUsedAt);
    return key;
  }
}

import { Injectable } from '@nestjs/common';
import { ApiKeyStore, VerifiedKey } from './api-key-store';
import { KeyCache } from './key-cache';
import { digestApiKey, hasApiKeyShape, hasValidChecksum } from './key-format';
import { UsageTracker } from './usage.tracker';
import { RevocationFeed } from './revocation-feed';
import { RateDecision, RateLimiter } from './rate-limiter';
import { KeyPolicyGate } from './key-policy.gate';

/**
 * Why a presented key is refused, in the order they are checked: a key that
 * is both expired and disabled is `EXPIRED`. (A replaced secret past its
 * grace period is `NOT_FOUND`, like a deleted key.) `POLICY_VIOLATION`: the
 * key breaks its organization's key policy.
 */
export type KeyRefusal = 'NOT_FOUND' | 'EXPIRED' | 'DISABLED' | 'IP_NOT_ALLOWED' | 'POLICY_VIOLATION';

@Injectable()
export class ApiKeyVerifier {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly usage: UsageTracker,
    private readonly cache: KeyCache,
    private readonly revocations: RevocationFeed,
    private readonly rateLimiter: RateLimiter,
    private readonly policy: KeyPolicyGate,
  ) {}

  /**
   * The key a presented secret belongs to, if it may be used now from
   * `clientIp` (asked only of a key with allowed addresses), or why not.
   * Keys are looked up by digest (in the cache while the revocation feed is
   * live, else in the database), so the secret is never compared directly.
   * Anything not shaped like a key is refused before it is hashed, and a bad
   * checksum before the database is asked; a cache hit needs no checksum,
   * since only keys the database knew are ever cached. A cache entry ends no
   * later than the secret's validity, so a hit needs no expiry check either:
   * an expired key always reaches the database, which says when it stopped.
   * Disabled keys are cached too: refusing one costs no statement. A key
   * that passes is last held to its organization's key policy.
   */
  check(candidate: string, clientIp: () => string | undefined): VerifiedKey | KeyRefusal | Promise<VerifiedKey | KeyRefusal> {
    return this.policy.enforce(this.verify(candidate, clientIp));
  }

  private verify(candidate: string, clientIp: () => string | undefined): VerifiedKey | KeyRefusal | Promise<VerifiedKey | KeyRefusal> {
    if (!hasApiKeyShape(candidate)) return 'NOT_FOUND';
    const digest = digestApiKey(candidate);
    const trusted = this.revocations.trusted;
    const cached = trusted ? this.cache.get(digest) : undefined;
    // Answered synchronously from the cache: the hot path allocates no promise.
    if (cached) return judge(cached, clientIp);
    if (!hasValidChecksum(candidate)) return 'NOT_FOUND';
    return this.lookUp(digest, trusted, clientIp);
  }

  /**
   * Counts a request the key may make (it passed every other check): against
   * its rate limit first, and only if that admits it, in its usage and
   * last-used time. A refused request counts nothing. Null for a key with no
   * limit; synchronous while this instance holds part of the key's budget.
   */
  admit(key: VerifiedKey): RateDecision | null | Promise<RateDecision> {
    if (key.rateLimit === null) {
      this.usage.record(key.apiKeyId, key.lastUsedAt);
      return null;
    }
    const decision = this.rateLimiter.take(key.apiKeyId, key.rateLimit);
    return decision instanceof Promise ? decision.then((settled) => this.count(key, settled)) : this.count(key, decision);
  }

  private count(key: VerifiedKey, decision: RateDecision): RateDecision {
    if (decision.allowed) this.usage.record(key.apiKeyId, key.lastUsedAt);
    return decision;
  }

  private async lookUp(digest: string, trusted: boolean, clientIp: () => string | undefined): Promise<VerifiedKey | KeyRefusal> {
    const epoch = this.cache.epoch;
    const found = await this.store.findVerifiedKey(digest);
    if (!found) return 'NOT_FOUND';
    const now = Date.now();
    if (found.validUntil <= now) return found.expiresAt !== null && found.expiresAt.getTime() <= now ? 'EXPIRED' : 'NOT_FOUND';
    if (trusted && this.revocations.trusted) this.cache.set(digest, found, epoch);
    return judge(found, clientIp);
  }
}

function judge(key: VerifiedKey, clientIp: () => string | undefined): VerifiedKey | KeyRefusal {
  if (!key.enabled) return 'DISABLED';
  if (key.allowedIps !== null && !key.allowedIps.allows(clientIp())) return 'IP_NOT_ALLOWED';
  return key;
}

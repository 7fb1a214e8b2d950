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
export type KeyRefusalCode = 'NOT_FOUND' | 'EXPIRED' | 'DISABLED' | 'IP_NOT_ALLOWED' | 'POLICY_VIOLATION';

/** A refusal, with the key it refused when the key exists (the verification call reports it). */
export class KeyRefusal {
  constructor(
    readonly code: KeyRefusalCode,
    readonly key: VerifiedKey | null,
  ) {}
}

const NOT_FOUND = new KeyRefusal('NOT_FOUND', null);

/** Every answer of `POST /keys/verify`, in the contract's order of precedence. */
export type VerificationCode = KeyRefusalCode | 'INSUFFICIENT_PERMISSIONS' | 'RATE_LIMITED' | 'VALID';

export interface Verification {
  code: VerificationCode;
  /** The key the secret belongs to, whenever it exists (refused or not). */
  key: VerifiedKey | null;
  /** For a key with a limit: the decision that counted this request, or the window as it stands for a refused one. */
  rateLimit: { limit: number; remaining: number; resetSeconds: number } | null;
}

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
    const found = this.identify(candidate, clientIp);
    return found instanceof Promise ? found.then((settled) => this.heldToPolicy(settled)) : this.heldToPolicy(found);
  }

  private heldToPolicy(found: VerifiedKey | KeyRefusal): VerifiedKey | KeyRefusal | Promise<VerifiedKey | KeyRefusal> {
    if (found instanceof KeyRefusal) return found;
    const verdict = this.policy.enforce(found);
    if (verdict instanceof Promise)
      return verdict.then((settled) => (settled === 'POLICY_VIOLATION' ? new KeyRefusal('POLICY_VIOLATION', found) : settled));
    return verdict === 'POLICY_VIOLATION' ? new KeyRefusal('POLICY_VIOLATION', found) : verdict;
  }

  private identify(candidate: string, clientIp: () => string | undefined): VerifiedKey | KeyRefusal | Promise<VerifiedKey | KeyRefusal> {
    if (!hasApiKeyShape(candidate)) return NOT_FOUND;
    const digest = digestApiKey(candidate);
    const trusted = this.revocations.trusted;
    const cached = trusted ? this.cache.get(digest) : undefined;
    // Answered synchronously from the cache: the hot path allocates no promise.
    if (cached) return judge(cached, clientIp);
    if (!hasValidChecksum(candidate)) return NOT_FOUND;
    return this.lookUp(digest, trusted, clientIp);
  }

  /**
   * Counts a request the key may make (it passed every other check): against
   * its rate limit first, and only if that admits it, in its usage and
   * last-used time. A refused request counts nothing. Null for a key with no
   * limit; synchronous while this instance holds part of the key's budget.
   */
  /**
   * The whole verification another service asks for: the same check and the
   * same admission as a REST request by the key (cache, revocations, expiry,
   * grace periods, rate limit, usage), with the route's permission check
   * replaced by the permissions the caller names. Only a VALID answer counts.
   */
  async verify(candidate: string, clientIp: string | undefined, permissions: readonly string[]): Promise<Verification> {
    const checked = await this.check(candidate, () => clientIp);
    if (checked instanceof KeyRefusal) return { code: checked.code, key: checked.key, rateLimit: this.standing(checked.key) };
    if (!holdsAll(checked, permissions)) return { code: 'INSUFFICIENT_PERMISSIONS', key: checked, rateLimit: this.standing(checked) };
    const decision = await this.admit(checked);
    if (decision === null) return { code: 'VALID', key: checked, rateLimit: null };
    const rateLimit = { limit: decision.policy.requests, remaining: decision.remaining, resetSeconds: decision.resetSeconds };
    return { code: decision.allowed ? 'VALID' : 'RATE_LIMITED', key: checked, rateLimit };
  }

  /** A refused request counts nothing: the window as it stands. */
  private standing(key: VerifiedKey | null): Verification['rateLimit'] {
    if (key?.rateLimit == null) return null;
    return { limit: key.rateLimit.requests, ...this.rateLimiter.peek(key.apiKeyId, key.rateLimit) };
  }

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
    if (!found) return NOT_FOUND;
    const now = Date.now();
    if (found.validUntil <= now) return found.expiresAt !== null && found.expiresAt.getTime() <= now ? new KeyRefusal('EXPIRED', found) : NOT_FOUND;
    if (trusted && this.revocations.trusted) this.cache.set(digest, found, epoch);
    return judge(found, clientIp);
  }
}

function judge(key: VerifiedKey, clientIp: () => string | undefined): VerifiedKey | KeyRefusal {
  if (!key.enabled) return new KeyRefusal('DISABLED', key);
  if (key.allowedIps !== null && !key.allowedIps.allows(clientIp())) return new KeyRefusal('IP_NOT_ALLOWED', key);
  return key;
}

function holdsAll(key: VerifiedKey, permissions: readonly string[]): boolean {
  return permissions.every((p) => (key.permissions as readonly string[]).includes(p));
}

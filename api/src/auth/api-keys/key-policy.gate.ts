import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { preparedQuery } from '../../database/prepared-query';
import type { VerifiedKey } from './api-key-store';
import { KeyCache } from './key-cache';
import { DEFAULT_KEY_POLICY, ExposureAction, hasRules, KeyPolicyRules, policyViolations } from './key-policy-rules';
import { RevocationFeed } from './revocation-feed';

const POLICY_SQL = 'select max_lifetime_days, require_expiry, allowed_ips, require_rate_limit, on_exposure from key_policy where organization_id = ?';

interface KeyPolicyRow {
  max_lifetime_days: number | null;
  require_expiry: boolean;
  allowed_ips: string[];
  require_rate_limit: boolean;
  on_exposure: ExposureAction;
}

/**
 * A key that passed every other check, held to its organization's policy at
 * use: a key made before a stricter policy is refused until it is fixed, on
 * every instance. Policies are cached per organization beside the keys (and
 * trusted, like them, only while the revocation feed is live); an
 * organization without rules costs a map lookup.
 */
@Injectable()
export class KeyPolicyGate {
  /** The allowed-address rule parses addresses: its verdict is kept per cached key and policy. */
  private readonly addressVerdicts = new WeakMap<VerifiedKey, { policy: KeyPolicyRules; broken: boolean }>();

  constructor(
    private readonly em: EntityManager,
    private readonly cache: KeyCache,
    private readonly revocations: RevocationFeed,
  ) {}

  enforce(key: VerifiedKey): VerifiedKey | 'POLICY_VIOLATION' | Promise<VerifiedKey | 'POLICY_VIOLATION'> {
    const trusted = this.revocations.trusted;
    const cached = trusted ? this.cache.policy(key.organization.id) : undefined;
    if (cached) return this.judge(key, cached);
    const epoch = this.cache.epoch;
    return this.read(key.organization.id).then((policy) => {
      if (trusted && this.revocations.trusted) this.cache.setPolicy(key.organization.id, policy, epoch);
      return this.judge(key, policy);
    });
  }

  /**
   * The organization's policy, or the default when it never set one. A write
   * passes its own EntityManager: a write sent with an Idempotency-Key runs in
   * one transaction, and a prepared read takes another connection from the
   * pool (the embedded database's only one, held by that transaction).
   */
  async read(organizationId: string, em?: EntityManager): Promise<KeyPolicyRules> {
    const [row] = em
      ? await em.execute<KeyPolicyRow[]>(POLICY_SQL, [organizationId])
      : await preparedQuery<KeyPolicyRow>(this.em, 'find_key_policy', POLICY_SQL, [organizationId]);
    if (!row) return DEFAULT_KEY_POLICY;
    return {
      maxLifetimeDays: row.max_lifetime_days,
      requireExpiry: row.require_expiry,
      allowedIps: row.allowed_ips,
      requireRateLimit: row.require_rate_limit,
      onExposure: row.on_exposure,
    };
  }

  private judge(key: VerifiedKey, policy: KeyPolicyRules): VerifiedKey | 'POLICY_VIOLATION' {
    if (!hasRules(policy)) return key;
    const subject = { expiresAt: key.expiresAt, hasRateLimit: key.rateLimit !== null, allowedIps: key.allowedIps?.entries ?? [] };
    if (policy.allowedIps.length > 0) {
      let verdict = this.addressVerdicts.get(key);
      if (verdict?.policy !== policy) {
        verdict = { policy, broken: policyViolations({ ...DEFAULT_KEY_POLICY, allowedIps: policy.allowedIps }, subject, 0).length > 0 };
        this.addressVerdicts.set(key, verdict);
      }
      if (verdict.broken) return 'POLICY_VIOLATION';
    }
    const rest = policyViolations({ ...policy, allowedIps: [] }, subject, Date.now());
    return rest.length > 0 ? 'POLICY_VIOLATION' : key;
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuditChange } from '../audit/audit-event.entity';
import type { AuditActorRef } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import { KeyCache } from '../auth/api-keys/key-cache';
import { KeyPolicyGate } from '../auth/api-keys/key-policy.gate';
import { KeyPolicyRules, policyViolations } from '../auth/api-keys/key-policy-rules';
import { publishRevocation } from '../auth/api-keys/revocation-feed';
import type { OrganizationAccess } from '../authz/principal';
import { Clock } from '../common/clock';
import { KeyPolicy as KeyPolicyBody, KeyPolicyDryRun } from './dto/key-policy.dto';
import { KeyPolicy } from './key-policy.entity';
import { Organization } from './organization.entity';

const FIELDS = ['maxLifetimeDays', 'requireExpiry', 'allowedIps', 'requireRateLimit', 'onExposure'] as const;

@Injectable()
export class KeyPolicyService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly gate: KeyPolicyGate,
    private readonly cache: KeyCache,
    private readonly clock: Clock,
  ) {}

  get(organizationId: string): Promise<KeyPolicyRules> {
    return this.gate.read(organizationId).then(copy);
  }

  /**
   * Replaces the policy. Keys are left as they are: one that breaks the new
   * policy is refused at use until fixed. Every instance forgets the cached
   * policy in the same transaction, as on a key's change.
   */
  async put(access: OrganizationAccess, body: KeyPolicyBody, actor: AuditActorRef): Promise<KeyPolicyRules> {
    const organizationId = access.organizationId;
    await this.em.fork().transactional(async (tx) => {
      const organization = tx.getReference(Organization, organizationId);
      const policy = (await tx.findOne(KeyPolicy, { organization: organizationId })) ?? tx.create(KeyPolicy, new KeyPolicy(organization));
      const changes: AuditChange[] = [];
      for (const field of FIELDS) {
        const before = textOf(policy[field]);
        const after = textOf(body[field]);
        if (before.join() !== after.join()) changes.push({ field, before, after });
      }
      if (changes.length === 0) return;
      Object.assign(policy, copy(body));
      this.audit.record(
        tx,
        organizationId,
        'key_policy.updated',
        actor,
        { type: 'organization', id: organizationId, name: access.organizationName },
        changes,
      );
      await tx.flush();
      // The organization's id on the revocation channel: every instance forgets its cached policy.
      await publishRevocation(tx, organizationId);
    });
    this.cache.revoke(organizationId);
    // Read through this request's EntityManager: a PUT sent with an Idempotency-Key (the SDK always sends one) runs
    // in one transaction, holding the embedded database's only connection, which a prepared read would wait for.
    return this.gate.read(organizationId, this.em.fork()).then(copy);
  }

  /** How many of the organization's keys the policy would refuse at use, before anyone saves it. */
  async dryRun(organizationId: string, policy: KeyPolicyRules): Promise<KeyPolicyDryRun> {
    const rows = await this.em
      .fork()
      .execute<{ expires_at: Date | null; rate_limit_requests: number | null; allowed_ips: string[] }[]>(
        'select expires_at, rate_limit_requests, allowed_ips from api_key where organization_id = ? and revoked_at is null',
        [organizationId],
      );
    const now = this.clock.now();
    const violatingKeys = rows.filter(
      (row) =>
        policyViolations(policy, { expiresAt: row.expires_at, hasRateLimit: row.rate_limit_requests !== null, allowedIps: row.allowed_ips }, now)
          .length > 0,
    ).length;
    return { violatingKeys };
  }
}

const copy = (policy: KeyPolicyRules): KeyPolicyRules => ({
  maxLifetimeDays: policy.maxLifetimeDays,
  requireExpiry: policy.requireExpiry,
  allowedIps: [...policy.allowedIps],
  requireRateLimit: policy.requireRateLimit,
  onExposure: policy.onExposure,
});

/** How the audit log writes a policy field: none (no limit) is an empty list. */
const textOf = (value: number | boolean | string | string[] | null): string[] =>
  value === null ? [] : Array.isArray(value) ? [...value] : [String(value)];

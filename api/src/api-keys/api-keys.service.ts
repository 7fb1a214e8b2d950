import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuditChange } from '../audit/audit-event.entity';
import type { AuditActorRef } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import { Grant } from '../authz/grants';
import type { OrganizationAccess } from '../authz/principal';
import { Clock, DAY_MS, utcDate, utcDayStart } from '../common/clock';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
import { Permission } from '../authz/permissions';
import { decodeListCursor, encodeListCursor, positionOf } from './api-key-list';
import { flushNamed } from '../database/unique-name';
import { notFound, ProblemException } from '../errors/problem';
import { Organization } from '../organizations/organization.entity';
import { User } from '../auth/user.entity';
import { ApiKey } from './api-key.entity';
import type { ApiKeyPageRow } from './api-key.repository';
import {
  ApiKeyListItem,
  ApiKeyListQuery,
  ApiKeyPage,
  ApiKeyResponse,
  AttentionResponse,
  ApiKeyUsageResponse,
  CreateApiKeyRequest,
  CreatedApiKeyResponse,
  UpdateApiKeyRequest,
} from './dto/api-key.dto';
import { KeyCache } from '../auth/api-keys/key-cache';
import { UsageTracker } from '../auth/api-keys/usage.tracker';
import { publishExpirySet, publishRevocation, workingDigests } from '../auth/api-keys/revocation-feed';
import { allowlistOf } from '../auth/api-keys/ip-allowlist';
import { RateLimiter, RateLimitPolicy } from '../auth/api-keys/rate-limiter';
import { rateLimitPolicy } from '../auth/api-keys/api-key-store';
import { KeyPolicyGate } from '../auth/api-keys/key-policy.gate';
import { DEFAULT_KEY_POLICY, KeyPolicyRules, PolicyRule, policyViolations, PolicySubject, ruleMessage } from '../auth/api-keys/key-policy-rules';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly usageTracker: UsageTracker,
    private readonly cache: KeyCache,
    private readonly rateLimiter: RateLimiter,
    private readonly clock: Clock,
    private readonly policies: KeyPolicyGate,
  ) {}

  /**
   * A page of keys and how many match in all. The two reads run side by side
   * on two connections: the count cannot be taken from the page, and waiting
   * for one before starting the other would add their times.
   */
  async list(organizationId: string, query: ApiKeyListQuery): Promise<ApiKeyPage> {
    const sort = query.sort ?? '-createdAt';
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeListCursor(sort, query.cursor);
    const policy = await this.policies.read(organizationId);
    const filters = { q: query.q || undefined, status: query.status, createdBy: query.createdBy, permission: query.permission, policy };
    const now = this.clock.now();
    const repository = this.em.fork().getRepository(ApiKey);
    const [rows, total] = await Promise.all([
      repository.page(organizationId, sort, after, limit, filters, now),
      repository.matching(organizationId, filters, now),
    ]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => rowToListItem(row, policy, now)),
      total,
      nextCursor: rows.length > limit && last ? encodeListCursor(sort, positionOf(sort, last)) : null,
    };
  }

  /**
   * What needs doing, as counts, each matching a filter of the key list (or
   * the invitations): what the caller may not list is null.
   */
  async attention(access: OrganizationAccess): Promise<AttentionResponse> {
    const em = this.em.fork();
    const now = this.clock.now();
    const keys = access.permissions.has(Permission.KeyManage)
      ? await em.getRepository(ApiKey).attention(access.organizationId, now, await this.policies.read(access.organizationId))
      : { expiringKeys: null, expiredKeys: null, exposedKeys: null, unusedKeys: null, policyViolations: null };
    let invitations = { pendingInvitations: null as number | null, lapsedInvitations: null as number | null };
    if (access.permissions.has(Permission.MemberManage)) {
      const [row] = await em.execute<{ pending: number; lapsed: number }[]>(
        `select count(*) filter (where expires_at > ?)::int as pending, count(*) filter (where expires_at <= ?)::int as lapsed
           from invitation where organization_id = ?`,
        [new Date(now), new Date(now), access.organizationId],
      );
      invitations = { pendingInvitations: row.pending, lapsedInvitations: row.lapsed };
    }
    return { ...keys, ...invitations };
  }

  async get(organizationId: string, apiKeyId: string): Promise<ApiKeyResponse> {
    const [apiKey, policy] = await Promise.all([findKey(this.em.fork(), organizationId, apiKeyId), this.policies.read(organizationId)]);
    return toResponse(apiKey, policy, this.clock.now());
  }

  async create(access: OrganizationAccess, body: CreateApiKeyRequest, actor: AuditActorRef): Promise<CreatedApiKeyResponse> {
    const em = this.em.fork();
    const { name } = body;
    const creator = requireMember(access);
    const grant = Grant.authorize(access, body.permissions ?? []);
    const { permissions } = grant;
    const { key, digest, maskedKey } = grant.mintApiKey();
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    const organization = em.getReference(Organization, access.organizationId);
    const apiKey = new ApiKey(organization, name, digest, maskedKey, em.getReference(User, creator.id), expiresAt);
    apiKey.permissions = permissions;
    apiKey.enabled = body.enabled ?? true;
    apiKey.rateLimitRequests = body.rateLimit?.requests ?? null;
    apiKey.rateLimitWindowSeconds = body.rateLimit?.windowSeconds ?? null;
    apiKey.allowedIps = body.allowedIps ?? [];
    const policyEpoch = this.cache.epoch;
    const policy = await this.policies.read(access.organizationId, em);
    assertCompliant(policy, subjectOf(apiKey), this.clock.now());
    em.persist(apiKey);
    this.audit.record(em, access.organizationId, 'api_key.created', actor, { type: 'api_key', id: apiKey.id, name });
    const epoch = this.cache.epoch;
    await flushNamed(em, name);
    if (expiresAt) await publishExpirySet(em);
    // The integration that receives this key usually calls right away: let that first call hit the cache, for the
    // key and for its organization's policy, which the call is held to.
    this.cache.setPolicy(access.organizationId, policy, policyEpoch);
    this.cache.set(
      digest,
      {
        kind: 'apiKey',
        apiKeyId: apiKey.id,
        name: apiKey.name,
        maskedKey,
        organization: { id: access.organizationId, name: access.organizationName },
        permissions,
        expiresAt,
        lastUsedAt: null,
        validUntil: expiresAt?.getTime() ?? Infinity,
        enabled: apiKey.enabled,
        rateLimit: rateLimitOf(apiKey),
        allowedIps: allowlistOf(apiKey.allowedIps),
      },
      epoch,
    );
    return {
      ...toResponse(apiKey, policy, this.clock.now()),
      createdBy: { id: creator.id, name: creator.name, email: creator.email },
      key,
    };
  }

  /**
   * Renames the key, changes what it may do, or its runtime limits (expiry,
   * rate limit, addresses, enabled). Cached verifications carry all of them
   * (whoami reports the name; the guard checks the rest), so every instance
   * is told to forget the key, as on a delete, and its next request is judged
   * by what it holds now. A new expiry also renews an expired key in place.
   */
  async update(access: OrganizationAccess, apiKeyId: string, body: UpdateApiKeyRequest, actor: AuditActorRef): Promise<ApiKeyResponse> {
    const { name, permissions, expiresAt, rateLimit, allowedIps, enabled } = body;
    if ([name, permissions, expiresAt, rateLimit, allowedIps, enabled].every((field) => field === undefined)) {
      throw new ProblemException('validation', 'Send at least one field to change.', [
        { field: 'body', message: 'must set at least one of name, permissions, expiresAt, rateLimit, allowedIps, enabled' },
      ]);
    }
    const em = this.em.fork();
    const apiKey = await findKey(em, access.organizationId, apiKeyId);
    const changes: AuditChange[] = [];
    if (name !== undefined && name !== apiKey.name) {
      changes.push({ field: 'name', before: [apiKey.name], after: [name] });
      apiKey.name = name;
    }
    if (permissions !== undefined && !sameSet(permissions, apiKey.permissions)) {
      // What the key holds afterwards must all be the caller's to give: taking a permission away included,
      // which leaves the key with the rest.
      const granted = Grant.authorize(access, permissions).permissions;
      changes.push({ field: 'permissions', before: apiKey.permissions, after: granted });
      apiKey.permissions = granted;
    }
    // Bringing a key back to life (enabling it, or moving its expiry later) hands its permissions back to whoever
    // holds its secret, so the caller must hold them, as to create it; restraining a key never needs them.
    const revives = (enabled === true && !apiKey.enabled) || (expiresAt !== undefined && extendsExpiry(apiKey.expiresAt, expiresAt));
    if (revives) Grant.authorize(access, apiKey.permissions);
    if (expiresAt !== undefined) {
      const at = expiresAt === null ? null : new Date(expiresAt);
      if (at?.getTime() !== apiKey.expiresAt?.getTime()) {
        changes.push({ field: 'expiresAt', before: instantText(apiKey.expiresAt), after: instantText(at) });
        apiKey.expiresAt = at;
      }
    }
    const limitChanged = rateLimit !== undefined && rateLimitText(rateLimit).join() !== rateLimitText(rateLimitOf(apiKey)).join();
    if (limitChanged) {
      changes.push({ field: 'rateLimit', before: rateLimitText(rateLimitOf(apiKey)), after: rateLimitText(rateLimit) });
      apiKey.rateLimitRequests = rateLimit?.requests ?? null;
      apiKey.rateLimitWindowSeconds = rateLimit?.windowSeconds ?? null;
    }
    if (allowedIps !== undefined && !sameSet(allowedIps, apiKey.allowedIps)) {
      changes.push({ field: 'allowedIps', before: apiKey.allowedIps, after: allowedIps });
      apiKey.allowedIps = allowedIps;
    }
    if (enabled !== undefined && enabled !== apiKey.enabled) {
      changes.push({ field: 'enabled', before: [String(apiKey.enabled)], after: [String(enabled)] });
      apiKey.enabled = enabled;
    }
    const policy = await this.policies.read(access.organizationId, em);
    const now = this.clock.now();
    if (changes.length === 0) return toResponse(apiKey, policy, now);
    // A change is held to the rules on what it sets: a key that broke the policy before can still be renamed or disabled.
    const touched = new Set<PolicyRule>([
      ...(expiresAt !== undefined ? (['requireExpiry', 'maxLifetimeDays'] as const) : []),
      ...(allowedIps !== undefined ? (['allowedIps'] as const) : []),
      ...(rateLimit !== undefined ? (['requireRateLimit'] as const) : []),
    ]);
    assertCompliant(policy, subjectOf(apiKey), now, touched);
    this.audit.record(em, access.organizationId, 'api_key.updated', actor, { type: 'api_key', id: apiKey.id, name: apiKey.name }, changes);
    await em.transactional(async (tx) => {
      await flushNamed(tx, apiKey.name);
      // A new limit starts from a full window: what instances leased under the old one no longer counts.
      if (limitChanged) await tx.execute('delete from api_key_rate_slot where api_key_id = ?', [apiKey.id]);
      // Every answer a verifying service may have cached about these secrets is now stale, whatever changed.
      await publishRevocation(tx, apiKey.id, {
        organizationId: access.organizationId,
        digests: workingDigests(apiKey),
        reason: enabled === false && changes.some((c) => c.field === 'enabled') ? 'disabled' : 'changed',
      });
    });
    this.cache.revoke(apiKeyId);
    if (limitChanged) this.rateLimiter.forget(apiKeyId);
    return toResponse(apiKey, policy, now);
  }

  /**
   * Gives the key a new secret. The current one becomes the replaced secret,
   * accepted until the grace period ends (or not at all with 0); whichever
   * secret an earlier roll replaced stops at once. Every instance forgets
   * the key's cached secrets in the same transaction, like a delete, so no
   * cache keeps a refused secret, nor the old validity of the replaced one.
   * The new secret carries the key's permissions to whoever rolls it, so
   * they must hold every one of them, as to create the key. While the
   * secret an earlier roll replaced still works, a roll would cut it off:
   * refused unless `replacePrevious` says that is meant.
   */
  async roll(
    access: OrganizationAccess,
    apiKeyId: string,
    { gracePeriodSeconds, replacePrevious }: { gracePeriodSeconds: number; replacePrevious: boolean },
    actor: AuditActorRef,
  ): Promise<CreatedApiKeyResponse> {
    let policy = DEFAULT_KEY_POLICY;
    const { apiKey, key } = await this.em.fork().transactional(async (tx) => {
      // Locked, so two simultaneous rolls happen one after the other and only the last secret survives them.
      const found = await findKey(tx, access.organizationId, apiKeyId, LockMode.PESSIMISTIC_WRITE);
      const previousKeyExpiresAt = stillWorking(found.previousKeyExpiresAt);
      if (previousKeyExpiresAt && !replacePrevious) {
        throw new ProblemException(
          'previousSecretStillWorking',
          `The secret replaced by this key's last roll still works until ${previousKeyExpiresAt.toISOString()}; rolling again would ` +
            'stop it at once. Wait until then, or send "replacePrevious": true if that is what you want.',
          undefined,
          {},
          { previousKeyExpiresAt: previousKeyExpiresAt.toISOString() },
        );
      }
      // A new secret for a key that breaks the policy would be refused at use: fix the key first.
      policy = await this.policies.read(access.organizationId, tx);
      assertCompliant(policy, subjectOf(found), this.clock.now());
      const { key, digest, maskedKey } = Grant.authorize(access, found.permissions).mintApiKey();
      const graceEndsAt = gracePeriodSeconds > 0 ? new Date(Date.now() + gracePeriodSeconds * 1000) : null;
      // What stops now: a secret an earlier roll left working, and the current one unless it gets a grace period.
      const stopped = workingDigests(found).filter((d) => d !== found.digest || graceEndsAt === null);
      found.previousDigest = graceEndsAt ? found.digest : null;
      found.previousKeyExpiresAt = graceEndsAt;
      found.digest = digest;
      found.maskedKey = maskedKey;
      // The grace period is the one choice a roll makes: the log says how long the replaced secret was left working.
      const changes = [{ field: 'gracePeriodSeconds', before: [], after: [String(gracePeriodSeconds)] }];
      this.audit.record(tx, access.organizationId, 'api_key.rolled', actor, { type: 'api_key', id: found.id, name: found.name }, changes);
      await tx.flush();
      await publishRevocation(tx, found.id, { organizationId: access.organizationId, digests: stopped, reason: 'rolled' });
      return { apiKey: found, key };
    });
    this.cache.revoke(apiKeyId);
    return { ...toResponse(apiKey, policy, this.clock.now()), key };
  }

  /** Exactly `days` UTC days ending today, oldest first, zeros included. */
  async usage(organizationId: string, apiKeyId: string, days: number): Promise<ApiKeyUsageResponse> {
    const em = this.em.fork();
    await findKey(em, organizationId, apiKeyId);
    const today = utcDayStart(this.clock.now());
    const dates = Array.from({ length: days }, (_, i) => utcDate(today - (days - 1 - i) * DAY_MS));
    const counted = await em.getRepository(ApiKey).usageSince(apiKeyId, dates[0]);
    return { days: dates.map((date) => ({ date, requests: counted.get(date) ?? 0 })) };
  }

  /**
   * Deletes the key and, in the same transaction, tells every instance to
   * forget it; this instance forgets it before answering, so the key is
   * refused from the moment the DELETE returns.
   */
  async remove(access: OrganizationAccess, apiKeyId: string, actor: AuditActorRef): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      // Locked, so a second DELETE of the same key waits for this one and then finds nothing (404),
      // rather than also answering 204 and writing a second audit event.
      const apiKey = await tx.findOne(ApiKey, { id: apiKeyId, organization: access.organizationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!apiKey) throw notFound('API key');
      tx.remove(apiKey);
      this.audit.record(tx, access.organizationId, 'api_key.deleted', actor, { type: 'api_key', id: apiKey.id, name: apiKey.name });
      await tx.flush();
      await publishRevocation(tx, apiKey.id, { organizationId: access.organizationId, digests: workingDigests(apiKey), reason: 'deleted' });
    });
    this.cache.revoke(apiKeyId);
    this.usageTracker.forget(apiKeyId);
    this.rateLimiter.forget(apiKeyId);
  }
}

/** The organization's key, with its creator; any other organization's key, or none, is a 404. */
async function findKey(em: EntityManager, organizationId: string, apiKeyId: string, lockMode?: LockMode.PESSIMISTIC_WRITE): Promise<ApiKey> {
  const apiKey = await em.findOne(ApiKey, { id: apiKeyId, organization: organizationId }, { populate: ['createdBy'], lockMode });
  if (!apiKey) throw notFound('API key');
  return apiKey;
}

function rowToListItem(row: ApiKeyPageRow, policy: KeyPolicyRules, now: number): ApiKeyListItem {
  return {
    id: row.id,
    name: row.name,
    maskedKey: row.masked_key,
    expiresAt: row.expires_at,
    previousKeyExpiresAt: stillWorking(row.previous_key_expires_at),
    createdAt: row.created_at,
    createdBy: row.creator_id === null ? null : { id: row.creator_id, name: row.creator_name!, email: row.creator_email! },
    lastUsedAt: row.last_used_at,
    permissions: row.permissions,
    enabled: row.enabled,
    rateLimit: rateLimitPolicy(row.rate_limit_requests, row.rate_limit_window_seconds),
    allowedIps: row.allowed_ips,
    revokedAt: row.revoked_at,
    exposure:
      row.exposed_at === null
        ? null
        : {
            foundAt: row.exposed_at,
            url: row.exposure_url,
            source: row.exposure_source,
            reportedBy: row.exposure_reported_by!,
            action: row.exposure_action!,
          },
    policyViolations: policyViolations(
      policy,
      { expiresAt: row.expires_at, hasRateLimit: row.rate_limit_requests !== null, allowedIps: row.allowed_ips },
      now,
    ),
    requests30d: row.requests_30d,
  };
}

/** Once the grace period is over the replaced secret works no more, whatever the row still holds. */
const stillWorking = (previousKeyExpiresAt: Date | null) =>
  previousKeyExpiresAt && previousKeyExpiresAt.getTime() > Date.now() ? previousKeyExpiresAt : null;

function toResponse(apiKey: ApiKey, policy: KeyPolicyRules, now: number): ApiKeyResponse {
  const creator = apiKey.createdBy;
  return {
    id: apiKey.id,
    name: apiKey.name,
    maskedKey: apiKey.maskedKey,
    expiresAt: apiKey.expiresAt,
    previousKeyExpiresAt: stillWorking(apiKey.previousKeyExpiresAt),
    createdAt: apiKey.createdAt,
    createdBy: creator ? { id: creator.id, name: creator.name, email: creator.email } : null,
    lastUsedAt: apiKey.lastUsedAt,
    permissions: apiKey.permissions,
    enabled: apiKey.enabled,
    rateLimit: rateLimitOf(apiKey),
    allowedIps: apiKey.allowedIps,
    revokedAt: apiKey.revokedAt,
    exposure:
      apiKey.exposedAt === null
        ? null
        : {
            foundAt: apiKey.exposedAt,
            url: apiKey.exposureUrl,
            source: apiKey.exposureSource,
            reportedBy: apiKey.exposureReportedBy!,
            action: apiKey.exposureAction!,
          },
    policyViolations: policyViolations(policy, subjectOf(apiKey), now),
  };
}

const subjectOf = (apiKey: ApiKey): PolicySubject => ({
  expiresAt: apiKey.expiresAt,
  hasRateLimit: apiKey.rateLimitRequests !== null,
  allowedIps: apiKey.allowedIps,
});

/** Refuses a key that would break the policy (only the `rules` a change touched, when given), naming each field and rule. */
function assertCompliant(policy: KeyPolicyRules, key: PolicySubject, now: number, rules?: ReadonlySet<PolicyRule>): void {
  const broken = policyViolations(policy, key, now).filter((rule) => rules === undefined || rules.has(rule));
  if (broken.length === 0) return;
  throw new ProblemException(
    'policyViolation',
    `The key would break the organization's key policy: ${broken.join(', ')}. An administrator with Organization: Manage sets the policy.`,
    broken.map((rule) => ruleMessage(rule, policy)),
  );
}

const rateLimitOf = (apiKey: ApiKey) => rateLimitPolicy(apiKey.rateLimitRequests, apiKey.rateLimitWindowSeconds);

/** Whether a new expiry (null: never) lets the key work for longer than it would have. */
const extendsExpiry = (current: Date | null, next: string | null) => current !== null && (next === null || new Date(next) > current);

/** How the audit log writes a rate limit and an instant: none is an empty list. */
const rateLimitText = (limit: RateLimitPolicy | null) => (limit ? [`${limit.requests} per ${limit.windowSeconds} s`] : []);
const instantText = (at: Date | null) => (at ? [at.toISOString()] : []);

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p) => b.includes(p));

/** The member acting: managing keys is for people, and the routes that do it never admit a key. */
function requireMember(access: OrganizationAccess) {
  if (access.actor.type !== 'user') throw new ProblemException('forbidden', 'API keys cannot manage API keys.');
  return access.actor;
}

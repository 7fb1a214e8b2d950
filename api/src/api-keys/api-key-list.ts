import { DAY_MS } from '../common/clock';
import { DEFAULT_KEY_POLICY, type KeyPolicyRules } from '../auth/api-keys/key-policy-rules';
import { UUID_PATTERN } from '../common/validators';
import { validationFailed } from '../errors/problem';

/** `policyViolation`: keys the organization's key policy refuses at use (the Home page's count of them links here). */
export const API_KEY_STATUSES = ['active', 'expiring', 'expired', 'disabled', 'exposed', 'unused', 'policyViolation'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

export const API_KEY_SORTS = ['-createdAt', 'createdAt', 'name', '-lastUsedAt', 'lastUsedAt', 'expiresAt'] as const;
export type ApiKeySort = (typeof API_KEY_SORTS)[number];

/** A key expiring within this long is `expiring`; one not used for `UNUSED_AFTER_MS` is `unused`. */
export const EXPIRING_WITHIN_MS = 14 * DAY_MS;
export const UNUSED_AFTER_MS = 90 * DAY_MS;

/**
 * How each sort orders the rows, as the expression an index of its own (or
 * the created_at one) holds, so every page is one index range scan whatever
 * its depth. Missing instants become ±infinity so the keyset comparison
 * needs no case for null: never-used keys sort as used longest ago, keys
 * that never expire as expiring last. Names are unique ignoring case, so
 * `lower(name)` alone orders them.
 */
export const SORT_ORDER: Record<ApiKeySort, { expression: string; descending: boolean; byName?: true }> = {
  '-createdAt': { expression: 'k.created_at', descending: true },
  createdAt: { expression: 'k.created_at', descending: false },
  name: { expression: 'lower(k.name)', descending: false, byName: true },
  '-lastUsedAt': { expression: "coalesce(k.last_used_at, '-infinity'::timestamptz)", descending: true },
  lastUsedAt: { expression: "coalesce(k.last_used_at, '-infinity'::timestamptz)", descending: false },
  expiresAt: { expression: "coalesce(k.expires_at, 'infinity'::timestamptz)", descending: false },
};

/** Where the next page starts: the last row's sort value (an instant, ±infinity, or a lower-cased name) and id. */
export interface ListPosition {
  value: string;
  id: string;
}

/** The cursor names its sort, so a cursor passed back with another sort is refused rather than skipping keys. */
export function encodeListCursor(sort: ApiKeySort, position: ListPosition): string {
  return Buffer.from(`${sort}|${position.id}|${position.value}`).toString('base64url');
}

export function decodeListCursor(sort: ApiKeySort, cursor: string | undefined): ListPosition | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [cursorSort, id] = text.split('|', 2);
  const value = text.slice(`${cursorSort}|${id}|`.length);
  const valid =
    cursorSort === sort &&
    id !== undefined &&
    UUID_PATTERN.test(id) &&
    Buffer.from(text).toString('base64url') === cursor &&
    (SORT_ORDER[sort].byName ? value.length > 0 : isInstant(value));
  if (!valid) {
    throw validationFailed([{ field: 'cursor', message: 'is not a cursor returned by this API for this sort; start again without it' }]);
  }
  return { value, id };
}

const isInstant = (value: string) => {
  if (value === 'infinity' || value === '-infinity') return true;
  const at = new Date(value);
  return !Number.isNaN(at.getTime()) && at.toISOString() === value;
};

/** The sort value of a row as the cursor carries it: what the sort expression computed for it. */
export function positionOf(sort: ApiKeySort, row: ListedRow): ListPosition {
  const instant = (at: Date | null, none: string) => (at ? at.toISOString() : none);
  const value = {
    '-createdAt': () => row.created_at.toISOString(),
    createdAt: () => row.created_at.toISOString(),
    name: () => row.name_key,
    '-lastUsedAt': () => instant(row.last_used_at, '-infinity'),
    lastUsedAt: () => instant(row.last_used_at, '-infinity'),
    expiresAt: () => instant(row.expires_at, 'infinity'),
  }[sort]();
  return { value, id: row.id };
}

interface ListedRow {
  id: string;
  /** `lower(name)` as the database computes it, which JavaScript's lower-casing need not match. */
  name_key: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
}

/** The filters of a list, beside its sort and position. */
export interface ApiKeyFilters {
  q?: string;
  status?: readonly ApiKeyStatus[];
  createdBy?: string;
  permission?: string;
  /** The organization's key policy, which `policyViolation` judges by. */
  policy?: KeyPolicyRules;
}

/**
 * One status as a condition on the key row and the instants it compares
 * with, judged at `now`; the statuses asked for combine with OR.
 */
export function statusCondition(status: ApiKeyStatus, now: number, policy: KeyPolicyRules = DEFAULT_KEY_POLICY): [string, unknown[]] {
  switch (status) {
    case 'active':
      return ['(k.enabled and k.revoked_at is null and (k.expires_at is null or k.expires_at > ?))', [new Date(now)]];
    case 'expiring':
      return ['(k.expires_at > ? and k.expires_at <= ?)', [new Date(now), new Date(now + EXPIRING_WITHIN_MS)]];
    case 'expired':
      return ['(k.expires_at <= ?)', [new Date(now)]];
    case 'disabled':
      return ['(not k.enabled)', []];
    case 'exposed':
      return ['(k.exposed_at is not null)', []];
    case 'unused':
      return ['(k.last_used_at is null or k.last_used_at < ?)', [new Date(now - UNUSED_AFTER_MS)]];
    case 'policyViolation':
      return violationCondition(policy, now);
  }
}

/**
 * The rules of `policyViolations()` (key-policy-rules.ts) as one condition,
 * so the list and its count find exactly the keys refused at use. Address
 * ranges are compared by PostgreSQL's `inet` containment.
 */
function violationCondition(policy: KeyPolicyRules, now: number): [string, unknown[]] {
  const broken: string[] = [];
  const values: unknown[] = [];
  if (policy.requireExpiry) broken.push('k.expires_at is null');
  if (policy.maxLifetimeDays !== null) {
    broken.push('k.expires_at is null or k.expires_at > ?');
    values.push(new Date(now + policy.maxLifetimeDays * DAY_MS));
  }
  if (policy.allowedIps.length > 0) {
    broken.push(
      'cardinality(k.allowed_ips) = 0 or exists (select 1 from unnest(k.allowed_ips) a where not exists ' +
        '(select 1 from unnest(?::text[]) p where a::inet <<= p::inet))',
    );
    values.push(policy.allowedIps);
  }
  if (policy.requireRateLimit) broken.push('k.rate_limit_requests is null');
  if (broken.length === 0) return ['false', []];
  return [`(k.revoked_at is null and (${broken.map((b) => `(${b})`).join(' or ')}))`, values];
}

/** Which rules a policy has: statements judging by different rules have different texts. */
export function policyShape(policy: KeyPolicyRules): string {
  return [policy.requireExpiry, policy.maxLifetimeDays !== null, policy.allowedIps.length > 0, policy.requireRateLimit].map(Number).join('');
}

import { EntityRepository } from '@mikro-orm/postgresql';
import type { Permission } from '../authz/permissions';
import { DAY_MS, utcDate, utcDayStart } from '../common/clock';
import {
  API_KEY_SORTS,
  API_KEY_STATUSES,
  policyShape,
  SORT_ORDER,
  statusCondition,
  type ApiKeyFilters,
  type ApiKeySort,
  type ListPosition,
} from './api-key-list';
import { preparedQuery } from '../database/prepared-query';
import type { ApiKey, ExposureReporter } from './api-key.entity';
import { DEFAULT_KEY_POLICY, type ExposureAction, type KeyPolicyRules } from '../auth/api-keys/key-policy-rules';

/**
 * The WHERE conditions of a list's filters and their values, and a name for
 * their shape (which filters are set), the statement's text depending on
 * nothing else.
 */
function filtersOf(organizationId: string, filters: ApiKeyFilters, now: number) {
  const where = ['k.organization_id = ?'];
  const params: unknown[] = [organizationId];
  let shape = '';
  if (filters.q) {
    where.push(`lower(k.name) like lower(?) escape '\\'`);
    params.push(likeContaining(filters.q));
    shape += 'q';
  }
  if (filters.createdBy) {
    where.push('k.created_by_id = ?');
    params.push(filters.createdBy);
    shape += 'c';
  }
  if (filters.permission) {
    where.push('k.permissions @> array[?]::text[]');
    params.push(filters.permission);
    shape += 'p';
  }
  const statuses = API_KEY_STATUSES.filter((status) => filters.status?.includes(status));
  if (statuses.length) {
    const conditions = statuses.map((status) => statusCondition(status, now, filters.policy));
    where.push(`(${conditions.map(([sql]) => sql).join(' or ')})`);
    params.push(...conditions.flatMap(([, values]) => values));
    shape += `s${statuses.map((status) => API_KEY_STATUSES.indexOf(status)).join('')}`;
    if (statuses.includes('policyViolation')) shape += `v${policyShape(filters.policy ?? DEFAULT_KEY_POLICY)}`;
  }
  return { where, params, shape };
}

/** `\`, `%` and `_` are LIKE's own syntax: a name part holding them must match them literally. */
const likeContaining = (part: string) => `%${part.replace(/[\\%_]/g, '\\$&')}%`;

/** One row of a page of keys: the key and its creator (null once their account is gone). */
export interface ApiKeyPageRow {
  id: string;
  name: string;
  masked_key: string;
  permissions: Permission[];
  expires_at: Date | null;
  previous_key_expires_at: Date | null;
  created_at: Date;
  last_used_at: Date | null;
  creator_id: string | null;
  creator_name: string | null;
  creator_email: string | null;
  name_key: string;
  requests_30d: number;
  enabled: boolean;
  rate_limit_requests: number | null;
  rate_limit_window_seconds: number | null;
  allowed_ips: string[];
  revoked_at: Date | null;
  exposed_at: Date | null;
  exposure_url: string | null;
  exposure_source: string | null;
  exposure_reported_by: ExposureReporter | null;
  exposure_action: ExposureAction | null;
}

export class ApiKeyRepository extends EntityRepository<ApiKey> {
  /**
   * One page of an organization's keys in the given order (plus one row to
   * tell if more follow), filtered. Every sort has an index on
   * (organization, its expression, id), so the page is one index range scan
   * that stops as soon as the page is full, however deep; the filters ride
   * on it. Each row carries its requests of the last 30 days, summed from
   * the usage rows of that key alone. Read as rows into no identity map:
   * hydrating a page of entities cost more than the rest of the request
   * together. Each shape of filters is its own prepared statement.
   */
  page(
    organizationId: string,
    sort: ApiKeySort,
    after: ListPosition | undefined,
    limit: number,
    filters: ApiKeyFilters,
    now: number,
  ): Promise<ApiKeyPageRow[]> {
    const { expression, descending } = SORT_ORDER[sort];
    const usageSince = utcDate(utcDayStart(now) - 29 * DAY_MS);
    const { where, params, shape } = filtersOf(organizationId, filters, now);
    const conditions = [...where];
    if (after) {
      const cast = SORT_ORDER[sort].byName ? '' : '::timestamptz';
      conditions.push(`(${expression}, k.id) ${descending ? '<' : '>'} (?${cast}, ?)`);
      params.push(after.value, after.id);
    }
    const direction = descending ? 'desc' : 'asc';
    const order = SORT_ORDER[sort].byName ? `${expression} asc` : `${expression} ${direction}, k.id ${direction}`;
    return preparedQuery<ApiKeyPageRow>(
      this.getEntityManager(),
      `api_key_list_${API_KEY_SORTS.indexOf(sort)}_${shape}${after ? '_after' : ''}`,
      `select k.id, k.name, lower(k.name) as name_key, k.masked_key, k.permissions, k.expires_at, k.previous_key_expires_at,
              k.created_at, k.last_used_at, k.enabled, k.rate_limit_requests, k.rate_limit_window_seconds, k.allowed_ips,
              k.revoked_at, k.exposed_at, k.exposure_url, k.exposure_source, k.exposure_reported_by, k.exposure_action,
              u.id as creator_id, u.name as creator_name, u.email as creator_email,
              (select coalesce(sum(d.requests), 0)::int from api_key_usage d where d.api_key_id = k.id and d.day >= ?::date) as requests_30d
         from api_key k left join app_user u on u.id = k.created_by_id
        where ${conditions.join(' and ')}
        order by ${order}
        limit ?`,
      [usageSince, ...params, limit + 1],
    );
  }

  /** How many of the organization's keys match the filters: one count over the (organization, created_at, id) index. */
  async matching(organizationId: string, filters: ApiKeyFilters, now: number): Promise<number> {
    const { where, params, shape } = filtersOf(organizationId, filters, now);
    const [row] = await preparedQuery<{ total: number }>(
      this.getEntityManager(),
      `api_key_count_${shape}`,
      `select count(*)::int as total from api_key k where ${where.join(' and ')}`,
      params,
    );
    return row.total;
  }

  /** The key counts the Home page shows, in one pass over the organization's keys. */
  async attention(
    organizationId: string,
    now: number,
    policy: KeyPolicyRules,
  ): Promise<{ expiringKeys: number; expiredKeys: number; exposedKeys: number; unusedKeys: number; policyViolations: number }> {
    const counted = (['expiring', 'expired', 'exposed', 'unused', 'policyViolation'] as const).map((status) => statusCondition(status, now, policy));
    const [row] = await this.getEntityManager().execute<{ c0: number; c1: number; c2: number; c3: number; c4: number }[]>(
      `select ${counted.map(([sql], i) => `count(*) filter (where ${sql})::int as c${i}`).join(', ')}
         from api_key k where k.organization_id = ?`,
      [...counted.flatMap(([, values]) => values), organizationId],
    );
    return { expiringKeys: row.c0, expiredKeys: row.c1, exposedKeys: row.c2, unusedKeys: row.c3, policyViolations: row.c4 };
  }

  /** Requests per UTC day for one key from `firstDay` on (days with none have no row). */
  async usageSince(apiKeyId: string, firstDay: string): Promise<Map<string, number>> {
    const rows = await this.getEntityManager().execute<{ day: string | Date; requests: string | number }[]>(
      `select to_char(day, 'YYYY-MM-DD') as day, requests from api_key_usage where api_key_id = ? and day >= ?::date`,
      [apiKeyId, firstDay],
    );
    return new Map(rows.map((r) => [String(r.day), Number(r.requests)]));
  }
}

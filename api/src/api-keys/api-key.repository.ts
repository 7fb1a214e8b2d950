import { EntityRepository } from '@mikro-orm/postgresql';
import type { Permission } from '../authz/permissions';
import type { Keyset } from '../common/pagination';
import { preparedQuery } from '../database/prepared-query';
import type { ApiKey, ExposureReporter } from './api-key.entity';
import type { ExposureAction } from '../auth/api-keys/key-policy-rules';

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
   * One newest-first page of an organization's keys (plus one row to tell if
   * more follow), optionally only those whose name contains `q` ignoring case.
   * The name filter rides on the same (organization, created_at, id) index
   * scan, which stops as soon as the page is full. Read as rows into no
   * identity map: hydrating a page of entities cost more than the rest of the
   * request together. Each of the four shapes is its own prepared statement.
   */
  page(organizationId: string, after: Keyset | undefined, limit: number, q?: string): Promise<ApiKeyPageRow[]> {
    const params: unknown[] = [organizationId];
    let where = 'k.organization_id = ?';
    if (q) {
      where += ` and lower(k.name) like lower(?) escape '\\'`;
      params.push(likeContaining(q));
    }
    if (after) {
      where += ' and (k.created_at, k.id) < (?, ?)';
      params.push(after.at, after.id);
    }
    params.push(limit + 1);
    return preparedQuery<ApiKeyPageRow>(
      this.getEntityManager(),
      `api_key_page${q ? '_named' : ''}${after ? '_after' : ''}`,
      `select k.id, k.name, k.masked_key, k.permissions, k.expires_at, k.previous_key_expires_at, k.created_at, k.last_used_at,
              k.enabled, k.rate_limit_requests, k.rate_limit_window_seconds, k.allowed_ips, k.revoked_at,
              k.exposed_at, k.exposure_url, k.exposure_source, k.exposure_reported_by, k.exposure_action,
              u.id as creator_id, u.name as creator_name, u.email as creator_email
         from api_key k left join app_user u on u.id = k.created_by_id
        where ${where}
        order by k.created_at desc, k.id desc
        limit ?`,
      params,
    );
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

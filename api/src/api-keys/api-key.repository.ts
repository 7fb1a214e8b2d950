import { EntityRepository } from '@mikro-orm/postgresql';
import { Keyset, newestFirst } from '../common/pagination';
import type { ApiKey } from './api-key.entity';

/** `\`, `%` and `_` are LIKE's own syntax: a name part holding them must match them literally. */
const likeContaining = (part: string) => `%${part.replace(/[\\%_]/g, '\\$&')}%`;

export class ApiKeyRepository extends EntityRepository<ApiKey> {
  /**
   * One newest-first page of an organization's keys (plus one row to tell if
   * more follow), optionally only those whose name contains `q` ignoring case.
   * The name filter rides on the same (organization, created_at, id) index
   * scan, which stops as soon as the page is full.
   */
  page(organizationId: string, after: Keyset | undefined, limit: number, q?: string): Promise<ApiKey[]> {
    const qb = this.createQueryBuilder('k').leftJoinAndSelect('k.createdBy', 'u').where({ organization: organizationId });
    if (q) qb.andWhere(`lower(k.name) like lower(?) escape '\\'`, [likeContaining(q)]);
    return newestFirst(qb, 'createdAt', 'created_at', after, limit).getResultList();
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

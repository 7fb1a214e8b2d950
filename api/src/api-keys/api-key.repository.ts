import { EntityRepository } from '@mikro-orm/postgresql';
import { Keyset, newestFirst } from '../common/pagination';
import type { ApiKeyPrincipal } from '../authz/principal';
import type { ApiKey } from './api-key.entity';

export interface VerifiedKey extends ApiKeyPrincipal {
  lastUsedAt: Date | null;
}

interface VerifiedKeyRow {
  id: string;
  name: string;
  masked_key: string;
  last_used_at: Date | string | null;
  organization_id: string;
  organization_name: string;
}

export class ApiKeyRepository extends EntityRepository<ApiKey> {
  /** One newest-first page of an organization's keys (plus one row to tell if more follow). */
  page(organizationId: string, after: Keyset | undefined, limit: number): Promise<ApiKey[]> {
    const qb = this.createQueryBuilder('k').leftJoinAndSelect('k.createdBy', 'u').where({ organization: organizationId });
    return newestFirst(qb, 'createdAt', 'created_at', after, limit).getResultList();
  }

  /** The hot path of every integration request: a single unique-index lookup, no entity hydration. */
  async findVerifiedKey(digest: string): Promise<VerifiedKey | null> {
    const [row] = await this.getEntityManager().execute<VerifiedKeyRow[]>(
      `select k.id, k.name, k.masked_key, k.last_used_at, o.id as organization_id, o.name as organization_name
         from api_key k join organization o on o.id = k.organization_id
        where k.digest = ?`,
      [digest],
    );
    if (!row) return null;
    return {
      kind: 'apiKey',
      apiKeyId: row.id,
      name: row.name,
      maskedKey: row.masked_key,
      organization: { id: row.organization_id, name: row.organization_name },
      lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
    };
  }

  /** Writes a batch of last-used times; never moves a time backwards. */
  async recordLastUsed(times: Map<string, number>): Promise<void> {
    const rows = [...times].map(([id, at]) => ({ id, at: new Date(at).toISOString() }));
    await this.getEntityManager().execute(
      `update api_key k set last_used_at = v.at
         from jsonb_to_recordset(?::jsonb) as v(id uuid, at timestamptz)
        where k.id = v.id and (k.last_used_at is null or k.last_used_at < v.at)`,
      [JSON.stringify(rows)],
    );
  }
}

import { EntityRepository } from '@mikro-orm/postgresql';
import { Keyset, newestFirst } from '../common/pagination';
import type { Permission } from '../authz/permissions';
import type { ApiKeyPrincipal } from '../authz/principal';
import type { ApiKey } from './api-key.entity';

export interface VerifiedKey extends ApiKeyPrincipal {
  lastUsedAt: Date | null;
  /**
   * Epoch milliseconds from which the presented secret is refused: the key's
   * expiry, or for a replaced secret the end of its grace period, whichever
   * comes first; Infinity when neither applies.
   */
  validUntil: number;
}

interface VerifiedKeyRow {
  id: string;
  name: string;
  masked_key: string;
  last_used_at: Date | string | null;
  expires_at: Date | string | null;
  previous_key_expires_at: Date | string | null;
  is_current: boolean;
  permissions: Permission[];
  organization_id: string;
  organization_name: string;
}

const time = (value: Date | string) => new Date(value).getTime();

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

  /**
   * The hot path of every integration request: one lookup on the two unique
   * digest indexes (the current secret, or the one a roll replaced), no entity
   * hydration.
   */
  async findVerifiedKey(digest: string): Promise<VerifiedKey | null> {
    const [row] = await this.getEntityManager().execute<VerifiedKeyRow[]>(
      `select k.id, k.name, k.masked_key, k.last_used_at, k.expires_at, k.previous_key_expires_at, k.digest = ? as is_current,
              k.permissions, o.id as organization_id, o.name as organization_name
         from api_key k join organization o on o.id = k.organization_id
        where k.digest = ? or k.previous_digest = ?`,
      [digest, digest, digest],
    );
    if (!row) return null;
    const keyExpiry = row.expires_at === null ? Infinity : time(row.expires_at);
    const secretExpiry = row.is_current ? Infinity : row.previous_key_expires_at === null ? -Infinity : time(row.previous_key_expires_at);
    return {
      kind: 'apiKey',
      apiKeyId: row.id,
      name: row.name,
      maskedKey: row.masked_key,
      organization: { id: row.organization_id, name: row.organization_name },
      permissions: row.permissions,
      expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
      lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
      validUntil: Math.min(keyExpiry, secretExpiry),
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

import type { QueryBuilder } from '@mikro-orm/postgresql';
import { validationFailed } from '../errors/problem';
import { UUID_PATTERN } from './validators';

/** Items on a page when the request does not say. */
export const DEFAULT_PAGE_SIZE = 50;
/** The most items a page may hold (`limit`). */
export const MAX_PAGE_SIZE = 100;

/** Position after the last item of a page, in (time, id) order, newest first. */
export interface Keyset {
  at: Date;
  id: string;
}

export function encodeCursor({ at, id }: Keyset): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined) return undefined;
  const [iso, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (extra !== undefined || !id || !UUID_PATTERN.test(id) || Number.isNaN(at.getTime()) || at.toISOString() !== iso) {
    throw validationFailed([{ field: 'cursor', message: 'is not a cursor returned by this API; start again without it' }]);
  }
  return { at, id };
}

/** Builds a page from `limit + 1` rows: the extra row only says whether another page exists. */
export function toPage<T, R>(rows: T[], limit: number, keyset: (row: T) => Keyset, map: (row: T) => R) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor(keyset(last)) : null,
  };
}

/**
 * Newest-first keyset pagination over an index on (organization, time, id):
 * every page is one index range scan, however deep, and no COUNT is run.
 */
export function newestFirst<T extends object>(
  qb: QueryBuilder<T>,
  timeProperty: keyof T & string,
  timeColumn: string,
  after: Keyset | undefined,
  limit: number,
): QueryBuilder<T> {
  const alias = qb.alias;
  if (after) qb.andWhere(`(${alias}.${timeColumn}, ${alias}.id) < (?, ?)`, [after.at, after.id]);
  return qb.orderBy({ [timeProperty]: 'desc', id: 'desc' } as never).limit(limit + 1);
}

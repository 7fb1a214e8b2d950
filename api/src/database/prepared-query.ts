import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { CustomTypesConfig, types } from 'pg';

const TIMESTAMPTZ_OID = 1184;

/**
 * MikroORM sets `pg`, process-wide, to hand timestamps over as text (it
 * parses them itself); rows read here do not pass through it, so this read
 * parses them, as the embedded database's driver already does: a prepared
 * read returns `Date`s on either database.
 */
const ROW_TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID ? (value: string) => new Date(value) : types.getTypeParser(oid, format),
} as CustomTypesConfig;

/** The part of knex's client a prepared read uses: its pool, and its query step (which emits knex's `query` event). */
interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void>;
  query(
    connection: unknown,
    query: { sql: string; bindings: readonly unknown[]; options: { name: string; types: CustomTypesConfig } },
  ): Promise<{ response: { rows: unknown[] } }>;
}

/**
 * Runs one read as a named prepared statement on a pooled connection, with
 * its values sent as parameters: PostgreSQL parses and plans the text once
 * per connection, and neither the ORM (which would inline the values into a
 * new SQL text and hydrate entities) nor knex's query builder and runner
 * stand in between. For the statements every request runs (the key lookup,
 * the session and access check, a page of keys); a statement whose text
 * varies needs a name per variant. Errors are converted as the ORM's own,
 * so a lost database is still answered 503. Outside a transaction only: the
 * statement takes its own connection from the pool.
 */
export async function preparedQuery<Row>(em: EntityManager, name: string, sql: string, params: readonly unknown[]): Promise<Row[]> {
  const driver = em.getDriver();
  const client = (driver.getConnection().getKnex() as Knex & { client: KnexClient }).client;
  try {
    const connection = await client.acquireConnection();
    try {
      const { response } = await client.query(connection, { sql, bindings: params, options: { name, types: ROW_TYPES } });
      return response.rows as Row[];
    } finally {
      await client.releaseConnection(connection);
    }
  } catch (error) {
    throw driver.convertException(error as Error);
  }
}

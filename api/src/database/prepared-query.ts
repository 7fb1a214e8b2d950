import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Runs one read as a named prepared statement on a pooled connection, with
 * its values sent as parameters: PostgreSQL parses and plans the text once
 * per connection, and the ORM neither inlines the values into a new SQL text
 * nor hydrates anything. For the statements every request runs (the key
 * lookup, the session and access checks, a page of keys); a statement whose
 * text varies needs a name per variant. Errors are converted as the ORM's
 * own, so a lost database is still answered 503. Outside a transaction only:
 * the statement takes its own connection from the pool.
 */
export async function preparedQuery<Row>(em: EntityManager, name: string, sql: string, params: readonly unknown[]): Promise<Row[]> {
  const driver = em.getDriver();
  try {
    const result = (await driver
      .getConnection()
      .getKnex()
      .raw(sql, params as Knex.RawBinding[])
      .options({ name })) as { rows: Row[] };
    return result.rows;
  } catch (error) {
    throw driver.convertException(error as Error);
  }
}

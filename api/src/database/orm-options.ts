import { EntityClass, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { PGliteDriver, PGliteKnexDialect } from 'mikro-orm-pglite';
import { MIGRATIONS } from '../migrations';
import type { EmbeddedDatabase } from './embedded-database';
import { AppEntityManager } from './request-transaction';

/**
 * knex-pglite sends raw SQL that contains ";" twice to PGlite's `exec` as
 * several statements, even when the ";" is inside a quoted value, and
 * MikroORM then misreads exec's result: looking up the email ";" "found" a
 * user with no fields, and adding a member "a;b@example.com" failed with
 * 500. Only SQL with a ";" outside quotes and comments followed by more SQL
 * (a migration) goes to `exec` now.
 */
PGliteKnexDialect.prototype._query = async function (connection, obj) {
  if (!obj.sql) throw new Error('The query is empty');
  obj.response = hasSeveralStatements(obj.sql) ? await connection.exec(obj.sql) : await connection.query(obj.sql, (obj.bindings ?? []) as unknown[]);
  return obj;
};

/** Whether `sql` holds a statement after a ";" that is not inside a string, quoted name, dollar-quoted body or comment. */
export function hasSeveralStatements(sql: string): boolean {
  let separated = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (separated && !/\s/.test(c)) return true;
    if (c === "'" || c === '"') {
      const close = sql.indexOf(c, i + 1);
      i = close === -1 ? sql.length : close;
    } else if (c === '-' && sql[i + 1] === '-') {
      const close = sql.indexOf('\n', i);
      i = close === -1 ? sql.length : close;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 1;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        i = close === -1 ? sql.length : close + tag.length - 1;
      }
    } else if (c === ';') {
      separated = true;
    }
  }
  return false;
}

/** How long the migration and operator commands wait for a connection: they run no timeout on their statements. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * How much longer than PostgreSQL's own statement_timeout the driver waits
 * for an answer: only a database or network that stopped answering gets
 * this far, and then no cancel can reach it either.
 */
const ANSWER_GRACE_MS = 500;

/**
 * One set of entities and migrations for both databases; only the driver
 * differs. Schema changes happen only through committed migrations.
 *
 * `timeoutMs` (the server's TPTM_DATABASE_TIMEOUT_MS) bounds every database
 * call on PostgreSQL: the wait for a pooled connection, for a new one, and
 * each statement, which PostgreSQL itself cancels (statement_timeout), so
 * its locks are let go and nothing of it runs later. Every query the server
 * makes is an index lookup or a small write; one still running after this is
 * stuck behind a lock or a database that stopped answering, and without a
 * limit the request and its connection would wait for as long as TCP does.
 * Migrations and the operator's commands run without it. PGlite runs in the
 * process and has nothing to wait on.
 */
export function ormOptions(
  databaseUrl: string | undefined,
  embedded: EmbeddedDatabase | undefined,
  { entities, timeoutMs }: { entities: readonly EntityClass<unknown>[]; timeoutMs?: number },
): Options {
  const common: Options = {
    entities: [...entities],
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    discovery: { warnWhenNoEntities: true },
    forceUtcTimezone: true,
    // Query logs carry parameters (key digests among them), so they stay off.
    debug: false,
    allowGlobalContext: false,
    ensureDatabase: false,
    entityManager: AppEntityManager,
  };
  if (databaseUrl) {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: databaseUrl,
      pool: { min: 0, max: 10, acquireTimeoutMillis: timeoutMs ?? CONNECT_TIMEOUT_MS },
      driverOptions: {
        connection: {
          connectionTimeoutMillis: timeoutMs ?? CONNECT_TIMEOUT_MS,
          keepAlive: true,
          ...(timeoutMs && { statement_timeout: timeoutMs, query_timeout: timeoutMs + ANSWER_GRACE_MS }),
        },
      },
    } as Options;
  }
  if (!embedded) throw new Error('No DATABASE_URL and no embedded database to use');
  return {
    ...common,
    driver: PGliteDriver,
    dbName: 'postgres',
    driverOptions: { connection: { pglite: () => embedded.pglite } },
  } as Options;
}

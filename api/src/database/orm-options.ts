import { EntityClass, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { PGliteDriver, PGliteKnexDialect } from 'mikro-orm-pglite';
import { MIGRATIONS } from '../migrations';
import type { EmbeddedDatabase } from './embedded-database';

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

/**
 * How long the server waits on any one query before answering 503. Every
 * query it makes is an index lookup or a small write; one still running
 * after this is stuck behind a database or network that stopped answering,
 * and without a limit the request (and its pooled connection) would wait
 * for as long as TCP does, minutes. Migrations run without it.
 */
export const SERVER_QUERY_TIMEOUT_MS = 5_000;

/**
 * One set of entities and migrations for both databases; only the driver
 * differs. Schema changes happen only through committed migrations.
 */
export function ormOptions(
  databaseUrl: string | undefined,
  embedded: EmbeddedDatabase | undefined,
  { entities, queryTimeoutMs }: { entities: readonly EntityClass<unknown>[]; queryTimeoutMs?: number },
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
  };
  if (databaseUrl) {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: databaseUrl,
      pool: { min: 0, max: 10, acquireTimeoutMillis: 5000 },
      driverOptions: {
        connection: { connectionTimeoutMillis: 5000, keepAlive: true, ...(queryTimeoutMs && { query_timeout: queryTimeoutMs }) },
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

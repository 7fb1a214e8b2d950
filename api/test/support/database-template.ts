import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { Client } from 'pg';
import { EmbeddedDatabase, IN_MEMORY } from '../../src/database/embedded-database';
import { migrateUp } from '../../src/database/migrate';
import { ormOptions } from '../../src/database/orm-options';
import { ENTITIES } from '../../src/entities';

/**
 * Where the migrated template of this run is: a `dumpDataDir()` archive of an
 * embedded database, or the name of a template database on the PostgreSQL
 * server in DATABASE_URL. Set by Jest's global setup, read by the test files'
 * `createTestDatabase()`, which copy it instead of running every migration
 * again in each file.
 */
export const TEMPLATE_ENV = 'TPTM_TEST_DATABASE_TEMPLATE';

/** Migrates one database for the run, the way `npm run migrate` does, and records where it is. */
export async function createTemplate(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `tptm_template_${randomBytes(6).toString('hex')}`;
    await onServer(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const orm = await MikroORM.init(ormOptions(url.toString(), undefined, { entities: ENTITIES }));
    try {
      await migrateUp(orm);
    } finally {
      // CREATE DATABASE … TEMPLATE refuses a template that anyone is connected to.
      await orm.close();
    }
    process.env[TEMPLATE_ENV] = name;
  } else {
    const embedded = await EmbeddedDatabase.open(IN_MEMORY);
    let archive: Blob;
    try {
      const orm = await MikroORM.init(ormOptions(undefined, embedded, { entities: ENTITIES }));
      await migrateUp(orm);
      await orm.close();
      // PGlite works in template1; the other two databases initdb made are never
      // used, and every copy would untar their ~600 files again (a quarter of the
      // ~1 CPU-second each copy takes to open, and 15 MB more memory).
      await embedded.pglite.exec(`update pg_database set datistemplate = false where datname = 'template0'`);
      await embedded.pglite.exec('drop database template0');
      await embedded.pglite.exec('drop database postgres');
      archive = await embedded.pglite.dumpDataDir('none');
    } finally {
      await embedded.close();
    }
    const file = join(mkdtempSync(join(tmpdir(), 'tptm-test-template-')), 'pgdata.tar');
    writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
    process.env[TEMPLATE_ENV] = file;
  }
}

export async function dropTemplate(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  delete process.env[TEMPLATE_ENV];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) await onServer(serverUrl, `drop database if exists ${template} with (force)`);
  else rmSync(dirname(template), { recursive: true, force: true });
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

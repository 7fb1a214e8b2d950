import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { MikroORM } from '@mikro-orm/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../src/app.factory';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { EmbeddedDatabase, IN_MEMORY } from '../src/database/embedded-database';
import { createLogger } from '../src/logging/logger';
import { migrateUp } from '../src/database/migrate';
import { ormOptions } from '../src/database/orm-options';
import { ENTITIES } from '../src/entities';
import { TEMPLATE_ENV } from './support/database-template';

export const OWNER_EMAIL = 'owner@example.com';
export const OWNER_PASSWORD = 'owner-password-1234';
export const ORG_NAME = 'Acme Test';

/** Which database this run uses: embedded PGlite unless DATABASE_URL names a PostgreSQL server. */
export const DATABASE_KIND = process.env.DATABASE_URL ? 'postgresql' : 'pglite';

export interface TestDatabase {
  databaseUrl: string | undefined;
  embedded: EmbeddedDatabase | undefined;
  /** Runs SQL directly, bypassing the app (to inspect what is stored). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database: in-memory PGlite, or a new database on the PostgreSQL server.
 * Each is a copy of the run's template, migrated once by Jest's global setup
 * (test/support/database-template.ts); without one, the migrations run here.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const template = process.env[TEMPLATE_ENV];
  let databaseUrl: string | undefined;
  let embedded: EmbeddedDatabase | undefined;
  let dropDatabase = async () => {};
  if (serverUrl) {
    const name = `tptm_test_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  } else {
    embedded = await EmbeddedDatabase.open(IN_MEMORY, template ? { loadDataDir: new Blob([readFileSync(template)]) } : {});
  }
  if (!template) {
    const orm = await MikroORM.init(ormOptions(databaseUrl, embedded, { entities: ENTITIES }));
    await migrateUp(orm);
    await orm.close();
  }

  let direct: Client | undefined;
  return {
    databaseUrl,
    embedded,
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      if (embedded) return (await embedded.pglite.query<T>(sql, params)).rows;
      if (!direct) {
        direct = new Client({ connectionString: databaseUrl });
        await direct.connect();
      }
      return (await direct.query(sql, params)).rows as T[];
    },
    async drop() {
      await direct?.end().catch(() => undefined);
      await embedded?.close();
      await dropDatabase();
    },
  };
}

export function testConfig(database: TestDatabase, env: Record<string, string> = {}): AppConfig {
  return {
    ...loadConfig({
      TPTM_JWT_SECRET: randomBytes(32).toString('hex'),
      TPTM_IDEMPOTENCY_SECRET: randomBytes(32).toString('hex'),
      TPTM_ADMIN_EMAIL: OWNER_EMAIL,
      TPTM_ADMIN_PASSWORD: OWNER_PASSWORD,
      TPTM_ORG_NAME: ORG_NAME,
      TPTM_LOG_LEVEL: 'info',
      TPTM_PASSWORD_HASH_COST: '10',
      TPTM_LOGIN_MAX_FAILURES: '1000',
      TPTM_LOGIN_ACCOUNT_MAX_FAILURES: '1000',
      TPTM_KEY_MAX_FAILURES: '1000',
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      ...env,
    }),
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  url: string;
  config: AppConfig;
  db: TestDatabase;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  /** The raw log output, for searching for secrets. */
  rawLogs(): string;
  /** Signs in and returns the access token. */
  signIn(email?: string, password?: string): Promise<string>;
  /** Stops the app (flushing what it must), keeping the database. */
  stop(): Promise<void>;
  /** Stops the app and drops the database. */
  close(): Promise<void>;
}

export async function startApp(db: TestDatabase, env: Record<string, string> = {}, config = testConfig(db, env)): Promise<TestApp> {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = await createApp(config, { embedded: db.embedded, logger: createLogger(config.logLevel, destination) });
  // A real listening socket, so concurrent requests behave as they would in production.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const http = request(url);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    http,
    url,
    config,
    db,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs: () => lines.join('\n'),
    async signIn(email = OWNER_EMAIL, password = OWNER_PASSWORD) {
      const response = await http.post('/api/v1/auth/login').send({ email, password });
      if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status} ${response.text}`);
      return response.body.accessToken as string;
    },
    stop,
    async close() {
      await stop();
      await db.drop();
    },
  };
}

/** A fresh database and an app on it: the usual start of a test file. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startApp(await createTestDatabase(), env);
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

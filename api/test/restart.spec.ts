import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '../src/config/app-config';
import { EmbeddedDatabase } from '../src/database/embedded-database';
import { migrateUp } from '../src/database/migrate';
import { ormOptions } from '../src/database/orm-options';
import { ENTITIES } from '../src/entities';
import { bearer, createTestDatabase, OWNER_PASSWORD, startApp, TestDatabase } from './harness';
import { createKey, ownerSession } from './fixtures';

/**
 * The embedded database on disk under TPTM_DATA_DIR (or the same PostgreSQL
 * database) keeps keys, the first-run organization and the signing secret
 * across restarts.
 */
describe('restart on the same data', () => {
  let dataDir: string;
  let serverDb: TestDatabase | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tptm-restart-'));
    if (process.env.DATABASE_URL) serverDb = await createTestDatabase();
  });
  afterAll(async () => {
    await serverDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function boot() {
    const env = {
      TPTM_DATA_DIR: dataDir,
      TPTM_ADMIN_EMAIL: 'owner@example.com',
      TPTM_ADMIN_PASSWORD: OWNER_PASSWORD,
      TPTM_ORG_NAME: 'Acme Test',
      TPTM_LOG_LEVEL: 'info',
      TPTM_PASSWORD_HASH_COST: '10',
      ...(serverDb ? { DATABASE_URL: serverDb.databaseUrl!, TPTM_JWT_SECRET: 's'.repeat(40), TPTM_IDEMPOTENCY_SECRET: 'i'.repeat(40) } : {}),
    };
    const config = loadConfig(env);
    const embedded = serverDb ? undefined : await EmbeddedDatabase.open(config.embeddedDatabase);
    const orm = await MikroORM.init(ormOptions(config.databaseUrl, embedded, { entities: ENTITIES }));
    await migrateUp(orm);
    await orm.close();
    const db: TestDatabase = serverDb ?? {
      databaseUrl: undefined,
      embedded,
      query: async (sql, params) => (await embedded!.pglite.query(sql, params)).rows as never,
      drop: async () => embedded!.close(),
    };
    const t = await startApp(db, {}, config);
    return { t, close: async () => (serverDb ? t.stop() : t.close()) };
  }

  it('keeps keys working, last use recorded, the bootstrap idempotent and tokens valid', async () => {
    const first = await boot();
    const owner = await ownerSession(first.t);
    const { id, key } = await createKey(first.t, owner, 'Survives Restarts');
    await first.t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200);
    await first.close();

    const second = await boot();
    try {
      await second.t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200);
      // The token from before the restart is still valid: the signing secret persisted.
      await second.t.http.get('/api/v1/me').set(bearer(owner.token)).expect(200);
      const list = await second.t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).expect(200);
      expect(list.body.items.find((k: { id: string }) => k.id === id).lastUsedAt).not.toBeNull();
      expect(await second.t.db.query('select name from organization')).toEqual([{ name: 'Acme Test' }]);
      expect(second.t.logs.some((l) => String(l.msg).startsWith('Created organization'))).toBe(false);
    } finally {
      await second.close();
    }
  });

  it('refuses to open an embedded database another process holds', async () => {
    if (serverDb) return;
    const dir = join(dataDir, 'locked');
    const held = await EmbeddedDatabase.open(dir);
    try {
      await expect(EmbeddedDatabase.open(dir)).rejects.toThrow(/in use by process/);
    } finally {
      await held.close();
    }
  });
});

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Client } from 'pg';
import { generateApiKey } from '../src/auth/api-keys/key-format';
import { PasswordHasher } from '../src/auth/password-hasher';
import { EmbeddedDatabase, IN_MEMORY } from '../src/database/embedded-database';
import { migrateUp } from '../src/database/migrate';
import { ormOptions } from '../src/database/orm-options';
import { ENTITIES } from '../src/entities';
import { MIGRATIONS } from '../src/migrations';
import { bearer, OWNER_EMAIL, OWNER_PASSWORD, startApp, TestApp, TestDatabase } from './harness';

/** The schema the previous release shipped: before key lifecycle, invitations and sessions. */
const PREVIOUS_RELEASE = 'Migration20261129000000_initial';

/**
 * An empty database (in-memory PGlite, or a new one on the PostgreSQL server
 * in DATABASE_URL) with only the previous release's migrations applied.
 */
async function previousReleaseDatabase(): Promise<{ db: TestDatabase; orm: MikroORM }> {
  let db: TestDatabase;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `tptm_test_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const direct = new Client({ connectionString: url.toString() });
    await direct.connect();
    db = {
      databaseUrl: url.toString(),
      embedded: undefined,
      query: async (sql, params) => (await direct.query(sql, params)).rows,
      async drop() {
        await direct.end().catch(() => undefined);
        const client = new Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      },
    };
  } else {
    const embedded = await EmbeddedDatabase.open(IN_MEMORY);
    db = {
      databaseUrl: undefined,
      embedded,
      query: async (sql, params) => (await embedded.pglite.query(sql, params)).rows as never,
      drop: () => embedded.close(),
    };
  }
  const orm = await MikroORM.init(ormOptions(db.databaseUrl, db.embedded, { entities: ENTITIES }));
  await orm.getMigrator().up({ to: PREVIOUS_RELEASE });
  return { db, orm };
}

/**
 * A database written by the previous release, with a key created the way it
 * created keys, upgraded by `npm run migrate` (the same `migrateUp`): the
 * key keeps working, and reads as a key that never expires and was never
 * rolled.
 */
describe('upgrading a database from the previous release', () => {
  let db: TestDatabase;
  let t: TestApp;
  const organizationId = randomUUID();
  const userId = randomUUID();
  const keyId = randomUUID();
  const { key } = generateApiKey();
  // As the previous release stored a key: its hex SHA-256 and its first nine and last four characters.
  const digest = createHash('sha256').update(key).digest('hex');
  const maskedKey = `${key.slice(0, 9)}…${key.slice(-4)}`;
  const createdAt = '2026-11-30T10:00:00.000Z';

  beforeAll(async () => {
    let orm: MikroORM;
    ({ db, orm } = await previousReleaseDatabase());
    const pending = await orm.getMigrator().getPendingMigrations();
    expect(pending.map((m) => m.name)).toEqual(MIGRATIONS.slice(1).map((m) => m.name));

    // The rows the previous release wrote for its first run and one key, column for column.
    const passwordHash = await new PasswordHasher(10).hash(OWNER_PASSWORD);
    const roleId = randomUUID();
    const membershipId = randomUUID();
    await db.query(`insert into organization (id, name, created_at) values ($1, 'Before the Upgrade', $2)`, [organizationId, createdAt]);
    await db.query(`insert into app_user (id, email, name, password_hash, created_at) values ($1, $2, 'Old Owner', $3, $4)`, [
      userId,
      OWNER_EMAIL,
      passwordHash,
      createdAt,
    ]);
    await db.query(
      `insert into role (id, organization_id, name, permissions, built_in, created_at)
       values ($1, $2, 'Owner', '{key:manage,member:manage,role:manage,audit:read}', 'owner', $3)`,
      [roleId, organizationId, createdAt],
    );
    await db.query(`insert into membership (id, organization_id, user_id, created_at) values ($1, $2, $3, $4)`, [
      membershipId,
      organizationId,
      userId,
      createdAt,
    ]);
    await db.query(`insert into membership_role (membership_id, role_id) values ($1, $2)`, [membershipId, roleId]);
    await db.query(
      `insert into api_key (id, organization_id, name, digest, masked_key, created_by_id, created_at, last_used_at)
       values ($1, $2, 'Legacy Integration', $3, $4, $5, $6, null)`,
      [keyId, organizationId, digest, maskedKey, userId, createdAt],
    );
    await db.query(
      `insert into audit_event (id, organization_id, action, actor_type, actor_id, actor_name, target_type, target_id, target_name,
                                ip, user_agent, occurred_at)
       values ($1, $2, 'api_key.created', 'user', $3, 'Old Owner', 'api_key', $4, 'Legacy Integration', '203.0.113.7', null, $5)`,
      [randomUUID(), organizationId, userId, keyId, createdAt],
    );

    expect(await migrateUp(orm)).toEqual(MIGRATIONS.slice(1).map((m) => m.name));
    await orm.close();
    t = await startApp(db);
  });
  afterAll(async () => {
    if (t) await t.close();
    else await db?.drop();
  });

  const keys = (token: string) => t.http.get(`/api/v1/orgs/${organizationId}/api-keys`).set(bearer(token));

  it('still authenticates the key on whoami', async () => {
    const whoami = await t.http.get('/api/v1/integration/whoami').set('X-API-Key', key).expect(200);
    expect(whoami.body).toMatchObject({
      organization: { id: organizationId, name: 'Before the Upgrade' },
      apiKey: { id: keyId, name: 'Legacy Integration', maskedKey },
    });
  });

  it('lists the key as one that never expires and was never rolled', async () => {
    const token = await t.signIn();
    const list = await keys(token).expect(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id: keyId,
      name: 'Legacy Integration',
      maskedKey,
      expiresAt: null,
      previousKeyExpiresAt: null,
      createdAt,
      createdBy: { id: userId, name: 'Old Owner', email: OWNER_EMAIL },
      lastUsedAt: null,
    });
    expect(list.text).not.toContain(key);
  });

  it('rolls and renames the upgraded key like any other, its history starting with the old event', async () => {
    const token = await t.signIn();
    const path = `/api/v1/orgs/${organizationId}/api-keys/${keyId}`;
    await t.http.patch(path).set(bearer(token)).send({ name: 'Legacy Integration, renamed' }).expect(200);
    const rolled = await t.http.post(`${path}/roll`).set(bearer(token)).send({ gracePeriodSeconds: 60 }).expect(200);
    await t.http.get('/api/v1/integration/whoami').set('X-API-Key', key).expect(200);
    await t.http.get('/api/v1/integration/whoami').set('X-API-Key', rolled.body.key).expect(200);

    const history = await t.http.get(`/api/v1/orgs/${organizationId}/audit-events`).query({ targetId: keyId }).set(bearer(token)).expect(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['api_key.rolled', 'api_key.updated', 'api_key.created']);
    expect(history.body.items[2]).toMatchObject({ occurredAt: createdAt, changes: null, ip: '203.0.113.7' });
    // Recorded before events kept the actor's email: filled in by the upgrade from the member who acted.
    expect(history.body.items[2].actor).toEqual({ type: 'user', id: userId, name: 'Old Owner', email: OWNER_EMAIL, maskedKey: null });
  });
});

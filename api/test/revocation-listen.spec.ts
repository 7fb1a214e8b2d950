import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { countQueries, createKey, ownerSession } from './fixtures';
import { bearer, createTestDatabase, startApp, TestApp } from './harness';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

/**
 * Behind a transaction-mode pooler (PgBouncer) LISTEN is silently lost: the
 * listener connects and subscribes without an error, then hears nothing. A
 * listener on another database hears nothing in exactly the same way, so it
 * stands in for the pooler here. The feed must notice (no notification it
 * sent comes back) and never trust its cache meanwhile.
 */
onPostgres('revocation feed that cannot hear (LISTEN lost, as behind PgBouncer)', () => {
  let t: TestApp;
  let elsewhere: string;
  beforeAll(async () => {
    const db = await createTestDatabase();
    const server = new URL(process.env.DATABASE_URL!);
    const name = `tptm_deaf_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    server.pathname = `/${name}`;
    elsewhere = server.toString();
    t = await startApp(db, { DATABASE_LISTEN_URL: elsewhere });
  });
  afterAll(async () => {
    await t.close();
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${new URL(elsewhere).pathname.slice(1)} with (force)`);
    await admin.end();
  });

  it('never trusts its cache (every use of a key is checked in the database), and says why, naming DATABASE_LISTEN_URL', async () => {
    const owner = await ownerSession(t);
    const { id, key } = await createKey(t, owner, 'Behind a pooler');
    await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200);
    // Another instance's delete would never be heard, so a warm key must still be read from the database.
    expect(await countQueries(t, () => t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200))).toBeGreaterThan(0);
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${id}`).set(bearer(owner.token)).expect(204);
    await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(401);

    const warnings = t.logs.filter((line) => line.context === 'RevocationFeed' && line.level === 'warn');
    expect(JSON.stringify(warnings)).toContain('DATABASE_LISTEN_URL');
  });
});

onPostgres('revocation feed on its own DATABASE_LISTEN_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    const db = await createTestDatabase();
    t = await startApp(db, { DATABASE_LISTEN_URL: db.databaseUrl! });
  });
  afterAll(() => t.close());

  it('trusts its cache, hears revocations there, and logs no loss', async () => {
    const owner = await ownerSession(t);
    const { id, key } = await createKey(t, owner, 'Direct listener');
    await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200);
    expect(await countQueries(t, () => t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200))).toBe(0);
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${id}`).set(bearer(owner.token)).expect(204);
    await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(401);
    expect(t.logs.filter((line) => line.context === 'RevocationFeed' && line.level === 'warn')).toEqual([]);
  });
});

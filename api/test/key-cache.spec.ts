import { bearer, startTestApp, TestApp } from './harness';
import { countQueries, createKey, otherOrganization, ownerSession, Session } from './fixtures';

describe('API key verification cache', () => {
  let t: TestApp;
  let owner: Session;

  beforeAll(async () => {
    // Usage is flushed only at shutdown here, so every query counted below is a verification.
    t = await startTestApp({ TPTM_LAST_USED_FLUSH_MS: '3600000' });
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('answers N requests with a warm cache without a single database query', async () => {
    const { key } = await createKey(t, owner, 'Hot');
    await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200);
    const queries = await countQueries(t, async () => {
      for (let i = 0; i < 100; i++) await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200);
    });
    expect(queries).toBe(0);
  });

  it('is warmed when a key is created: its first use costs no query', async () => {
    const { key } = await createKey(t, owner, 'Fresh');
    expect(await countQueries(t, () => t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200))).toBe(0);
  });

  it('never serves a deleted key, even one it has just served from cache', async () => {
    for (let i = 0; i < 5; i++) {
      const { id, key } = await createKey(t, owner, `Short-lived ${i}`);
      await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200);
      await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${id}`).set(bearer(owner.token)).expect(204);
      await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(401);
    }
  });

  it('keeps each cached key with its own organization', async () => {
    const other = await otherOrganization(t, owner, 'cache-other@example.com');
    const mine = await createKey(t, owner, 'Mine');
    const theirs = await createKey(t, other, 'Theirs');
    for (let i = 0; i < 10; i++) {
      const a = await t.http.get('/api/v1/integration/whoami').set(bearer(mine.key)).expect(200);
      const b = await t.http.get('/api/v1/integration/whoami').set('X-API-Key', theirs.key).expect(200);
      expect([a.body.organization.id, b.body.organization.id]).toEqual([owner.orgId, other.orgId]);
    }
  });

  it('writes the usage of many requests in one statement at shutdown', async () => {
    const { id, key } = await createKey(t, owner, 'Counted');
    for (let i = 0; i < 20; i++) await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200);
    const before = await t.db.query<{ last_used_at: Date | null }>('select last_used_at from api_key where id = $1', [id]);
    expect(before[0].last_used_at).toBeNull();
    const writes = await countQueries(t, () => t.stop());
    expect(writes).toBe(1);
    const after = await t.db.query<{ last_used_at: Date | null }>('select last_used_at from api_key where id = $1', [id]);
    expect(after[0].last_used_at).not.toBeNull();
  });
});

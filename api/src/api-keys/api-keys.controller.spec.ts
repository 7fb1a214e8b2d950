import { randomUUID } from 'node:crypto';
import { bearer, startTestApp, TestApp } from '../../test/harness';
import { createKey, expectProblem, otherOrganization, ownerSession, Session } from '../../test/fixtures';
import { API_KEY_PATTERN, digestApiKey } from '../auth/api-keys/key-format';

describe('API keys', () => {
  let t: TestApp;
  let owner: Session;
  const keys = () => `/api/v1/orgs/${owner.orgId}/api-keys`;

  beforeAll(async () => {
    t = await startTestApp({ TPTM_LAST_USED_FLUSH_MS: '50' });
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('follows the help article: create, shown once, listed masked, used, deleted, refused at once', async () => {
    const created = await t.http.post(keys()).set(bearer(owner.token)).send({ name: 'Production Integration' }).expect(201);
    const { key, id, maskedKey } = created.body;
    expect(key).toMatch(API_KEY_PATTERN);
    expect(maskedKey).toBe(`${key.slice(0, 9)}…${key.slice(-4)}`);
    expect(created.body).toMatchObject({
      name: 'Production Integration',
      createdBy: { id: owner.userId, email: 'owner@example.com', name: expect.any(String) },
      lastUsedAt: null,
      permissions: [],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const list = await t.http.get(keys()).set(bearer(owner.token)).expect(200);
    const listed = list.body.items.find((k: { id: string }) => k.id === id);
    expect(listed).toEqual({
      id,
      name: 'Production Integration',
      maskedKey,
      expiresAt: null,
      previousKeyExpiresAt: null,
      createdAt: created.body.createdAt,
      createdBy: created.body.createdBy,
      lastUsedAt: null,
      permissions: [],
      enabled: true,
      rateLimit: null,
      allowedIps: [],
      revokedAt: null,
      exposure: null,
      policyViolations: [],
      requests30d: 0,
    });
    expect(list.text).not.toContain(key);

    const whoami = await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200);
    expect(whoami.body).toEqual({
      organization: { id: owner.orgId, name: 'Acme Test' },
      apiKey: { id, name: 'Production Integration', maskedKey, permissions: [], expiresAt: null },
    });

    await t.http.delete(`${keys()}/${id}`).set(bearer(owner.token)).expect(204);
    expectProblem(await t.http.get('/api/v1/integration/whoami').set(bearer(key)), 401);
    const after = await t.http.get(keys()).set(bearer(owner.token)).expect(200);
    expect(after.body.items.map((k: { id: string }) => k.id)).not.toContain(id);
  });

  it('stores only a digest and display parts of the key', async () => {
    const { id, key } = await createKey(t, owner, 'Stored form');
    const [row] = await t.db.query<Record<string, unknown>>('select * from api_key where id = $1', [id]);
    expect(row.digest).toBe(digestApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key.slice(5, 45));
  });

  it('records when a key was last used, without a write per request', async () => {
    const { id, key } = await createKey(t, owner, 'Usage');
    for (let i = 0; i < 5; i++) await t.http.get('/api/v1/integration/whoami').set('X-API-Key', key).expect(200);
    let lastUsedAt: string | null = null;
    for (let i = 0; i < 50 && !lastUsedAt; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const list = await t.http.get(keys()).set(bearer(owner.token)).expect(200);
      lastUsedAt = list.body.items.find((k: { id: string }) => k.id === id).lastUsedAt;
    }
    expect(Date.now() - Date.parse(lastUsedAt!)).toBeLessThan(10_000);
  });

  describe('names', () => {
    it.each([
      ['empty', ''],
      ['only spaces', '   '],
      ['longer than 100 characters', 'x'.repeat(101)],
      ['a control character', 'bad\u0007name'],
      ['a newline', 'two\nlines'],
      ['a bidi override', 'evil\u202Ename'],
    ])('refuses a name that is %s', async (_label, name) => {
      const problem = expectProblem(await t.http.post(keys()).set(bearer(owner.token)).send({ name }), 400);
      expect(problem.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
    });

    it.each([
      ['a number', 42],
      ['null', null],
      ['an object', { first: 'x' }],
      ['an array', ['x']],
      ['a boolean', true],
    ])('refuses a name that is %s', async (_label, name) => {
      const problem = expectProblem(await t.http.post(keys()).set(bearer(owner.token)).send({ name }), 400);
      expect(problem.errors).toEqual([{ field: 'name', message: 'must be a string' }]);
    });

    it('refuses a missing name and unknown fields, naming each', async () => {
      const problem = expectProblem(
        await t.http
          .post(keys())
          .set(bearer(owner.token))
          .send({ nmae: 'typo', scopes: ['all'] }),
        400,
      );
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', message: 'is required' },
          { field: 'nmae', message: 'is not a known field; remove it' },
          { field: 'scopes', message: 'is not a known field; remove it' },
        ]),
      );
      expect(problem.errors).toHaveLength(3);
    });

    it('trims names and accepts exactly 100 characters', async () => {
      const name = `  ${'n'.repeat(100)}  `;
      const created = await t.http.post(keys()).set(bearer(owner.token)).send({ name }).expect(201);
      expect(created.body.name).toBe('n'.repeat(100));
    });

    it('refuses a duplicate name ignoring case with 409 on the name field, and keeps nothing', async () => {
      await createKey(t, owner, 'Staging Environment');
      const before = (await t.db.query('select count(*)::int as n from api_key'))[0];
      const problem = expectProblem(await t.http.post(keys()).set(bearer(owner.token)).send({ name: ' staging ENVIRONMENT ' }), 409);
      expect(problem.errors).toEqual([{ field: 'name', message: expect.stringContaining('already in use') }]);
      expect((await t.db.query('select count(*)::int as n from api_key'))[0]).toEqual(before);
      expect(problem.detail).not.toMatch(/tptm_/);
    });

    it('allows the same name in another organization', async () => {
      const other = await otherOrganization(t, owner, 'other-names@example.com');
      await createKey(t, owner, 'Shared Name');
      await createKey(t, other, 'Shared Name');
    });
  });

  describe('listing', () => {
    let session: Session;
    const names = Array.from({ length: 7 }, (_, i) => `Page key ${i}`);

    beforeAll(async () => {
      session = await otherOrganization(t, owner, 'pages@example.com');
      for (const name of names) await createKey(t, session, name);
    });

    it('pages newest first with an opaque cursor until nextCursor is null', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: Record<string, string | number> = { limit: 3, ...(cursor ? { cursor } : {}) };
        const page = await t.http.get(`/api/v1/orgs/${session.orgId}/api-keys`).query(query).set(bearer(session.token)).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.items.map((k: { name: string }) => k.name));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([...names].reverse());
    });

    it('returns 50 keys by default', async () => {
      const page = await t.http.get(`/api/v1/orgs/${session.orgId}/api-keys`).set(bearer(session.token)).expect(200);
      expect(page.body).toEqual({ items: expect.any(Array), total: 7, nextCursor: null });
      expect(page.body.items).toHaveLength(7);
    });

    it.each([['0'], ['101'], ['-1'], ['1.5'], ['ten'], ['']])('refuses limit=%s', async (limit) => {
      const problem = expectProblem(await t.http.get(`/api/v1/orgs/${session.orgId}/api-keys?limit=${limit}`).set(bearer(session.token)), 400);
      expect(problem.errors).toEqual([{ field: 'limit', message: 'must be a whole number from 1 to 100' }]);
    });

    it.each([
      ['garbage', 'not-a-cursor'],
      ['a forged one', Buffer.from('yesterday|1').toString('base64url')],
      ['an overlong one', 'x'.repeat(500)],
    ])('refuses %s as cursor', async (_label, cursor) => {
      const problem = expectProblem(await t.http.get(`/api/v1/orgs/${session.orgId}/api-keys`).query({ cursor }).set(bearer(session.token)), 400);
      expect(problem.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    });

    it('refuses unknown query parameters', async () => {
      const problem = expectProblem(await t.http.get(`/api/v1/orgs/${session.orgId}/api-keys?order=name`).set(bearer(session.token)), 400);
      expect(problem.errors).toEqual([{ field: 'order', message: 'is not a known field; remove it' }]);
    });
  });

  describe('deleting', () => {
    it('is 404 for an unknown key and 400 for a malformed id', async () => {
      expectProblem(await t.http.delete(`${keys()}/${randomUUID()}`).set(bearer(owner.token)), 404);
      const problem = expectProblem(await t.http.delete(`${keys()}/not-a-uuid`).set(bearer(owner.token)), 400);
      expect(problem.errors).toEqual([{ field: 'keyId', message: expect.stringContaining('UUID') }]);
    });

    it("is 404 for another organization's key, which keeps working", async () => {
      const other = await otherOrganization(t, owner, 'other-delete@example.com');
      const theirs = await createKey(t, other, 'Theirs');
      expectProblem(await t.http.delete(`${keys()}/${theirs.id}`).set(bearer(owner.token)), 404);
      await t.http.get('/api/v1/integration/whoami').set(bearer(theirs.key)).expect(200);
    });

    it('is 404 the second time', async () => {
      const { id } = await createKey(t, owner, 'Twice');
      await t.http.delete(`${keys()}/${id}`).set(bearer(owner.token)).expect(204);
      expectProblem(await t.http.delete(`${keys()}/${id}`).set(bearer(owner.token)), 404);
    });
  });
});

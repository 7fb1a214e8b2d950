import { createHash, randomUUID } from 'node:crypto';
import { KeyCache } from '../src/auth/api-keys/key-cache';
import { API_KEY_PATTERN, digestApiKey, generateApiKey } from '../src/auth/api-keys/key-format';
import { UsageTracker } from '../src/auth/api-keys/usage.tracker';
import { UNAUTHORIZED_DETAIL } from '../src/errors/problem';
import { addMember, countQueries, expectProblem, untilQuiet, otherOrganization, ownerSession, Session } from './fixtures';
import { bearer, startTestApp, TestApp } from './harness';

interface ApiKeyBody {
  id: string;
  name: string;
  maskedKey: string;
  expiresAt: string | null;
  previousKeyExpiresAt: string | null;
  createdAt: string;
  createdBy: { id: string; name: string; email: string } | null;
  lastUsedAt: string | null;
  key?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Expiry, rename, search and roll of API keys over HTTP, on a real database
 * and the real cache: nothing here is mocked, and expiry is real waiting on
 * expiries a second or two away.
 */
describe('API key lifecycle', () => {
  let t: TestApp;
  let owner: Session;
  /** Every full key this file was handed, searched for at the end in everything the server said. */
  const issued: string[] = [];
  const keys = (session = owner) => `/api/v1/orgs/${session.orgId}/api-keys`;
  const whoami = (key: string) => t.http.get('/api/v1/integration/whoami').set('X-API-Key', key);

  beforeAll(async () => {
    // Usage is written only when a test flushes it, so a timed flush never lands inside a counted request.
    t = await startTestApp({ TPTM_LOG_LEVEL: 'trace', TPTM_LAST_USED_FLUSH_MS: '3600000' });
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  async function create(body: Record<string, unknown>, session = owner): Promise<ApiKeyBody & { key: string }> {
    const response = await t.http.post(keys(session)).set(bearer(session.token)).send(body).expect(201);
    issued.push(response.body.key);
    return response.body;
  }

  async function roll(id: string, body: Record<string, unknown> = {}): Promise<ApiKeyBody & { key: string }> {
    const response = await t.http.post(`${keys()}/${id}/roll`).set(bearer(owner.token)).send(body).expect(200);
    issued.push(response.body.key);
    return response.body;
  }

  const get = async (id: string, session = owner): Promise<ApiKeyBody> =>
    (
      await t.http
        .get(`${keys(session)}/${id}`)
        .set(bearer(session.token))
        .expect(200)
    ).body;

  /** A key written straight into the database, so that no instance has ever cached it. */
  async function insertKey(name: string, expiresAt: Date | null): Promise<{ id: string; key: string }> {
    const { key, digest, maskedKey } = generateApiKey();
    const id = randomUUID();
    await t.db.query(
      'insert into api_key (id, organization_id, name, digest, masked_key, created_at, expires_at) values ($1, $2, $3, $4, $5, now(), $6)',
      [id, owner.orgId, name, digest, maskedKey, expiresAt?.toISOString() ?? null],
    );
    issued.push(key);
    return { id, key };
  }

  async function expectRefused(key: string) {
    const response = await whoami(key);
    expect(expectProblem(response, 401)).toEqual({
      type: 'urn:tptm:problem:unauthorized',
      title: 'Authentication required',
      status: 401,
      detail: UNAUTHORIZED_DETAIL,
    });
    expect(response.headers['www-authenticate']).toBe('Bearer realm="tptm"');
  }

  /**
   * Calls whoami with `key` from now until a moment after `until`, and
   * checks each answer against when it was asked: accepted if it came back
   * before `until`, refused if it was sent at or after it. Requests in flight
   * across the instant may go either way. Returns how many fell on each side,
   * so the caller can insist both sides were seen.
   */
  async function watchExpiry(key: string, until: number): Promise<{ before: number; after: number }> {
    const seen = { before: 0, after: 0 };
    while (Date.now() < until + 300) {
      const sentAt = Date.now();
      const response = await whoami(key);
      const answeredAt = Date.now();
      if (answeredAt < until) {
        expect({ sentAt, status: response.status }).toEqual({ sentAt, status: 200 });
        seen.before++;
      } else if (sentAt >= until) {
        expect({ sentAt, status: response.status }).toEqual({ sentAt, status: 401 });
        seen.after++;
      }
      await sleep(until - answeredAt > 400 ? 100 : 5);
    }
    return seen;
  }

  describe('expiry', () => {
    it('refuses a key cached before it expired from that very instant, with the uniform 401 and no revocation', async () => {
      const expiresAt = new Date(Date.now() + 2_000);
      const created = await create({ name: 'Expires soon', expiresAt: expiresAt.toISOString() });
      expect(created.expiresAt).toBe(expiresAt.toISOString());
      const cache = t.app.get(KeyCache);
      const epoch = cache.epoch;
      // Served from the cache the create warmed: no statement reaches the database.
      await untilQuiet(t);
      expect(await countQueries(t, () => whoami(created.key).expect(200))).toBe(0);

      const seen = await watchExpiry(created.key, expiresAt.getTime());
      expect(seen.before).toBeGreaterThan(0);
      expect(seen.after).toBeGreaterThan(0);
      await expectRefused(created.key);
      // Nothing revoked the key: the cache entry itself ended at the expiry.
      expect(cache.epoch).toBe(epoch);

      // Expired keys stay listed, so an admin can see which integration stopped.
      expect(await get(created.id)).toMatchObject({ id: created.id, name: 'Expires soon', expiresAt: expiresAt.toISOString() });
      const list = await t.http.get(keys()).query({ q: 'Expires soon' }).set(bearer(owner.token)).expect(200);
      expect(list.body.items.map((k: ApiKeyBody) => k.id)).toEqual([created.id]);
    });

    it('refuses a key that was never cached once the database says it has expired', async () => {
      const inserted = await insertKey('Expired in the database', new Date(Date.now() - 1));
      expect(await countQueries(t, () => expectRefused(inserted.key))).toBe(1);
      // Refused for its expiry, not for a row the lookup missed: a later expiry lets the same key in.
      await t.db.query("update api_key set expires_at = now() + interval '1 hour' where id = $1", [inserted.id]);
      await whoami(inserted.key).expect(200);
    });

    it('treats a missing or null expiresAt as never, and keeps the instant it was given', async () => {
      expect((await create({ name: 'No expiry field' })).expiresAt).toBeNull();
      expect((await create({ name: 'Null expiry', expiresAt: null })).expiresAt).toBeNull();
      const offset = await create({ name: 'Offset expiry', expiresAt: '2099-06-30T23:30:00.123456789+02:00' });
      expect(offset.expiresAt).toBe('2099-06-30T21:30:00.123Z');
      expect((await get(offset.id)).expiresAt).toBe('2099-06-30T21:30:00.123Z');
      await whoami(offset.key).expect(200);
    });

    it.each([
      ['in the past', () => new Date(Date.now() - 60_000).toISOString()],
      ['now, already gone by the time it is checked', () => new Date().toISOString()],
      ['a date without a time', () => '2099-12-31'],
      ['a time without a zone', () => '2099-12-31T23:59:59'],
      ['a space instead of T', () => '2099-12-31 23:59:59Z'],
      ['a day that does not exist', () => '2099-02-30T12:00:00Z'],
      ['the 31st of a 30-day month', () => '2099-04-31T12:00:00Z'],
      ['hour 24', () => '2099-12-31T24:00:00Z'],
      ['month 13', () => '2099-13-01T00:00:00Z'],
      ['words', () => 'next week'],
      ['epoch milliseconds', () => Date.now() + 60_000],
      ['an object', () => ({ at: '2099-12-31T23:59:59Z' })],
      ['an empty string', () => ''],
    ])('refuses an expiresAt that is %s, naming the field, and creates nothing', async (_label, value) => {
      const name = `Bad expiry ${randomUUID()}`;
      const problem = expectProblem(await t.http.post(keys()).set(bearer(owner.token)).send({ name, expiresAt: value() }), 400);
      expect(problem.errors).toEqual([{ field: 'expiresAt', message: expect.stringContaining('RFC 3339') }]);
      expect(await t.db.query('select 1 from api_key where name = $1', [name])).toEqual([]);
    });
  });

  describe('getting one key', () => {
    it('answers the key as the list shows it (which adds its 30-day requests), without the full key', async () => {
      const created = await create({ name: 'Get me' });
      const one = await t.http.get(`${keys()}/${created.id}`).set(bearer(owner.token)).expect(200);
      const list = await t.http.get(keys()).query({ q: 'Get me' }).set(bearer(owner.token)).expect(200);
      expect(list.body.items[0]).toEqual({ ...one.body, requests30d: 0 });
      const { key, ...withoutKey } = created;
      expect(one.body).toEqual(withoutKey);
      expect(one.text).not.toContain(key);
    });

    it('is 404 for an unknown key and 400 for a malformed id', async () => {
      expectProblem(await t.http.get(`${keys()}/${randomUUID()}`).set(bearer(owner.token)), 404);
      const problem = expectProblem(await t.http.get(`${keys()}/not-a-uuid`).set(bearer(owner.token)), 400);
      expect(problem.errors).toEqual([{ field: 'keyId', message: expect.stringContaining('UUID') }]);
    });
  });

  describe('renaming', () => {
    const rename = (id: string, body: unknown, session = owner) =>
      t.http
        .patch(`${keys(session)}/${id}`)
        .set(bearer(session.token))
        .send(body as object);

    it('renames the key, keeps everything else, and whoami says the new name at once', async () => {
      const created = await create({ name: 'Before rename' });
      await whoami(created.key).expect(200);
      const renamed = await rename(created.id, { name: '  After rename  ' }).expect(200);
      const { key, ...rest } = created;
      expect(renamed.body).toEqual({ ...rest, name: 'After rename' });
      expect(await get(created.id)).toEqual(renamed.body);
      // The cached verification carried the old name; the same secret now reports the new one.
      expect((await whoami(key).expect(200)).body.apiKey).toMatchObject({ id: created.id, name: 'After rename', maskedKey: created.maskedKey });
    });

    it('allows changing only the case of its own name', async () => {
      const created = await create({ name: 'case only' });
      expect((await rename(created.id, { name: 'CASE ONLY' }).expect(200)).body.name).toBe('CASE ONLY');
    });

    it('refuses a name another key has, ignoring case, with 409 on the name field, and changes nothing', async () => {
      await create({ name: 'Taken Name' });
      const created = await create({ name: 'Wants the taken name' });
      const problem = expectProblem(await rename(created.id, { name: ' taken NAME ' }), 409);
      expect(problem.type).toBe('urn:tptm:problem:name-taken');
      expect(problem.errors).toEqual([{ field: 'name', message: expect.stringContaining('already in use') }]);
      expect((await get(created.id)).name).toBe('Wants the taken name');
      expect((await whoami(created.key).expect(200)).body.apiKey.name).toBe('Wants the taken name');
    });

    it.each([
      ['empty', ''],
      ['only spaces', '   '],
      ['longer than 100 characters', 'x'.repeat(101)],
      ['a control character', 'bad\u0007name'],
      ['a bidi override', 'evil\u202Ename'],
      ['a number', 42],
    ])('refuses a name that is %s, as create does', async (_label, name) => {
      const created = await create({ name: `Rename rules ${randomUUID()}` });
      const onCreate = expectProblem(await t.http.post(keys()).set(bearer(owner.token)).send({ name }), 400);
      const onRename = expectProblem(await rename(created.id, { name }), 400);
      expect(onRename.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
      expect(onRename.errors).toEqual(onCreate.errors);
      expect((await get(created.id)).name).toBe(created.name);
    });

    it('refuses an empty body, a null name and unknown fields', async () => {
      const created = await create({ name: 'Rename body' });
      expect(expectProblem(await rename(created.id, {}), 400).errors).toHaveLength(1);
      expect(expectProblem(await rename(created.id, { name: null }), 400).errors).toEqual([{ field: 'name', message: expect.any(String) }]);
      expect(expectProblem(await rename(created.id, { name: 'X', maskedKey: 'tptm_x…y' }), 400).errors).toEqual([
        { field: 'maskedKey', message: 'is not a known field; remove it' },
      ]);
    });

    it('is 404 for an unknown key and 400 for a malformed id', async () => {
      expectProblem(await rename(randomUUID(), { name: 'Nobody' }), 404);
      expect(expectProblem(await rename('not-a-uuid', { name: 'Nobody' }), 400).errors).toEqual([
        { field: 'keyId', message: expect.stringContaining('UUID') },
      ]);
    });
  });

  describe('searching with q', () => {
    let session: Session;
    const names = ['Alpha Production', 'alpha staging', 'Beta', '100% coverage', '100 percent', 'snake_case', 'snakeXcase', 'back\\slash'];
    const search = (query: Record<string, string | number>) => t.http.get(keys(session)).query(query).set(bearer(session.token)).expect(200);
    const namesFound = async (q: string) => (await search({ q })).body.items.map((k: ApiKeyBody) => k.name);

    beforeAll(async () => {
      session = await otherOrganization(t, owner, 'search@example.com');
      for (const name of names) await create({ name }, session);
    });

    it('matches any part of the name, ignoring case, newest first', async () => {
      expect(await namesFound('ALPHA')).toEqual(['alpha staging', 'Alpha Production']);
      expect(await namesFound('TAG')).toEqual(['alpha staging']);
      expect(await namesFound('  beta  ')).toEqual(['Beta']);
      // Spaces and look-alike characters are folded as names are when they are stored.
      expect(await namesFound('ａｌｐｈａ\u00a0 PROD')).toEqual(['Alpha Production']);
    });

    it('takes %, _ and \\ literally', async () => {
      expect(await namesFound('%')).toEqual(['100% coverage']);
      expect(await namesFound('0%')).toEqual(['100% coverage']);
      expect(await namesFound('_')).toEqual(['snake_case']);
      expect(await namesFound('e_c')).toEqual(['snake_case']);
      expect(await namesFound('\\')).toEqual(['back\\slash']);
    });

    it('answers an empty page when nothing matches, and every key for an empty q', async () => {
      expect((await search({ q: 'no such key' })).body).toEqual({ items: [], total: 0, nextCursor: null });
      expect((await search({ q: '' })).body.items).toHaveLength(names.length);
    });

    it('pages through the matches only, with the same q and the cursor', async () => {
      for (let i = 0; i < 5; i++) {
        await create({ name: `Paged match ${i}` }, session);
        await create({ name: `Other ${i}` }, session);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await search({ q: 'paged MATCH', limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.body.items.map((k: ApiKeyBody) => k.name));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(['Paged match 4', 'Paged match 3', 'Paged match 2', 'Paged match 1', 'Paged match 0']);
    });

    it.each([
      ['longer than 100 characters', 'x'.repeat(101)],
      ['a control character', 'a\u0000b'],
    ])('refuses a q that is %s', async (_label, q) => {
      const problem = expectProblem(await t.http.get(keys(session)).query({ q }).set(bearer(session.token)), 400);
      expect(problem.errors).toEqual([{ field: 'q', message: expect.any(String) }]);
    });
  });

  describe('rolling', () => {
    it('with 0 refuses the old secret at once; the new one works for the same key', async () => {
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const created = await create({ name: 'Roll now', expiresAt });
      await whoami(created.key).expect(200);

      const rolled = await roll(created.id, { gracePeriodSeconds: 0 });
      const { key: oldKey, maskedKey: oldMasked, ...same } = created;
      const { key: newKey, maskedKey: newMasked, ...kept } = rolled;
      expect(kept).toEqual({ ...same, previousKeyExpiresAt: null });
      expect(newKey).toMatch(API_KEY_PATTERN);
      expect(newKey).not.toBe(oldKey);
      expect(newMasked).toBe(`${newKey.slice(0, 9)}…${newKey.slice(-4)}`);
      expect(newMasked).not.toBe(oldMasked);

      await expectRefused(oldKey);
      expect((await whoami(newKey).expect(200)).body.apiKey).toMatchObject({ id: created.id, name: 'Roll now', maskedKey: newMasked });
      const { key: _shown, ...withoutKey } = rolled;
      expect(await get(created.id)).toEqual(withoutKey);
    });

    it('without a body field means a grace period of 0', async () => {
      const created = await create({ name: 'Roll default' });
      await whoami(created.key).expect(200);
      const rolled = await roll(created.id);
      expect(rolled.previousKeyExpiresAt).toBeNull();
      await expectRefused(created.key);
      await whoami(rolled.key).expect(200);
    });

    it('with a grace period keeps both secrets working until previousKeyExpiresAt, then refuses the old one', async () => {
      const created = await create({ name: 'Roll with grace' });
      await whoami(created.key).expect(200);
      const before = Date.now();
      const rolled = await roll(created.id, { gracePeriodSeconds: 2 });
      const after = Date.now();
      const graceEndsAt = Date.parse(rolled.previousKeyExpiresAt!);
      expect(graceEndsAt).toBeGreaterThanOrEqual(before + 2_000);
      expect(graceEndsAt).toBeLessThanOrEqual(after + 2_000);
      expect((await get(created.id)).previousKeyExpiresAt).toBe(rolled.previousKeyExpiresAt);

      await whoami(rolled.key).expect(200);
      const seen = await watchExpiry(created.key, graceEndsAt);
      expect(seen.before).toBeGreaterThan(0);
      expect(seen.after).toBeGreaterThan(0);
      await whoami(rolled.key).expect(200);
      expect((await get(created.id)).previousKeyExpiresAt).toBeNull();
    });

    it('refuses a replaced secret that was never cached once the database says its grace has ended', async () => {
      const created = await create({ name: 'Grace ended in the database' });
      const rolled = await roll(created.id, { gracePeriodSeconds: 86_400 });
      await t.db.query("update api_key set previous_key_expires_at = now() - interval '1 millisecond' where id = $1", [created.id]);
      await expectRefused(created.key);
      await whoami(rolled.key).expect(200);
    });

    it('refuses the replaced secret once the key itself expires, whatever grace is left', async () => {
      const created = await create({ name: 'Grace beyond expiry', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      const rolled = await roll(created.id, { gracePeriodSeconds: 86_400 });
      expect(rolled.expiresAt).toBe(created.expiresAt);
      await t.db.query('update api_key set expires_at = now() where id = $1', [created.id]);
      await expectRefused(created.key);
      await expectRefused(rolled.key);
    });

    it('twice refuses the older replaced secret at once, keeping only the last one in grace', async () => {
      const created = await create({ name: 'Roll twice' });
      const first = await roll(created.id, { gracePeriodSeconds: 3_600 });
      await whoami(created.key).expect(200);
      await whoami(first.key).expect(200);

      // While the replaced secret works, a second roll is refused unless it says it means to cut it off.
      const refused = expectProblem(
        await t.http.post(`${keys()}/${created.id}/roll`).set(bearer(owner.token)).send({ gracePeriodSeconds: 3_600 }),
        409,
      );
      expect(refused.type).toBe('urn:tptm:problem:previous-secret-still-working');
      expect((refused as Record<string, unknown>).previousKeyExpiresAt).toBe(first.previousKeyExpiresAt);
      await whoami(created.key).expect(200);
      await whoami(first.key).expect(200);

      const second = await roll(created.id, { gracePeriodSeconds: 3_600, replacePrevious: true });
      await expectRefused(created.key);
      await whoami(first.key).expect(200);
      await whoami(second.key).expect(200);

      const third = await roll(created.id, { gracePeriodSeconds: 0, replacePrevious: true });
      await expectRefused(first.key);
      await expectRefused(second.key);
      await whoami(third.key).expect(200);
      expect(new Set([created.maskedKey, first.maskedKey, second.maskedKey, third.maskedKey]).size).toBe(4);
    });

    it.each([
      ['negative', -1],
      ['over 7 days', 604_801],
      ['not a whole number', 1.5],
      ['a numeric string', '60'],
      ['null', null],
      ['a boolean', true],
    ])('refuses a gracePeriodSeconds that is %s and keeps the secret', async (_label, gracePeriodSeconds) => {
      const created = await create({ name: `Bad grace ${randomUUID()}` });
      const problem = expectProblem(await t.http.post(`${keys()}/${created.id}/roll`).set(bearer(owner.token)).send({ gracePeriodSeconds }), 400);
      expect(problem.errors).toEqual([{ field: 'gracePeriodSeconds', message: expect.any(String) }]);
      expect((await get(created.id)).maskedKey).toBe(created.maskedKey);
      await whoami(created.key).expect(200);
    });

    it('accepts the longest grace period, 7 days', async () => {
      const created = await create({ name: 'Longest grace' });
      const before = Date.now();
      const rolled = await roll(created.id, { gracePeriodSeconds: 604_800 });
      expect(Date.parse(rolled.previousKeyExpiresAt!)).toBeGreaterThanOrEqual(before + 604_800_000);
    });

    it('is 404 for an unknown key and 400 for a malformed id', async () => {
      expectProblem(await t.http.post(`${keys()}/${randomUUID()}/roll`).set(bearer(owner.token)).send({}), 404);
      expect(expectProblem(await t.http.post(`${keys()}/nope/roll`).set(bearer(owner.token)).send({}), 400).errors).toEqual([
        { field: 'keyId', message: expect.stringContaining('UUID') },
      ]);
    });
  });

  describe('lastUsedAt', () => {
    const tracker = () => t.app.get(UsageTracker);

    it('counts requests made with the replaced secret during its grace period', async () => {
      const created = await create({ name: 'Used through the old secret' });
      await roll(created.id, { gracePeriodSeconds: 3_600 });
      expect((await get(created.id)).lastUsedAt).toBeNull();
      await whoami(created.key).expect(200);
      await tracker().flush();
      expect(Date.now() - Date.parse((await get(created.id)).lastUsedAt!)).toBeLessThan(60_000);
    });

    it('counts requests made with the new secret', async () => {
      const created = await create({ name: 'Used through the new secret' });
      const rolled = await roll(created.id, { gracePeriodSeconds: 3_600 });
      await whoami(rolled.key).expect(200);
      await tracker().flush();
      expect(Date.now() - Date.parse((await get(created.id)).lastUsedAt!)).toBeLessThan(60_000);
    });
  });

  describe('audit', () => {
    it("records renames and rolls, and ?targetId= lists one key's history newest first", async () => {
      const created = await create({ name: 'Audited key' });
      const neighbour = await create({ name: 'Audited neighbour' });
      await t.http.patch(`${keys()}/${created.id}`).set(bearer(owner.token)).send({ name: 'Audited key, renamed' }).expect(200);
      await roll(created.id, { gracePeriodSeconds: 0 });
      await roll(neighbour.id, { gracePeriodSeconds: 60 });
      await roll(created.id, { gracePeriodSeconds: 86_400 });

      const history = await t.http
        .get(`/api/v1/orgs/${owner.orgId}/audit-events`)
        .query({ targetId: created.id.toUpperCase() })
        .set(bearer(owner.token))
        .expect(200);
      const actor = { type: 'user', id: owner.userId, name: expect.any(String), email: 'owner@example.com', maskedKey: null };
      const target = (name: string) => ({ type: 'api_key', id: created.id, name });
      expect(history.body.nextCursor).toBeNull();
      expect(history.body.items).toEqual([
        expect.objectContaining({
          action: 'api_key.rolled',
          actor,
          target: target('Audited key, renamed'),
          changes: [{ field: 'gracePeriodSeconds', before: [], after: ['86400'] }],
        }),
        expect.objectContaining({
          action: 'api_key.rolled',
          target: target('Audited key, renamed'),
          changes: [{ field: 'gracePeriodSeconds', before: [], after: ['0'] }],
        }),
        expect.objectContaining({
          action: 'api_key.updated',
          actor,
          target: target('Audited key, renamed'),
          changes: [{ field: 'name', before: ['Audited key'], after: ['Audited key, renamed'] }],
        }),
        expect.objectContaining({ action: 'api_key.created', target: target('Audited key') }),
      ]);
      const times = history.body.items.map((e: { occurredAt: string }) => Date.parse(e.occurredAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('records nothing for a rename to the same name', async () => {
      const created = await create({ name: 'Unchanged name' });
      await t.http.patch(`${keys()}/${created.id}`).set(bearer(owner.token)).send({ name: 'Unchanged name' }).expect(200);
      const history = await t.http
        .get(`/api/v1/orgs/${owner.orgId}/audit-events`)
        .query({ targetId: created.id })
        .set(bearer(owner.token))
        .expect(200);
      expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['api_key.created']);
    });

    it('refuses a targetId that is not a UUID', async () => {
      const problem = expectProblem(
        await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).query({ targetId: 'key-1' }).set(bearer(owner.token)),
        400,
      );
      expect(problem.errors).toEqual([{ field: 'targetId', message: expect.any(String) }]);
    });
  });

  describe('access', () => {
    it("is 404 for another organization's key on get, rename and roll, which leave it untouched", async () => {
      const other = await otherOrganization(t, owner, 'lifecycle-other@example.com');
      const theirs = await create({ name: 'Theirs' }, other);
      const path = `${keys()}/${theirs.id}`;
      expect(expectProblem(await t.http.get(path).set(bearer(owner.token)), 404).detail).toBe('API key was not found.');
      expectProblem(await t.http.patch(path).set(bearer(owner.token)).send({ name: 'Hijacked' }), 404);
      expectProblem(await t.http.post(`${path}/roll`).set(bearer(owner.token)).send({ gracePeriodSeconds: 0 }), 404);
      const { key, ...unchanged } = theirs;
      expect(await get(theirs.id, other)).toEqual(unchanged);
      expect((await whoami(key).expect(200)).body.apiKey.name).toBe('Theirs');
    });

    it('is 403 without Key: Manage, leaving the key untouched', async () => {
      const member = await addMember(t, owner, 'no-key-manage@example.com', ['Member']);
      const created = await create({ name: 'Not theirs to manage' });
      const path = `${keys()}/${created.id}`;
      expectProblem(await t.http.get(path).set(bearer(member.token)), 403);
      expectProblem(await t.http.get(keys()).query({ q: 'manage' }).set(bearer(member.token)), 403);
      expectProblem(await t.http.patch(path).set(bearer(member.token)).send({ name: 'Renamed by a member' }), 403);
      expectProblem(await t.http.post(`${path}/roll`).set(bearer(member.token)).send({ gracePeriodSeconds: 0 }), 403);
      const { key, ...unchanged } = created;
      expect(await get(created.id)).toEqual(unchanged);
      await whoami(key).expect(200);
    });
  });

  describe('secrets', () => {
    it('never shows a full key again after the response that issued it: not in lists, gets, audit events or logs', async () => {
      const created = await create({ name: 'Secret keeper' });
      const rolled = await roll(created.id, { gracePeriodSeconds: 60 });
      await whoami(created.key).expect(200);
      await whoami(rolled.key).expect(200);
      await t.http.patch(`${keys()}/${created.id}`).set(bearer(owner.token)).send({ name: 'Secret keeper, renamed' }).expect(200);

      const said: string[] = [];
      /** Every page of a list, as sent. */
      async function readAll(path: string): Promise<{ id: string }[]> {
        const items: { id: string }[] = [];
        let cursor: string | null = null;
        do {
          const page: { text: string; body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
            .get(path)
            .query({ limit: 100, ...(cursor ? { cursor } : {}) })
            .set(bearer(owner.token))
            .expect(200);
          said.push(page.text);
          items.push(...page.body.items);
          cursor = page.body.nextCursor;
        } while (cursor);
        return items;
      }
      for (const { id } of await readAll(keys())) said.push((await t.http.get(`${keys()}/${id}`).set(bearer(owner.token)).expect(200)).text);
      await readAll(`/api/v1/orgs/${owner.orgId}/audit-events`);
      said.push(JSON.stringify(await t.db.query('select * from audit_event')));
      said.push(t.rawLogs());
      const everything = said.join('\n');

      const leaks = issued.flatMap((key) => {
        const digest = digestApiKey(key);
        const pieces = [key, digest, createHash('sha256').update(key).digest('base64')];
        // A key cut short would still hand out most of its secret.
        for (let i = 0; i + 12 <= key.length; i++) pieces.push(key.slice(i, i + 12));
        return pieces.filter((piece) => everything.includes(piece));
      });
      expect(leaks).toEqual([]);
      // The log searched holds the very requests that carried the secrets.
      const logged = t.logs.filter((line) => line.msg === 'request').map((line) => String(line.url));
      expect(logged).toEqual(expect.arrayContaining([`${keys()}/${created.id}/roll`, '/api/v1/integration/whoami']));
    });
  });
});

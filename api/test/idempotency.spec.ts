import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { ApiKeysService } from '../src/api-keys/api-keys.service';
import { Clock, DAY_MS } from '../src/common/clock';
import { loadConfig } from '../src/config/app-config';
import { EmbeddedDatabase } from '../src/database/embedded-database';
import { migrateUp } from '../src/database/migrate';
import { ormOptions } from '../src/database/orm-options';
import { ENTITIES } from '../src/entities';
import { IdempotencyInterceptor } from '../src/idempotency/idempotency.interceptor';
import { IdempotencySweeper } from '../src/idempotency/idempotency-sweeper';
import { addMember, countQueries, createRole, expectProblem, inviteToken, MEMBER_PASSWORD, ownerSession, Session } from './fixtures';
import { bearer, DATABASE_KIND, OWNER_PASSWORD, startApp, startTestApp, TestApp, TestDatabase } from './harness';

interface KeyAnswer {
  id: string;
  key: string;
  maskedKey: string;
  previousKeyExpiresAt: string | null;
}

/** Safe retries (contract: *Safe retries (idempotency)*): `Idempotency-Key` on every write of an authenticated caller. */
describe('Idempotency-Key', () => {
  let t: TestApp;
  let owner: Session;
  let names = 0;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const keys = () => `/api/v1/orgs/${owner.orgId}/api-keys`;
  const idem = () => `test-${randomUUID()}`;
  const create = (key: string, body: Record<string, unknown>, session = owner) =>
    t.http.post(`/api/v1/orgs/${session.orgId}/api-keys`).set(bearer(session.token)).set('Idempotency-Key', key).send(body);
  const keysNamed = async (name: string) => {
    const list = await t.http
      .get(`${keys()}?q=${encodeURIComponent(name)}&limit=100`)
      .set(bearer(owner.token))
      .expect(200);
    return (list.body.items as { name: string }[]).filter((k) => k.name === name).length;
  };
  const newName = () => `Retried ${++names} ${randomUUID().slice(0, 8)}`;

  describe('replays', () => {
    it('a create: the same status, body (the secret included) and Content-Type, marked Idempotent-Replayed, and one key', async () => {
      const key = idem();
      const name = newName();
      const first = await create(key, { name }).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await create(key, { name }).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.text).toBe(first.text);
      expect((again.body as KeyAnswer).key).toBe((first.body as KeyAnswer).key);
      expect(await keysNamed(name)).toBe(1);
      // Without the key, the same request is a new one (and clashes on the name).
      expectProblem(await t.http.post(keys()).set(bearer(owner.token)).send({ name }), 409);
    });

    it('compares the body as parsed JSON: members in another order are the same request', async () => {
      const key = idem();
      const name = newName();
      const first = await t.http
        .post(keys())
        .set(bearer(owner.token))
        .set('Idempotency-Key', key)
        .set('Content-Type', 'application/json')
        .send(`{"name":${JSON.stringify(name)},"enabled":true}`)
        .expect(201);
      const again = await t.http
        .post(keys())
        .set(bearer(owner.token))
        .set('Idempotency-Key', key)
        .set('Content-Type', 'application/json')
        .send(`{ "enabled": true, "name": ${JSON.stringify(name)} }`)
        .expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.key).toBe(first.body.key);
    });

    it('a roll, before the rule on a replaced secret that still works', async () => {
      const created = (await create(idem(), { name: newName() }).expect(201)).body as KeyAnswer;
      const key = idem();
      const roll = () =>
        t.http.post(`${keys()}/${created.id}/roll`).set(bearer(owner.token)).set('Idempotency-Key', key).send({ gracePeriodSeconds: 3600 });
      const first = (await roll().expect(200)).body as KeyAnswer;
      const again = await roll().expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect((again.body as KeyAnswer).key).toBe(first.key);
      // Both secrets work: the replay rolled nothing.
      await t.http.get('/api/v1/integration/whoami').set(bearer(created.key)).expect(200);
      await t.http.get('/api/v1/integration/whoami').set(bearer(first.key)).expect(200);
    });

    it('an invitation, whose link keeps working (a second invitation would have replaced it)', async () => {
      const key = idem();
      const send = () =>
        t.http
          .post(`/api/v1/orgs/${owner.orgId}/members`)
          .set(bearer(owner.token))
          .set('Idempotency-Key', key)
          .send({ email: 'retried-invite@example.com', name: 'Retried', roleIds: [] });
      const first = await send().expect(201);
      const again = await send().expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.inviteUrl).toBe(first.body.inviteUrl);
      await t.http.get(`/api/v1/invitations/${inviteToken(first.body.inviteUrl as string)}`).expect(200);
    });

    it('a PATCH and a DELETE (204, no body), and a stored 4xx', async () => {
      const created = (await create(idem(), { name: newName() }).expect(201)).body as KeyAnswer;
      const patchKey = idem();
      const renamed = newName();
      const patch = () => t.http.patch(`${keys()}/${created.id}`).set(bearer(owner.token)).set('Idempotency-Key', patchKey).send({ name: renamed });
      const patched = await patch().expect(200);
      await t.http.patch(`${keys()}/${created.id}`).set(bearer(owner.token)).send({ name: newName() }).expect(200);
      const replayed = await patch().expect(200);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.body).toEqual(patched.body);

      const deleteKey = idem();
      const remove = () => t.http.delete(`${keys()}/${created.id}`).set(bearer(owner.token)).set('Idempotency-Key', deleteKey);
      await remove().expect(204);
      const removedAgain = await remove().expect(204);
      expect(removedAgain.headers['idempotent-replayed']).toBe('true');
      expect(removedAgain.text).toBe('');

      // A 404 is a final answer too: stored and replayed, as problem+json.
      const missing = `${keys()}/${randomUUID()}`;
      const goneKey = idem();
      const gone = await t.http.delete(missing).set(bearer(owner.token)).set('Idempotency-Key', goneKey);
      expectProblem(gone, 404);
      const goneAgain = await t.http.delete(missing).set(bearer(owner.token)).set('Idempotency-Key', goneKey);
      expectProblem(goneAgain, 404);
      expect(goneAgain.headers['idempotent-replayed']).toBe('true');
      expect(goneAgain.text).toBe(gone.text);
    });
  });

  it('refuses the same key with another body, path or method: 422 idempotency-key-reused', async () => {
    const key = idem();
    const created = (await create(key, { name: newName() }).expect(201)).body as KeyAnswer;
    for (const response of [
      await create(key, { name: newName() }),
      await t.http
        .post(`/api/v1/orgs/${owner.orgId}/roles`)
        .set(bearer(owner.token))
        .set('Idempotency-Key', key)
        .send({ name: newName(), permissions: [] }),
      await t.http.patch(`${keys()}/${created.id}`).set(bearer(owner.token)).set('Idempotency-Key', key).send({ name: newName() }),
    ]) {
      expect(expectProblem(response, 422).type).toBe('urn:tptm:problem:idempotency-key-reused');
      expect(response.text).not.toContain(created.key);
    }
  });

  it.each([
    ['longer than 255 characters', 'k'.repeat(256)],
    ['not ASCII', 'clé'],
  ])('refuses a key %s with 400 naming Idempotency-Key', async (_, key) => {
    const problem = expectProblem(await create(key, { name: newName() }), 400);
    expect(problem.errors).toEqual([{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }]);
  });

  it('is ignored on requests without credentials (sign-in)', async () => {
    await t.http.post('/api/v1/auth/login').set('Idempotency-Key', 'clé').send({ email: 'owner@example.com', password: OWNER_PASSWORD }).expect(200);
  });

  it('runs concurrent repeats once: the others replay its answer or are told it is still running (409 with Retry-After)', async () => {
    const key = idem();
    const name = newName();
    const answers = await Promise.all(Array.from({ length: 6 }, () => create(key, { name })));
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.key)).size).toBe(1);
    expect(created.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    for (const busy of answers.filter((a) => a.status !== 201)) {
      expect(expectProblem(busy, 409).type).toBe('urn:tptm:problem:idempotency-key-in-use');
      expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect(await keysNamed(name)).toBe(1);
  });

  it("is per caller: another member's same key is another request, and a member removed since gets no replay", async () => {
    await createRole(t, owner, 'Key managers', ['key:manage']);
    const member = await addMember(t, owner, 'idempotent-member@example.com', ['Key managers']);
    const key = idem();
    const mine = (await create(key, { name: newName() }).expect(201)).body as KeyAnswer;
    const body = { name: newName() };
    const theirs = await create(key, body, member).expect(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.key).not.toBe(mine.key);

    await t.http.delete(`/api/v1/orgs/${owner.orgId}/members/${member.userId}`).set(bearer(owner.token)).expect(204);
    const refused = await create(key, body, member);
    expectProblem(refused, 404);
    expect(refused.text).not.toContain(theirs.body.key);
  });

  it("replays an API key's request only while the key works", async () => {
    const apiKey = (await create(idem(), { name: newName(), permissions: ['member:manage'] }).expect(201)).body as KeyAnswer;
    const key = idem();
    const send = () =>
      t.http
        .post(`/api/v1/orgs/${owner.orgId}/members`)
        .set('X-API-Key', apiKey.key)
        .set('Idempotency-Key', key)
        .send({ email: 'by-key@example.com', name: 'By Key', roleIds: [] });
    const first = await send().expect(201);
    expect((await send().expect(201)).body.inviteUrl).toBe(first.body.inviteUrl);
    // The owner's same key is not the API key's.
    const ownerSends = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/members`)
      .set(bearer(owner.token))
      .set('Idempotency-Key', key)
      .send({ email: 'by-key@example.com', name: 'By Key', roleIds: [] });
    expect(ownerSends.headers['idempotent-replayed']).toBeUndefined();
    await t.http.delete(`${keys()}/${apiKey.id}`).set(bearer(owner.token)).expect(204);
    const refused = await send();
    expectProblem(refused, 401);
    expect(refused.text).not.toContain(first.body.inviteUrl);
  });

  it('stores no 5xx (nor 401): the same key runs the request when it is sent again', async () => {
    const key = idem();
    const name = newName();
    jest.spyOn(ApiKeysService.prototype, 'create').mockRejectedValueOnce(new Error('the disk is on fire'));
    expect((await create(key, { name })).status).toBe(500);
    await t.http.post(keys()).set(bearer('not-a-token')).set('Idempotency-Key', key).send({ name }).expect(401);
    const ran = await create(key, { name }).expect(201);
    expect(ran.headers['idempotent-replayed']).toBeUndefined();
    expect(await keysNamed(name)).toBe(1);
  });

  it('writes nothing when the answer cannot be stored (a crash between the two): the repeat creates the only key', async () => {
    const key = idem();
    const name = newName();
    // The answer is the write's transaction's last statement: it fails, and the key created just before is undone with it.
    jest.spyOn(IdempotencyInterceptor.prototype as unknown as { store: () => Promise<void> }, 'store').mockRejectedValueOnce(new Error('killed'));
    expect((await create(key, { name })).status).toBe(500);
    expect(await keysNamed(name)).toBe(0);
    const ran = await create(key, { name }).expect(201);
    expect(ran.headers['idempotent-replayed']).toBeUndefined();
    expect((await create(key, { name }).expect(201)).headers['idempotent-replayed']).toBe('true');
    expect(await keysNamed(name)).toBe(1);
  });

  it('adds at most one statement to the write, and one read before it', async () => {
    const without = await countQueries(t, () => t.http.post(keys()).set(bearer(owner.token)).send({ name: newName() }).expect(201));
    const withKey = await countQueries(t, () => create(idem(), { name: newName() }).expect(201));
    expect(withKey - without).toBeLessThanOrEqual(2);
  });

  it('keeps answers 24 hours, then runs the request again; the server deletes them', async () => {
    const key = idem();
    const name = newName();
    const first = (await create(key, { name }).expect(201)).body as KeyAnswer;
    const later = Date.now() + DAY_MS + 60_000;
    jest.spyOn(Clock.prototype, 'now').mockReturnValue(later);
    await t.http.delete(`${keys()}/${first.id}`).set(bearer(owner.token)).expect(204);
    const rerun = await create(key, { name }).expect(201);
    expect(rerun.headers['idempotent-replayed']).toBeUndefined();
    expect(rerun.body.key).not.toBe(first.key);

    jest.spyOn(Clock.prototype, 'now').mockReturnValue(later + DAY_MS + 60_000);
    expect(await t.app.get(IdempotencySweeper).sweep()).toBeGreaterThanOrEqual(1);
    expect(await t.db.query('select id from idempotency_record')).toEqual([]);
  });

  describe('rolling while a replaced secret still works', () => {
    it('is refused with 409 previous-secret-still-working and previousKeyExpiresAt, unless replacePrevious', async () => {
      const created = (await create(idem(), { name: newName() }).expect(201)).body as KeyAnswer;
      const roll = (body: Record<string, unknown>) =>
        t.http.post(`${keys()}/${created.id}/roll`).set(bearer(owner.token)).set('Idempotency-Key', idem()).send(body);
      const first = (await roll({ gracePeriodSeconds: 3600 }).expect(200)).body as KeyAnswer;
      const refused = await roll({ gracePeriodSeconds: 3600 });
      const problem = expectProblem(refused, 409) as Record<string, unknown>;
      expect(problem.type).toBe('urn:tptm:problem:previous-secret-still-working');
      expect(problem.previousKeyExpiresAt).toBe(first.previousKeyExpiresAt);
      await t.http.get('/api/v1/integration/whoami').set(bearer(created.key)).expect(200);

      const second = (await roll({ gracePeriodSeconds: 0, replacePrevious: true }).expect(200)).body as KeyAnswer;
      expect(second.previousKeyExpiresAt).toBeNull();
      await t.http.get('/api/v1/integration/whoami').set(bearer(created.key)).expect(401);
      await t.http.get('/api/v1/integration/whoami').set(bearer(first.key)).expect(401);
      await t.http.get('/api/v1/integration/whoami').set(bearer(second.key)).expect(200);
      // With no replaced secret working, nothing needs saying.
      await roll({ gracePeriodSeconds: 60 }).expect(200);
    });
  });

  it('covers every write route of a signed-in caller without a line of its own: each one replays', async () => {
    const as = (token: string) => ({
      send: (method: 'post' | 'patch' | 'put' | 'delete', path: string, body?: object) => {
        const key = idem();
        const request = () => {
          const r = t.http[method](`/api/v1${path}`).set(bearer(token)).set('Idempotency-Key', key);
          return body === undefined ? r : r.send(body);
        };
        return { first: request(), again: request };
      },
    });
    const replays = async ({
      first,
      again,
    }: {
      first: PromiseLike<{ status: number; text: string }>;
      again: () => PromiseLike<{ status: number; text: string; headers: Record<string, string> }>;
    }) => {
      const answer = await first;
      expect(answer.status).toBeLessThan(300);
      const replay = await again();
      expect({ status: replay.status, replayed: replay.headers['idempotent-replayed'], text: replay.text }).toEqual({
        status: answer.status,
        replayed: 'true',
        text: answer.text,
      });
      return answer.text === '' ? undefined : (JSON.parse(answer.text) as Record<string, unknown> & { id: string });
    };
    const org = `/orgs/${owner.orgId}`;
    const ownerSends = as(owner.token).send;
    await replays(ownerSends('post', '/orgs', { name: `Retried org ${randomUUID()}` }));
    const role = (await replays(ownerSends('post', `${org}/roles`, { name: newName(), permissions: ['audit:read'] })))!;
    await replays(ownerSends('patch', `${org}/roles/${role.id}`, { name: newName() }));
    const policy = { maxLifetimeDays: null, requireExpiry: false, allowedIps: [], requireRateLimit: false, onExposure: 'notify' };
    await replays(ownerSends('post', `${org}/key-policy/dry-run`, policy));
    await replays(ownerSends('put', `${org}/key-policy`, policy));
    const member = await addMember(t, owner, `covered-${randomUUID().slice(0, 8)}@example.com`);
    await replays(ownerSends('put', `${org}/members/${member.userId}/roles`, { roleIds: [role.id] }));
    const invited = (await replays(
      ownerSends('post', `${org}/members`, { email: `pending-${randomUUID().slice(0, 8)}@example.com`, name: 'Pending', roleIds: [] }),
    ))!;
    const invitationId = (invited.invitation as { id: string }).id;
    const renewed = (await replays(ownerSends('post', `${org}/invitations/${invitationId}/renew`)))!;
    await replays(ownerSends('delete', `${org}/invitations/${(renewed.invitation as { id: string } | undefined)?.id ?? invitationId}`));
    await replays(as(member.token).send('put', '/me/password', { currentPassword: MEMBER_PASSWORD, newPassword: 'another-member-password-1' }));
    await replays(ownerSends('delete', `${org}/members/${member.userId}`));
    await replays(ownerSends('delete', `${org}/roles/${role.id}`));
    // Signing out ends the session the replay would need: the repeat is refused, not replayed.
    const token = await t.signIn();
    const logout = as(token).send('post', '/auth/logout');
    expect((await logout.first).status).toBe(204);
    expect((await logout.again()).status).toBe(401);
  });

  (DATABASE_KIND === 'postgresql' ? it : it.skip)("replays on instance B the answer instance A stored, and B's repeat runs nothing", async () => {
    // Same configuration (secrets included), same database: a second instance. Stopped before this file's app.
    const b = await startApp(t.db, {}, t.config);
    try {
      const key = idem();
      const name = newName();
      const onA = await create(key, { name }).expect(201);
      const onB = await b.http.post(keys()).set(bearer(owner.token)).set('Idempotency-Key', key).send({ name }).expect(201);
      expect(onB.headers['idempotent-replayed']).toBe('true');
      expect(onB.body.key).toBe(onA.body.key);

      // Racing on both instances: still one key.
      const raced = newName();
      const raceKey = idem();
      const answers = await Promise.all([
        create(raceKey, { name: raced }),
        b.http.post(keys()).set(bearer(owner.token)).set('Idempotency-Key', raceKey).send({ name: raced }),
        create(raceKey, { name: raced }),
        b.http.post(keys()).set(bearer(owner.token)).set('Idempotency-Key', raceKey).send({ name: raced }),
      ]);
      expect(answers.map((a) => a.status).every((s) => s === 201 || s === 409)).toBe(true);
      expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.body.key)).size).toBe(1);
      expect(await keysNamed(raced)).toBe(1);
    } finally {
      await b.stop();
    }
  });
});

/** The embedded database on disk never holds a secret in clear, nor an Idempotency-Key. */
describe('Idempotency-Key on the embedded database, on disk', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tptm-idempotency-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stores the answers holding a created or rolled key, or an invitation link, sealed', async () => {
    const config = loadConfig({
      TPTM_DATA_DIR: dataDir,
      TPTM_ADMIN_EMAIL: 'owner@example.com',
      TPTM_ADMIN_PASSWORD: OWNER_PASSWORD,
      TPTM_LOG_LEVEL: 'info',
      TPTM_PASSWORD_HASH_COST: '10',
    });
    const embedded = await EmbeddedDatabase.open(config.embeddedDatabase);
    const orm = await MikroORM.init(ormOptions(undefined, embedded, { entities: ENTITIES }));
    await migrateUp(orm);
    await orm.close();
    const db: TestDatabase = {
      databaseUrl: undefined,
      embedded,
      query: async (sql, params) => (await embedded.pglite.query(sql, params)).rows as never,
      drop: async () => embedded.close(),
    };
    const t = await startApp(db, {}, config);
    const owner = await ownerSession(t);
    const idempotencyKeys = [`disk-${randomUUID()}`, `disk-${randomUUID()}`, `disk-${randomUUID()}`];
    const keys = `/api/v1/orgs/${owner.orgId}/api-keys`;
    const created = await t.http.post(keys).set(bearer(owner.token)).set('Idempotency-Key', idempotencyKeys[0]).send({ name: 'On disk' }).expect(201);
    const rolled = await t.http
      .post(`${keys}/${created.body.id}/roll`)
      .set(bearer(owner.token))
      .set('Idempotency-Key', idempotencyKeys[1])
      .send({})
      .expect(200);
    const invited = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/members`)
      .set(bearer(owner.token))
      .set('Idempotency-Key', idempotencyKeys[2])
      .send({ email: 'on-disk@example.com', name: 'On Disk', roleIds: [] })
      .expect(201);
    expect(await db.query('select count(*)::int as n from idempotency_record')).toEqual([{ n: 3 }]);
    await t.close();

    const secrets = [created.body.key as string, rolled.body.key as string, inviteToken(invited.body.inviteUrl as string), ...idempotencyKeys];
    const files = listFiles(config.embeddedDatabase);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of secrets) expect({ file, found: bytes.includes(secret) }).toEqual({ file, found: false });
    }
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

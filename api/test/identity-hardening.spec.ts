import { createHmac } from 'node:crypto';
import { bearer, DATABASE_KIND, OWNER_EMAIL, OWNER_PASSWORD, startTestApp, TestApp } from './harness';
import { addMember, expectProblem, ownerSession, Session, sessionIdOf } from './fixtures';

/** Findings of a hostile review of sign-in, tokens and membership, each checked over HTTP. */

describe('sign-in limiter under concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TPTM_LOGIN_MAX_FAILURES: '10' });
  });
  afterAll(() => t.close());

  it('lets a correct sign-in through after a few failures without counting it', async () => {
    for (let i = 0; i < 9; i++)
      expect((await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: 'wrong-password' })).status).toBe(401);
    // Correct sign-ins at 9 failures: each works and none uses up the last attempt.
    for (let i = 0; i < 3; i++) await t.signIn();
    expectProblem(await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: 'wrong-password' }), 401);
    const refused = expectProblem(await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: OWNER_PASSWORD }), 429);
    expect(refused.detail).toMatch(/Too many failed sign-ins/);
  });

  it('refuses 40 parallel wrong sign-ins from one client past the 10th, before checking the password', async () => {
    // A fresh app: the client of the previous test is already at its limit.
    const fresh = await startTestApp({ TPTM_LOGIN_MAX_FAILURES: '10' });
    try {
      const responses = await Promise.all(
        Array.from({ length: 40 }, () => fresh.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: 'wrong-password' })),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30);
      for (const r of responses.filter((r) => r.status === 429)) {
        expectProblem(r, 429);
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
    } finally {
      await fresh.close();
    }
  });

  it('limits parallel wrong current passwords on PUT /me/password the same way', async () => {
    const fresh = await startTestApp({ TPTM_LOGIN_MAX_FAILURES: '10' });
    try {
      const token = await fresh.signIn();
      const responses = await Promise.all(
        Array.from({ length: 40 }, () =>
          fresh.http.put('/api/v1/me/password').set(bearer(token)).send({ currentPassword: 'wrong-password', newPassword: 'a-brand-new-password-1' }),
        ),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 400)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30);
      expect(responses.find((r) => r.status === 429)?.headers['retry-after']).toMatch(/^\d+$/);
      // The right password is refused too while the client is over its limit.
      expectProblem(
        await fresh.http
          .put('/api/v1/me/password')
          .set(bearer(token))
          .send({ currentPassword: OWNER_PASSWORD, newPassword: 'a-brand-new-password-1' }),
        429,
      );
    } finally {
      await fresh.close();
    }
  });

  it('does not count a correct current password', async () => {
    const fresh = await startTestApp({ TPTM_LOGIN_MAX_FAILURES: '2' });
    try {
      let password = OWNER_PASSWORD;
      for (let i = 0; i < 4; i++) {
        const token = await fresh.signIn(OWNER_EMAIL, password);
        const next = `a-brand-new-password-${i}`;
        await fresh.http.put('/api/v1/me/password').set(bearer(token)).send({ currentPassword: password, newPassword: next }).expect(204);
        password = next;
      }
      await fresh.signIn(OWNER_EMAIL, password);
    } finally {
      await fresh.close();
    }
  });
});

describe('console tokens with missing or odd claims', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  /** A token signed with the app's own secret, so only the claims can be wrong. */
  function jwt(payload: Record<string, unknown>): string {
    const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
    return `${body}.${createHmac('sha256', t.config.jwtSecret).update(body).digest('base64url')}`;
  }
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => {
    const all: Record<string, unknown> = {
      sub: owner.userId,
      sid: sessionIdOf(owner.token),
      iss: 'tptm',
      aud: 'tptm-console',
      iat: now(),
      exp: now() + 600,
      ...extra,
    };
    for (const key of Object.keys(all)) if (all[key] === undefined) delete all[key];
    return all;
  };
  const me = (token: string) => t.http.get('/api/v1/me').set(bearer(token));
  const orgs = (token: string) => t.http.get(`/api/v1/orgs/${owner.orgId}/members`).set(bearer(token));

  it('accepts well-formed claims (the forging itself is right)', async () => {
    await me(jwt(claims())).expect(200);
    await orgs(jwt(claims())).expect(200);
  });

  it.each([
    ['without exp', { exp: undefined }],
    ['without iat', { iat: undefined }],
    ['issued an hour in the future', { iat: now() + 3600, exp: now() + 7200 }],
    ['with a sub that is not a UUID', { sub: 'not-a-uuid' }],
    ['with a sub that is a number', { sub: 42 }],
    ['with a sub that is a SQL fragment', { sub: "' or 1=1 --" }],
    ['with a non-numeric exp', { exp: 'never' }],
    ['without a session id', { sid: undefined }],
    ['with a session id that is not a UUID', { sid: 'not-a-uuid' }],
  ])('refuses a token %s with the uniform 401', async (_label, extra) => {
    for (const request of [me, orgs]) {
      const problem = expectProblem(await request(jwt(claims(extra))), 401);
      expect(problem.type).toBe('urn:tptm:problem:unauthorized');
    }
  });
});

describe('member:manage cannot reach above itself', () => {
  let t: TestApp;
  let owner: Session;
  let manager: Session;
  let admin: Session;
  let plain: Session;
  let managerRoleId: string;
  let adminRoleId: string;
  let memberRoleId: string;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
    const roles = await t.http.get(`/api/v1/orgs/${owner.orgId}/roles`).set(bearer(owner.token)).expect(200);
    const byName = (name: string) => roles.body.items.find((r: { name: string }) => r.name === name).id as string;
    adminRoleId = byName('Admin');
    memberRoleId = byName('Member');
    managerRoleId = (
      await t.http
        .post(`/api/v1/orgs/${owner.orgId}/roles`)
        .set(bearer(owner.token))
        .send({ name: 'Member Manager', permissions: ['member:manage'] })
        .expect(201)
    ).body.id;
    manager = await addMember(t, owner, 'manager@example.com', ['Member Manager']);
    admin = await addMember(t, owner, 'admin@example.com', ['Admin']);
    plain = await addMember(t, owner, 'plain@example.com', ['Member']);
  });
  afterAll(() => t.close());

  const rolesOf = async (userId: string) => {
    const list = await t.http.get(`/api/v1/orgs/${owner.orgId}/members`).set(bearer(owner.token)).expect(200);
    return list.body.items.find((m: { id: string }) => m.id === userId).roles.map((r: { name: string }) => r.name);
  };

  it('refuses to change the roles of an Admin, with a problem naming what the caller lacks', async () => {
    const problem = expectProblem(
      await t.http
        .put(`/api/v1/orgs/${owner.orgId}/members/${admin.userId}/roles`)
        .set(bearer(manager.token))
        .send({ roleIds: [memberRoleId] }),
      403,
    );
    expect(problem.detail).toMatch(/holds permissions you don't have yourself: .*"Key: Manage"/);
    expect(await rolesOf(admin.userId)).toEqual(['Admin']);
  });

  it('refuses to remove an Admin', async () => {
    const problem = expectProblem(await t.http.delete(`/api/v1/orgs/${owner.orgId}/members/${admin.userId}`).set(bearer(manager.token)), 403);
    expect(problem.detail).toMatch(/remove a member who holds permissions/);
    expect(await rolesOf(admin.userId)).toEqual(['Admin']);
  });

  it('refuses to grant a role carrying permissions the caller lacks (to others or itself)', async () => {
    for (const userId of [plain.userId, manager.userId]) {
      const problem = expectProblem(
        await t.http
          .put(`/api/v1/orgs/${owner.orgId}/members/${userId}/roles`)
          .set(bearer(manager.token))
          .send({ roleIds: [adminRoleId] }),
        403,
      );
      expect(problem.detail).toMatch(/can't grant permissions you don't have/);
    }
    expectProblem(
      await t.http
        .post(`/api/v1/orgs/${owner.orgId}/members`)
        .set(bearer(manager.token))
        .send({ email: 'new-admin@example.com', name: 'New Admin', roleIds: [adminRoleId] }),
      403,
    );
    expect(await rolesOf(plain.userId)).toEqual(['Member']);
  });

  it('still lets it manage members who hold no more than it does', async () => {
    await t.http
      .put(`/api/v1/orgs/${owner.orgId}/members/${plain.userId}/roles`)
      .set(bearer(manager.token))
      .send({ roleIds: [memberRoleId, managerRoleId] })
      .expect(200);
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/members/${plain.userId}`).set(bearer(manager.token)).expect(204);
  });

  it('lets an Admin manage members below it as before', async () => {
    await t.http
      .put(`/api/v1/orgs/${owner.orgId}/members/${manager.userId}/roles`)
      .set(bearer(admin.token))
      .send({ roleIds: [memberRoleId] })
      .expect(200);
  });
});

describe('control characters in emails', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it.each(['owner\u0000@example.com', `${OWNER_EMAIL}\u0000`, 'own\u0007er@example.com'])(
    'answers a sign-in with %j as a 400 on email, not a database error',
    async (email) => {
      const problem = expectProblem(await t.http.post('/api/v1/auth/login').send({ email, password: OWNER_PASSWORD }), 400);
      expect(problem.errors).toEqual([{ field: 'email', message: 'must not contain control characters' }]);
    },
  );

  it('answers adding a member with a NUL in the email as a 400 on email', async () => {
    const response = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/members`)
      .set(bearer(owner.token))
      .send({ email: 'grace\u0000@example.com', name: 'Grace', roleIds: [] });
    const problem = expectProblem(response, 400);
    expect(response.headers['retry-after']).toBeUndefined();
    expect(problem.errors).toEqual([{ field: 'email', message: 'must not contain control characters' }]);
  });
});

describe('database errors: forged cursors and what reaches the log', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await startTestApp({ TPTM_LOG_LEVEL: 'trace' });
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  const ID = '0b5d7c3e-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
  const cursor = (iso: string) => Buffer.from(`${iso}|${ID}`).toString('base64url');

  it.each(['+275760-09-13T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', '-271821-04-20T00:00:00.000Z'])(
    'answers a forged cursor at %s with 400 on both lists, and logs no SQL',
    async (iso) => {
      const before = t.logs.length;
      for (const path of ['api-keys', 'audit-events']) {
        const response = await t.http
          .get(`/api/v1/orgs/${owner.orgId}/${path}`)
          .query({ cursor: cursor(iso) })
          .set(bearer(owner.token));
        // Some of these dates one database reads and the other does not; read, the page is simply empty.
        // PGlite cannot read +275760 (the review's 500): that one must be a 400 there.
        if (response.status === 200 && !(DATABASE_KIND === 'pglite' && iso.startsWith('+275760'))) continue;
        const problem = expectProblem(response, 400);
        expect(problem.detail).toMatch(/cursor/);
      }
      const lines = t.logs.slice(before).map((l) => JSON.stringify(l));
      for (const line of lines) {
        expect(line).not.toMatch(/select|from "|\$1|organization_id| {2}at |stack/i);
        expect(line).not.toContain(ID);
      }
      for (const line of t.logs.slice(before).filter((l) => l.err)) {
        expect(Object.keys(line.err as object).sort()).toEqual(['code', 'type']);
      }
    },
  );
});

describe('requests the API promises to refuse', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it.each([
    '/api/v1/me',
    '/api/v1/permissions',
    '/api/v1/integration/ping',
    '/api/v1/orgs/{org}/roles',
    '/api/v1/orgs/{org}/members',
    '/api/v1/orgs/{org}/invitations',
  ])('answers an unknown query parameter on %s with 400 naming it', async (path) => {
    const url = path.replace('{org}', owner.orgId);
    await t.http.get(url).set(bearer(owner.token)).expect(200);
    const problem = expectProblem(await t.http.get(`${url}?orgId=x&limit=5`).set(bearer(owner.token)), 400);
    expect(problem.errors).toEqual([
      { field: 'orgId', message: 'is not a known query parameter; remove it' },
      { field: 'limit', message: 'is not a known query parameter; remove it' },
    ]);
  });

  it('answers a text/plain body with 415, as for any body that is not JSON', async () => {
    const response = await t.http.post('/api/v1/auth/login').set('Content-Type', 'text/plain').send('{"email":"a@b.c","password":"x"}');
    expect(expectProblem(response, 415).type).toBe('urn:tptm:problem:unsupported-media-type');
    expectProblem(
      await t.http.post(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).set('Content-Type', 'text/plain').send('x'),
      415,
    );
  });
});

describe('names that look alike are the same name', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  const createRole = (name: string) => t.http.post(`/api/v1/orgs/${owner.orgId}/roles`).set(bearer(owner.token)).send({ name, permissions: [] });
  const createKey = (name: string) => t.http.post(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).send({ name });

  it.each([
    ['a zero-width space', 'Owner\u200b'],
    ['a zero-width joiner', 'Ow\u200dner'],
    ['a left-to-right mark', '\u200eBilling'],
    ['a soft hyphen', 'Bill\u00ading'],
    ['a tag character', 'Billing\u{E0041}'],
    ['a variation selector', 'Billing\ufe0f'],
    ['a right-to-left override', 'gnilli\u202eB'],
  ])('refuses a name with %s (400)', async (_label, name) => {
    for (const response of [await createRole(name), await createKey(name)]) {
      expect(expectProblem(response, 400).errors).toEqual([{ field: 'name', message: 'must not contain control, invisible or format characters' }]);
    }
  });

  it('stores one spelling: NFD and NFC, compatibility forms and space runs are the same name (409)', async () => {
    const created = await createKey('Caf\u00e9  Integration');
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Café Integration');
    for (const lookAlike of ['Cafe\u0301 Integration', 'CAFÉ\u00a0INTEGRATION', 'Ｃａｆé Integration']) {
      expectProblem(await createKey(lookAlike), 409);
    }
    // A custom role can never look like a built-in one.
    for (const lookAlike of ['ＯＷＮＥＲ', 'owner', ' Admin ', 'Mem\u00adber']) expect([400, 409]).toContain((await createRole(lookAlike)).status);
  });

  const renameRole = (id: string, name: string) => t.http.patch(`/api/v1/orgs/${owner.orgId}/roles/${id}`).set(bearer(owner.token)).send({ name });

  it('takes a built-in role spelled with Greek or Cyrillic letters that look Latin for the built-in role (409)', async () => {
    // Α is Greek Alpha; О, М, Е, Т and Н are Cyrillic.
    for (const [lookAlike, builtIn] of [
      ['\u0391dmin', 'Admin'],
      ['\u041ewner', 'Owner'],
      ['\u041c\u0435mber', 'Member'],
      ['\u0391DMIN', 'Admin'],
      ['\u03b1dmin', 'Admin'],
      ['\u041c\u0415\u041c\u0412\u0415R', 'Member'],
    ]) {
      const problem = expectProblem(await createRole(lookAlike), 409);
      expect(problem.errors).toEqual([
        { field: 'name', message: `looks the same as the role "${builtIn}" (names are compared ignoring case and look-alike letters)` },
      ]);
    }
  });

  it('takes a look-alike of a custom role for that role, on create and on rename (409)', async () => {
    expect((await createRole('Deploy Bots')).status).toBe(201);
    // Cyrillic е, р and о, then Greek Ο and Cyrillic В.
    for (const lookAlike of ['D\u0435\u0440l\u043ey Bots', 'DEPL\u039fY \u0412OTS']) expectProblem(await createRole(lookAlike), 409);
    const other = await createRole('Release Bots');
    expect(other.status).toBe(201);
    const problem = expectProblem(await renameRole(other.body.id, 'D\u0435ploy Bots'), 409);
    expect(problem.errors).toEqual([
      { field: 'name', message: 'looks the same as the role "Deploy Bots" (names are compared ignoring case and look-alike letters)' },
    ]);
    // Renaming a role to a look-alike of its own name is a change of spelling, not a clash.
    expect((await renameRole(other.body.id, 'R\u0435lease Bots')).status).toBe(200);
  });

  it('creates exactly one of several look-alikes sent at once', async () => {
    // Latin, then with a Cyrillic і, a Greek Ν, a Cyrillic Ѕ, and a Cyrillic І in capitals.
    const spellings = ['Night Shift', 'N\u0456ght Shift', '\u039dight Shift', 'Night \u0405hift', 'NIGHT SH\u0406FT'];
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(spellings.map((name) => createRole(`${name} ${round}`)));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    }
  });

  it('still accepts names written wholly in Cyrillic or Greek', async () => {
    for (const name of [
      '\u0411\u0443\u0445\u0433\u0430\u043b\u0442\u0435\u0440\u0438\u044f',
      '\u0394\u03b9\u03b1\u03c7\u03b5\u03b9\u03c1\u03b9\u03c3\u03c4\u03ad\u03c2',
    ]) {
      const created = await createRole(name);
      expect({ status: created.status, name: created.body.name }).toEqual({ status: 201, name });
    }
  });
});

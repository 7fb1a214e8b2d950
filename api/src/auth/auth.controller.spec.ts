import { createHmac, randomUUID } from 'node:crypto';
import { bearer, OWNER_EMAIL, OWNER_PASSWORD, startTestApp, TestApp } from '../../test/harness';
import { expectProblem, ownerSession, sessionIdOf } from '../../test/fixtures';
import { UNAUTHORIZED_DETAIL } from '../errors/problem';

/** An HS256 JWT signed with `secret`, for forging tokens the server must refuse. */
function jwt(payload: Record<string, unknown>, secret: string): string {
  const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('console sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('returns a bearer access token that opens console routes', async () => {
    const response = await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: OWNER_PASSWORD }).expect(200);
    expect(response.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    await t.http.get('/api/v1/me').set(bearer(response.body.accessToken)).expect(200);
  });

  it('treats the email case-insensitively', async () => {
    await t.http.post('/api/v1/auth/login').send({ email: ' Owner@Example.COM ', password: OWNER_PASSWORD }).expect(200);
  });

  it('answers a wrong password and an unknown email identically, without echoing either', async () => {
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: 'not-the-password' });
    const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: 'not-the-password' });
    expect(expectProblem(wrong, 401)).toEqual(expectProblem(unknown, 401));
    expect(wrong.headers['www-authenticate']).toBe('Bearer realm="tptm"');
    expect(wrong.text).not.toContain('not-the-password');
    expect(unknown.text).not.toContain('nobody@');
  });

  it('stores passwords only as slow salted hashes', async () => {
    const [row] = await t.db.query<{ password_hash: string }>('select password_hash from app_user where email = $1', [OWNER_EMAIL]);
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(row.password_hash).not.toContain(OWNER_PASSWORD);
  });

  it.each([
    ['an empty object', {}, ['email', 'password']],
    ['non-string fields', { email: 1, password: ['x'] }, ['email', 'password']],
    ['an unknown field', { email: OWNER_EMAIL, password: OWNER_PASSWORD, remember: true }, ['remember']],
    ['an oversized password', { email: OWNER_EMAIL, password: 'p'.repeat(257) }, ['password']],
  ])('refuses %s with 400 naming the fields', async (_label, body, fields) => {
    const problem = expectProblem(await t.http.post('/api/v1/auth/login').send(body), 400);
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(fields);
    expect(JSON.stringify(problem)).not.toContain(OWNER_PASSWORD);
  });

  it('refuses malformed JSON without quoting the body', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "owner@example.com", "password": "secret-in-broken-json"');
    expect(expectProblem(response, 400).errors).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
    expect(response.text).not.toContain('secret-in-broken-json');
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"hello"'],
    ['null', 'null'],
  ])('refuses a body that is %s', async (_label, raw) => {
    const response = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(raw);
    expect(expectProblem(response, 400).errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it('refuses an empty JSON body, a form body (415) and an oversized body (413)', async () => {
    const empty = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('');
    expect(expectProblem(empty, 400).errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    expectProblem(await t.http.post('/api/v1/auth/login').type('form').send({ email: OWNER_EMAIL, password: 'x' }), 415);
    const huge = JSON.stringify({ email: OWNER_EMAIL, password: 'x'.repeat(20_000) });
    expectProblem(await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(huge), 413);
  });

  it('refuses prototype-pollution keys', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":"a@b.c","password":"x","__proto__":{"admin":true}}');
    expect(expectProblem(response, 400).errors).toEqual([{ field: 'body', message: 'must not contain __proto__ or constructor keys' }]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  describe('access tokens', () => {
    const me = (token: string) => t.http.get('/api/v1/me').set(bearer(token));
    const now = () => Math.floor(Date.now() / 1000);
    let sid: string;
    const claims = (userId: string, extra: Record<string, unknown> = {}) => ({
      sub: userId,
      sid,
      iss: 'tptm',
      aud: 'tptm-console',
      iat: now(),
      exp: now() + 600,
      ...extra,
    });

    beforeAll(async () => {
      sid = sessionIdOf((await ownerSession(t)).token);
    });

    it('accepts a token signed with the server secret (the forging helper is right)', async () => {
      const { userId } = await ownerSession(t);
      await me(jwt(claims(userId), t.config.jwtSecret)).expect(200);
    });

    it('refuses a well-signed token without a session, or of a session that has ended', async () => {
      const { userId } = await ownerSession(t);
      expectProblem(await me(jwt(claims(userId, { sid: undefined }), t.config.jwtSecret)), 401);
      expectProblem(await me(jwt(claims(userId, { sid: randomUUID() }), t.config.jwtSecret)), 401);
      // A session of another account does not serve this one.
      const other = sessionIdOf(await t.signIn());
      await me(jwt(claims(userId, { sid: other }), t.config.jwtSecret)).expect(200);
      expectProblem(await me(jwt(claims(randomUUID(), { sid: other }), t.config.jwtSecret)), 401);
    });

    it.each([
      ['no Authorization header', undefined],
      ['a non-bearer scheme', 'Basic b3duZXI6cGFzc3dvcmQ='],
      ['a bearer with garbage', 'Bearer not.a.token'],
      ['an empty bearer', 'Bearer '],
    ])('answers %s with the uniform 401', async (_label, header) => {
      const request = t.http.get('/api/v1/me');
      const response = header === undefined ? await request : await request.set('Authorization', header);
      const problem = expectProblem(response, 401);
      expect(problem.detail).toBe(UNAUTHORIZED_DETAIL);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="tptm"');
    });

    it('refuses expired, foreign-signed, wrongly-addressed and unsigned tokens with the same 401', async () => {
      const { userId } = await ownerSession(t);
      const bodies = await Promise.all(
        [
          jwt(claims(userId, { exp: now() - 120 }), t.config.jwtSecret),
          jwt(claims(userId), 'a-different-secret-of-at-least-32-chars'),
          jwt(claims(userId, { aud: 'someone-else' }), t.config.jwtSecret),
          jwt(claims(userId, { iss: 'evil' }), t.config.jwtSecret),
          jwt(claims(userId), t.config.jwtSecret).split('.').slice(0, 2).join('.') + '.',
          `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims(userId))).toString('base64url')}.`,
        ].map(async (token) => expectProblem(await me(token), 401)),
      );
      for (const body of bodies) expect(body).toEqual(bodies[0]);
    });

    it('tolerates a few seconds of clock skew', async () => {
      const { userId } = await ownerSession(t);
      await me(jwt(claims(userId, { exp: now() - 5, iat: now() - 600 }), t.config.jwtSecret)).expect(200);
    });

    it('refuses a valid token for a user that does not exist', async () => {
      expectProblem(await me(jwt(claims('9b2f4c1e-0000-4000-8000-000000000000'), t.config.jwtSecret)), 401);
    });

    it('refuses a valid API key on routes for people and on key management (403), a bad one with 401', async () => {
      const owner = await ownerSession(t);
      const created = await t.http.post(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).send({ name: 'Not for admin' });
      const key = created.body.key as string;
      expectProblem(await t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(key)), 403);
      expectProblem(await t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys`).set('X-API-Key', key), 403);
      expectProblem(await t.http.post(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(key)).send({ name: 'x' }), 403);
      expectProblem(await t.http.get('/api/v1/me').set(bearer(key)), 403);
      expectProblem(await t.http.get('/api/v1/me').set(bearer(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)), 401);
    });
  });

  describe('password change', () => {
    it('needs the current password and applies the new one', async () => {
      const owner = await ownerSession(t);
      const wrong = await t.http
        .put('/api/v1/me/password')
        .set(bearer(owner.token))
        .send({ currentPassword: 'nope', newPassword: 'a-brand-new-password' });
      expect(expectProblem(wrong, 400).errors).toEqual([{ field: 'currentPassword', message: 'is incorrect' }]);
      const short = await t.http.put('/api/v1/me/password').set(bearer(owner.token)).send({ currentPassword: OWNER_PASSWORD, newPassword: 'short' });
      expect(expectProblem(short, 400).errors).toEqual([{ field: 'newPassword', message: expect.stringContaining('12 to 256') }]);
      await t.http
        .put('/api/v1/me/password')
        .set(bearer(owner.token))
        .send({ currentPassword: OWNER_PASSWORD, newPassword: 'a-brand-new-password' })
        .expect(204);
      await t.signIn(OWNER_EMAIL, 'a-brand-new-password');
      expectProblem(await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: OWNER_PASSWORD }), 401);
      await t.http
        .put('/api/v1/me/password')
        .set(bearer(owner.token))
        .send({ currentPassword: 'a-brand-new-password', newPassword: OWNER_PASSWORD })
        .expect(204);
    });
  });
});

describe('sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TPTM_LOGIN_MAX_FAILURES: '3', TPTM_LOGIN_FAILURE_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t.close());

  it('refuses a client with 429 and Retry-After after too many failures, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      expectProblem(await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: `guess-${i}` }), 401);
    }
    const limited = await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: OWNER_PASSWORD });
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});

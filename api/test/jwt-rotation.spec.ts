import { createHmac } from 'node:crypto';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { bearer, startTestApp, TestApp } from './harness';
import { expectProblem, ownerSession, sessionIdOf } from './fixtures';

const OLD = 'old-secret-0123456789-0123456789-0123456789';
const NEW = 'new-secret-0123456789-0123456789-0123456789';
const OTHER = 'another-secret-0123456789-0123456789-01234';

function jwt(payload: Record<string, unknown>, secret: string): string {
  const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
/** The session the forged tokens name: a real one, so only the signature is in question. */
let sid = '';
const claims = (sub: string, extra: Record<string, unknown> = {}) => ({
  sub,
  sid,
  iss: 'tptm',
  aud: 'tptm-console',
  iat: now(),
  exp: now() + 600,
  ...extra,
});

/** Rotating the signing secret with TPTM_JWT_PREVIOUS_SECRET, as docs/security.md describes. */
describe('JWT secret rotation', () => {
  describe('with TPTM_JWT_PREVIOUS_SECRET set', () => {
    let t: TestApp;
    let userId: string;
    beforeAll(async () => {
      t = await startTestApp({ TPTM_JWT_SECRET: NEW, TPTM_JWT_PREVIOUS_SECRET: OLD });
      ({ userId } = await ownerSession(t));
      sid = sessionIdOf(await t.signIn());
    });
    afterAll(() => t.close());

    const me = (token: string) => t.http.get('/api/v1/me').set(bearer(token));

    it('signs new tokens with the new secret only', async () => {
      const token = await t.signIn();
      const [header, payload] = token.split('.');
      expect(token).toBe(`${header}.${payload}.${createHmac('sha256', NEW).update(`${header}.${payload}`).digest('base64url')}`);
      await me(token).expect(200);
    });

    it('still accepts a token the previous secret signed', async () => {
      await me(jwt(claims(userId), OLD)).expect(200);
    });

    it('checks expiry, audience and issuer of previous-secret tokens as strictly, and refuses any other secret', async () => {
      expectProblem(await me(jwt(claims(userId, { exp: now() - 120 }), OLD)), 401);
      expectProblem(await me(jwt(claims(userId, { aud: 'someone-else' }), OLD)), 401);
      expectProblem(await me(jwt(claims(userId, { iss: 'evil' }), OLD)), 401);
      expectProblem(await me(jwt(claims(userId), OTHER)), 401);
      const [header, payload] = jwt(claims(userId), OLD).split('.');
      expectProblem(await me(`${header}.${payload}.`), 401);
    });
  });

  describe('once rotation is over (TPTM_JWT_PREVIOUS_SECRET unset)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ TPTM_JWT_SECRET: NEW });
    });
    afterAll(() => t.close());

    it('refuses tokens of the previous secret', async () => {
      const { userId, token } = await ownerSession(t);
      sid = sessionIdOf(token);
      await t.http
        .get('/api/v1/me')
        .set(bearer(jwt(claims(userId), NEW)))
        .expect(200);
      expectProblem(await t.http.get('/api/v1/me').set(bearer(jwt(claims(userId), OLD))), 401);
    });
  });

  it.each([
    ['shorter than 32 characters', { TPTM_JWT_SECRET: NEW, TPTM_JWT_PREVIOUS_SECRET: 'short' }],
    ['the same as the current secret', { TPTM_JWT_SECRET: NEW, TPTM_JWT_PREVIOUS_SECRET: NEW }],
  ])('refuses to start with a previous secret %s', (_label, env) => {
    expect(() => loadConfig({ TPTM_DATA_DIR: '/tmp/tptm-jwt-rotation-test', ...env })).toThrow(ConfigError);
  });
});

import { bearer, startTestApp, TestApp } from '../../test/harness';
import { countQueries, createKey, expectProblem, ownerSession, Session } from '../../test/fixtures';
import { generateApiKey } from '../auth/api-keys/key-format';
import { UNAUTHORIZED_DETAIL } from '../errors/problem';

describe('integration authentication', () => {
  let t: TestApp;
  let owner: Session;
  let key: { id: string; key: string };
  const whoami = () => t.http.get('/api/v1/integration/whoami');

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
    key = await createKey(t, owner, 'Integration');
  });
  afterAll(() => t.close());

  it('accepts the key as a bearer token or in X-API-Key', async () => {
    const viaBearer = await whoami().set(bearer(key.key)).expect(200);
    const viaHeader = await whoami().set('X-API-Key', key.key).expect(200);
    expect(viaHeader.body).toEqual(viaBearer.body);
    expect(viaBearer.body.apiKey.id).toBe(key.id);
  });

  const tamper = (k: string, at: number) => k.slice(0, at) + (k[at] === 'A' ? 'B' : 'A') + k.slice(at + 1);
  it.each([
    ['no credentials', () => whoami()],
    ['an empty X-API-Key', () => whoami().set('X-API-Key', '')],
    ['a truncated key', () => whoami().set(bearer(key.key.slice(0, -1)))],
    ['a key with one character changed (bad checksum)', () => whoami().set(bearer(tamper(key.key, 20)))],
    ['a key with a wrong checksum', () => whoami().set(bearer(tamper(key.key, key.key.length - 1)))],
    ['a well-formed key that was never issued', () => whoami().set(bearer(generateApiKey().key))],
    ['a key in another prefix', () => whoami().set(bearer(`xyz_${key.key.slice(5)}`))],
    ['a 10 kB header', () => whoami().set('X-API-Key', 'tptm_' + 'a'.repeat(10_000))],
    ['a console access token', async () => whoami().set(bearer(owner.token))],
  ])('answers %s with the uniform 401', async (_label, send) => {
    const response = await send();
    const problem = expectProblem(response, 401);
    expect(problem).toEqual({
      type: 'urn:tptm:problem:unauthorized',
      title: 'Authentication required',
      status: 401,
      detail: UNAUTHORIZED_DETAIL,
    });
    expect(response.headers['www-authenticate']).toBe('Bearer realm="tptm"');
    expect(response.text).not.toContain(key.key.slice(5, 20));
  });

  it('never reaches the database for a malformed key, only for a well-formed one', async () => {
    expect(await countQueries(t, () => whoami().set(bearer(tamper(key.key, 20))))).toBe(0);
    expect(await countQueries(t, () => whoami().set(bearer(key.key.slice(0, 30))))).toBe(0);
    expect(await countQueries(t, () => whoami().set(bearer(generateApiKey().key)))).toBe(1);
  });
});

describe('API key failure rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TPTM_KEY_MAX_FAILURES: '5', TPTM_KEY_FAILURE_WINDOW_SECONDS: '30' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once a client has failed too often, and leaves other clients alone', async () => {
    const owner = await ownerSession(t);
    const good = await createKey(t, owner, 'Good');
    for (let i = 0; i < 5; i++) {
      expectProblem(await t.http.get('/api/v1/integration/whoami').set(bearer(generateApiKey().key)), 401);
    }
    const limited = await t.http.get('/api/v1/integration/whoami').set(bearer(generateApiKey().key));
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(30);
    // Console traffic from the same client is not affected by failed key checks.
    await t.http.get('/api/v1/me').set(bearer(owner.token)).expect(200);
    expect(good.key).toBeDefined();
  });
});

import { bearer, startTestApp, TestApp } from './harness';
import { expectProblem, ownerSession } from './fixtures';

describe('errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers unknown API paths with a problem+json 404 that points at the docs', async () => {
    const problem = expectProblem(await t.http.get('/api/v1/nothing-here'), 404);
    expect(problem.detail).toContain('/api/docs');
    expectProblem(await t.http.get('/api/v2/orgs'), 404);
  });

  it('never quotes an API key put into a URL, neither in the response nor in the logs', async () => {
    const owner = await ownerSession(t);
    const created = await t.http.post(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).send({ name: 'Leaky' });
    const key = created.body.key as string;
    const response = await t.http.get(`/api/v1/integration/whoami?api_key=${key}`);
    expect(response.text).not.toContain(key);
    expect(t.rawLogs()).not.toContain(key);
    expect(t.rawLogs()).toContain('api_key=[REDACTED]');
  });

  it('scrubs credentials from logged URLs after decoding them, and every JWT-shaped value', async () => {
    const owner = await ownerSession(t);
    const created = await t.http.post(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).send({ name: 'Encoded' });
    const key = created.body.key as string;
    const random = key.slice(5);
    const urls = [
      `/api/v1/integration/whoami?x=%74ptm_${random}`,
      `/api/v1/integration/whoami?api%5Fkey=${random}`,
      `/api/v1/integration/whoami?access_token=${owner.token}`,
      `/api/v1/integration/whoami?t=${encodeURIComponent(owner.token)}`,
      `/api/v1/integration/%74ptm_${random}`,
      `/api/v1/${owner.token}`,
      `/api/v1/integration/whoami?q=a+b&x=${'%74ptm%5F'}${random}`,
    ];
    for (const url of urls) await t.http.get(url);
    for (const secret of [random, owner.token.split('.')[1], owner.token.split('.')[2]]) expect(t.rawLogs()).not.toContain(secret);
    const logged = t.logs
      .filter((l) => l.msg === 'request')
      .map((l) => l.url as string)
      .slice(-urls.length);
    expect(logged).toEqual([
      '/api/v1/integration/whoami?x=[REDACTED]',
      '/api/v1/integration/whoami?api%5Fkey=[REDACTED]',
      '/api/v1/integration/whoami?access_token=[REDACTED]',
      '/api/v1/integration/whoami?t=[REDACTED]',
      '/api/v1/integration/[REDACTED]',
      '/api/v1/[REDACTED]',
      '/api/v1/integration/whoami?q=a+b&x=[REDACTED]',
    ]);
  });

  it('tags every response with a request id, echoing a sane one from the client', async () => {
    const generated = await t.http.get('/api/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.http.get('/api/health').set('X-Request-Id', 'trace-123');
    expect(echoed.headers['x-request-id']).toBe('trace-123');
    const refused = await t.http.get('/api/health').set('X-Request-Id', 'bad id\twith spaces');
    expect(refused.headers['x-request-id']).not.toContain('bad');
    expect(t.logs.some((line) => line.reqId === 'trace-123' && line.url === '/api/health')).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from './harness';

describe('OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves exactly the committed openapi.json (run `npm run generate` after changing the API)', async () => {
    const served = await t.http.get('/api/openapi.json').expect(200);
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
    expect(served.body).toEqual(committed);
  });

  it('serves Swagger UI', async () => {
    const ui = await t.http.get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('names every operation after its controller method, uniquely', async () => {
    const spec = (await t.http.get('/api/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(spec.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['listApiKeys', 'createApiKey', 'deleteApiKey', 'whoami', 'login']));
  });
});

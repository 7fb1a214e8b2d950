import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../src/app.factory';
import { createLogger } from '../src/logging/logger';
import { createTestDatabase, TestDatabase, testConfig } from './harness';

/** The admin console as the API serves it: a stand-in build, so this runs without building Angular. */
describe('serving the admin console', () => {
  const INDEX = '<!doctype html><html><body><app-root></app-root></body></html>';
  const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  let root: string;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let http: TestAgent;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tptm-console-'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'main-ABC123.js'), 'console.log("console")');
    db = await createTestDatabase();
    app = await createApp(testConfig(db), { embedded: db.embedded, consoleRoot: root, logger: createLogger('silent') });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = request(app.getHttpServer());
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the console at /', async () => {
    const response = await http.get('/').set('Accept', HTML);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toBe(INDEX);
  });

  it('serves its built files', async () => {
    const response = await http.get('/main-ABC123.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
  });

  it.each(['/admin/api-keys', '/admin/roles?tab=1', '/sign-in'])('answers a reload of the deep link %s with the console', async (path) => {
    const response = await http.get(path).set('Accept', HTML);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toBe(INDEX);
  });

  it.each(['/api/v1/nope', '/api/nope', '/api'])('keeps unknown API paths a problem+json 404, even for a browser: %s', async (path) => {
    const response = await http.get(path).set('Accept', HTML);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404 });
  });

  it('answers a missing file asked for by a script with a 404, not the console', async () => {
    const response = await http.get('/main-OLD999.js').set('Accept', '*/*');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('leaves the API itself alone', async () => {
    const health = await http.get('/api/health').set('Accept', HTML);
    expect(health.status).toBe(200);
    const me = await http.get('/api/v1/me').set('Accept', HTML);
    expect(me.status).toBe(401);
    expect(me.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { ANGULAR_STYLESHEET_ONLOAD } from '../src/security/security-headers';
import { bearer, startTestApp, TestApp } from './harness';
import { expectProblem, ownerSession } from './fixtures';

/** The admin console as the root build leaves it; checked when it has been built. */
const CONSOLE_INDEX = join(__dirname, '..', '..', 'admin-web', 'dist', 'browser', 'index.html');

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends the same protective headers on API answers, errors, the docs and the health check', async () => {
    const owner = await ownerSession(t);
    const responses = [
      await t.http.get('/api/v1/me').set(bearer(owner.token)),
      await t.http.get('/api/v1/me'),
      await t.http.get('/api/v1/nothing-here'),
      await t.http.get('/api/docs'),
      await t.http.get('/api/health'),
    ];
    for (const response of responses) {
      expect(response.headers).toMatchObject({
        'content-security-policy': expect.any(String),
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
      const csp = directives(response.headers['content-security-policy']);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
      expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
    }
  });

  it('forbids caching of API answers, which carry keys, tokens and temporary passwords', async () => {
    const owner = await ownerSession(t);
    const created = await t.http.post(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).send({ name: 'Cached?' }).expect(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'owner@example.com', password: 'owner-password-1234' }).expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it("admits the console's one inline handler by its hash, and no other inline script", async () => {
    const csp = directives((await t.http.get('/api/health')).headers['content-security-policy']);
    for (const directive of ['script-src', 'script-src-attr']) {
      expect(csp.get(directive)).toEqual(expect.arrayContaining(["'unsafe-hashes'", hashOf(ANGULAR_STYLESHEET_ONLOAD)]));
    }
    if (!existsSync(CONSOLE_INDEX)) return;
    // When the console is built, every inline script and handler it contains must be one the policy admits.
    const html = readFileSync(CONSOLE_INDEX, 'utf8');
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const handlers = [...html.matchAll(/\son\w+="([^"]*)"/g)].map((m) => m[1]);
    for (const code of [...inlineScripts, ...handlers]) expect(csp.get('script-src')).toContain(hashOf(code));
  });

  it('lets the Swagger UI run: external scripts only, and an init script that carries the spec intact', async () => {
    const page = await t.http.get('/api/docs').expect(200);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    const init = await t.http.get('/api/docs/swagger-ui-init.js').expect(200);
    let options: { spec?: unknown } = {};
    const window: { onload?: () => void; location: { search: string; origin: string } } = { location: { search: '', origin: t.url } };
    const SwaggerUIBundle = Object.assign((o: { spec?: unknown }) => (options = o), { presets: { apis: {} }, plugins: { DownloadUrl: {} } });
    runInNewContext(init.text, { window, SwaggerUIBundle, SwaggerUIStandalonePreset: {} });
    window.onload!();
    expect(options.spec).toEqual((await t.http.get('/api/openapi.json').expect(200)).body);
  });

  it('answers no cross-origin request by default: the console is served from the same origin', async () => {
    const response = await t.http.get('/api/health').set('Origin', 'https://evil.example.com');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http.options('/api/v1/me').set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expectProblem(preflight, 404);
  });
});

describe('CORS with TPTM_CORS_ORIGINS', () => {
  let t: TestApp;
  const allowed = 'https://console.example.com';
  beforeAll(async () => {
    t = await startTestApp({ TPTM_CORS_ORIGINS: `${allowed}, http://localhost:4200` });
  });
  afterAll(() => t.close());

  it('allows exactly the listed origins, without credentials', async () => {
    const owner = await ownerSession(t);
    const response = await t.http.get('/api/v1/me').set('Origin', allowed).set(bearer(owner.token)).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe(allowed);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers.vary).toMatch(/Origin/);
    expect(response.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);
    for (const origin of ['https://evil.example.com', 'https://console.example.com.evil.com', 'http://console.example.com', 'null']) {
      const refused = await t.http.get('/api/v1/me').set('Origin', origin).set(bearer(owner.token));
      expect({ origin, allowOrigin: refused.headers['access-control-allow-origin'] }).toEqual({ origin, allowOrigin: undefined });
    }
  });

  it('answers a preflight for a listed origin with the methods and headers the API uses', async () => {
    const preflight = await t.http
      .options(`/api/v1/orgs/00000000-0000-4000-8000-000000000000/api-keys/00000000-0000-4000-8000-000000000000`)
      .set('Origin', 'http://localhost:4200')
      .set('Access-Control-Request-Method', 'DELETE')
      .set('Access-Control-Request-Headers', 'authorization, x-api-key');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:4200');
    expect(preflight.headers['access-control-allow-methods']).toContain('DELETE');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization.*X-API-Key/);
  });

  it.each([['*'], ['https://console.example.com/'], ['https://console.example.com/app'], ['console.example.com'], ['ftp://files.example.com']])(
    'refuses to start with %s in TPTM_CORS_ORIGINS',
    (origin) => {
      expect(() => loadConfig({ TPTM_DATA_DIR: '/tmp/tptm-cors-config-test', TPTM_JWT_SECRET: 'x'.repeat(32), TPTM_CORS_ORIGINS: origin })).toThrow(
        ConfigError,
      );
    },
  );
});

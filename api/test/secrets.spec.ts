import { createHash } from 'node:crypto';
import { digestApiKey } from '../src/auth/api-keys/key-format';
import { UsageTracker } from '../src/auth/api-keys/usage.tracker';
import { bearer, OWNER_EMAIL, OWNER_PASSWORD, startTestApp, TestApp } from './harness';
import { ownerSession } from './fixtures';
import { serviceTokenCommand } from '../src/cli/service-token.command';

/**
 * A whole working session at the most verbose log level, then a search of
 * everything the server said afterwards (log lines, audit events, every
 * later response) for every secret it handled: passwords, access tokens, API
 * keys (whole or in pieces), key digests and password hashes.
 */
describe('secrets stay secret', () => {
  let t: TestApp;
  /** Everything that must never be said again after the response that handed it out. */
  const secrets = new Map<string, string>();
  /** Every response body after the one that revealed each secret. */
  const laterResponses: string[] = [];

  const remember = (label: string, value: string) => secrets.set(value, label);
  const record = <T extends { text: string }>(response: T) => {
    laterResponses.push(response.text);
    return response;
  };

  beforeAll(async () => {
    t = await startTestApp({ TPTM_LOG_LEVEL: 'trace' });
    remember('the JWT signing secret', t.config.jwtSecret);
    remember('the Owner password', OWNER_PASSWORD);

    // Sign-ins, right and wrong.
    const owner = await ownerSession(t);
    remember('an access token', owner.token);
    record(await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: 'a-wrong-password-1234' }));
    remember('a wrong password', 'a-wrong-password-1234');
    record(await t.http.post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: 'unknown-user-password' }));
    remember('a password of an unknown email', 'unknown-user-password');
    record(
      await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email":"owner@example.com","password":"password-in-broken-json"'),
    );
    remember('a password in a malformed body', 'password-in-broken-json');

    // A new member: their invitation link, the password they choose, their own password change.
    const invited = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/members`)
      .set(bearer(owner.token))
      .send({ email: 'ada@example.com', name: 'Ada', roleIds: [] })
      .expect(201);
    const link = invited.body.inviteUrl as string;
    remember('an invitation link', link.slice(link.lastIndexOf('/') + 1));
    record(await t.http.get(`/api/v1/invitations/${link.slice(link.lastIndexOf('/') + 1)}`).expect(200));
    const chosen = 'ada-chosen-password-1234';
    const accepted = await t.http
      .post(`/api/v1/invitations/${link.slice(link.lastIndexOf('/') + 1)}/accept`)
      .send({ password: chosen })
      .expect(200);
    remember('a password chosen on accepting an invitation', chosen);
    const ada = accepted.body.accessToken as string;
    remember("a new member's access token", ada);
    record(
      await t.http.put('/api/v1/me/password').set(bearer(ada)).send({ currentPassword: 'not-the-chosen-one', newPassword: 'ada-new-password-5678' }),
    );
    record(
      await t.http.put('/api/v1/me/password').set(bearer(ada)).send({ currentPassword: chosen, newPassword: 'ada-new-password-5678' }).expect(204),
    );
    record(await t.http.put('/api/v1/me/password').set(bearer(ada)).send({ currentPassword: 'ada-new-password-5678', newPassword: 'short' }));
    remember('a changed password', 'ada-new-password-5678');
    remember('a wrong current password', 'not-the-chosen-one');

    // Keys: created, used every way a client may send one (and one it should not), listed, deleted, refused.
    const keys: string[] = [];
    for (const name of ['Production Integration', 'Staging']) {
      const created = await t.http.post(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).send({ name }).expect(201);
      keys.push(created.body.key);
    }
    const [kept, deleted] = keys;
    // Another service verifying them with its service token, made and listed at the command line.
    const made: string[] = [];
    await serviceTokenCommand(t.config, ['create', 'Verifying service'], { out: (l) => made.push(l), err: () => undefined }, t.db.embedded);
    const serviceToken = made.at(-1)!;
    remember('a service token', serviceToken);
    remember('a service token digest', createHash('sha256').update(serviceToken).digest('hex'));
    const listed: string[] = [];
    await serviceTokenCommand(t.config, ['list'], { out: (l) => listed.push(l), err: (l) => listed.push(l) }, t.db.embedded);
    laterResponses.push(listed.join('\n'));
    for (const key of keys) {
      record(await t.http.post('/api/v1/keys/verify').set(bearer(serviceToken)).send({ key, clientIp: '192.0.2.1' }).expect(200));
    }
    for (const key of keys) {
      record(await t.http.get('/api/v1/integration/whoami').set('X-API-Key', key).expect(200));
      record(await t.http.get('/api/v1/integration/whoami').set(bearer(key)).expect(200));
      record(await t.http.get(`/api/v1/integration/whoami?api_key=${key}`));
      record(await t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(key)));
    }
    await t.app.get(UsageTracker).flush();
    const list = record(await t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).expect(200));
    const deletedId = list.body.items.find((k: { name: string }) => k.name === 'Staging').id;
    record(await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${deletedId}`).set(bearer(owner.token)).expect(204));
    record(await t.http.get('/api/v1/integration/whoami').set('X-API-Key', deleted).expect(401));
    record(await t.http.post(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(owner.token)).send({ name: 'production integration' }).expect(409));
    record(await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set(bearer(owner.token)).expect(200));
    record(await t.http.get(`/api/v1/orgs/${owner.orgId}/members`).set(bearer(owner.token)).expect(200));
    record(await t.http.get('/api/v1/me').set(bearer(owner.token)).expect(200));

    for (const key of keys) {
      remember('an API key', key);
      // A log that printed a key cut short would still hand out most of its secret.
      for (let i = 0; i + 12 <= key.length; i++) remember('twelve characters of an API key', key.slice(i, i + 12));
      const digest = digestApiKey(key);
      remember('a key digest', digest);
      for (let i = 0; i + 16 <= digest.length; i++) remember('sixteen characters of a key digest', digest.slice(i, i + 16));
      remember('a key digest in base64', createHash('sha256').update(key).digest('base64'));
    }
    const stored = await t.db.query<{ digest: string }>('select digest from api_key');
    for (const { digest } of stored) remember('a stored key digest', digest);
    const hashes = await t.db.query<{ password_hash: string }>('select password_hash from app_user');
    for (const { password_hash } of hashes) remember('a password hash', password_hash.split('$').pop()!);
    expect(kept).not.toBe(deleted);
    await t.stop();
  });
  afterAll(() => t.close());

  function leaks(haystack: string): string[] {
    return [...secrets].filter(([secret]) => haystack.includes(secret)).map(([secret, label]) => `${label}: ${secret}`);
  }

  it('wrote a log worth searching: debug and trace lines, one per request, and the errors', () => {
    const levels = new Set(t.logs.map((line) => line.level));
    expect([...levels]).toEqual(expect.arrayContaining(['debug', 'info']));
    expect(t.logs.filter((line) => line.msg === 'request').length).toBeGreaterThan(25);
    console.log(
      `secrets stay secret: ${secrets.size} secret strings searched for in ${t.logs.length} log lines and ${laterResponses.length} responses`,
    );
  });

  it('never logs a password, token, key, key digest or password hash', () => {
    // The key sent in a query string was logged, scrubbed: the search below is looking at real traffic.
    expect(t.rawLogs()).toContain('api_key=[REDACTED]');
    expect(leaks(t.rawLogs())).toEqual([]);
  });

  it('never puts one into an audit event', async () => {
    const events = await t.db.query('select * from audit_event');
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(leaks(JSON.stringify(events))).toEqual([]);
  });

  it('never sends one back in a later response, error or success', () => {
    expect(laterResponses.length).toBeGreaterThan(20);
    expect(leaks(laterResponses.join('\n'))).toEqual([]);
  });
});

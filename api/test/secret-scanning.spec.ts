import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { digestApiKey } from '../src/auth/api-keys/key-format';
import { bearer, startTestApp, TestApp } from './harness';
import { countQueries, expectProblem, ownerSession, Session } from './fixtures';

const NO_RULES = { maxLifetimeDays: null, requireExpiry: false, allowedIps: [], requireRateLimit: false };

function signingKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}
const signatureOf = (body: string, privateKey: KeyObject) =>
  sign('sha256', Buffer.from(body), { key: privateKey, dsaEncoding: 'der' }).toString('base64');

/** Leaked keys reported by GitHub's secret scanning or by anyone (contract: *Organization key policy and leaked keys*). */
describe('leaked keys', () => {
  let t: TestApp;
  let owner: Session;
  let server: Server;
  let fetches = 0;
  const first = signingKey();
  const rotated = signingKey();
  const published = [{ key_identifier: 'first', key: first.pem, is_current: true }];
  let names = 0;

  beforeAll(async () => {
    // GitHub's published list, served locally: the test rotates a key into it.
    server = createServer((_request, response) => {
      fetches++;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ public_keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const keysUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/meta/public_keys/secret_scanning`;
    t = await startTestApp({ TPTM_SECRET_SCANNING_KEYS_URL: keysUrl });
    owner = await ownerSession(t);
  });
  afterAll(async () => {
    await t.close();
    server.closeAllConnections();
    server.close();
  });

  const keys = () => `/api/v1/orgs/${owner.orgId}/api-keys`;
  const whoami = (key: string) => t.http.get('/api/v1/integration/whoami').set('X-API-Key', key);
  const setOnExposure = (onExposure: string) =>
    t.http
      .put(`/api/v1/orgs/${owner.orgId}/key-policy`)
      .set(bearer(owner.token))
      .send({ ...NO_RULES, onExposure })
      .expect(200);
  async function liveKey(): Promise<{ id: string; key: string }> {
    const created = await t.http
      .post(keys())
      .set(bearer(owner.token))
      .send({ name: `Leaky ${++names}` })
      .expect(201);
    await whoami(created.body.key).expect(200);
    return created.body;
  }
  const report = (matches: unknown[], signer = first.privateKey, identifier = 'first') => {
    const body = JSON.stringify(matches);
    return t.http
      .post('/api/v1/secret-scanning/github')
      .set('content-type', 'application/json')
      .set('Github-Public-Key-Identifier', identifier)
      .set('Github-Public-Key-Signature', signatureOf(body, signer))
      .send(body);
  };
  const match = (token: string, url = `https://github.com/octo/app/blob/${++names}/config.js`) => ({
    token,
    type: 'tptm_api_key',
    url,
    source: 'content',
  });
  const exposedEvents = async (keyId: string) => {
    const events = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events?action=api_key.exposed`).set(bearer(owner.token)).expect(200);
    return events.body.items.filter((e: { target: { id: string } }) => e.target.id === keyId);
  };

  it('revokes a reported live key by default: refused at once, still listed with what happened, audited as the system', async () => {
    const key = await liveKey();
    const found = match(key.key);
    const answered = await report([found, match('tptm_not-a-key', found.url)]).expect(200);
    expect(answered.body).toEqual([
      { token_hash: digestApiKey(key.key), token_type: 'tptm_api_key', label: 'true_positive' },
      { token_hash: digestApiKey('tptm_not-a-key'), token_type: 'tptm_api_key', label: 'false_positive' },
    ]);
    expect(answered.text).not.toContain(key.key);
    await whoami(key.key).expect(401);
    const listed = await t.http.get(`${keys()}/${key.id}`).set(bearer(owner.token)).expect(200);
    expect(listed.body.exposure).toEqual({
      foundAt: expect.any(String),
      url: found.url,
      source: 'content',
      reportedBy: 'secret-scanning',
      action: 'revoke',
    });
    expect(listed.body.revokedAt).toEqual(expect.any(String));
    const [event] = await exposedEvents(key.id);
    expect(event.actor).toEqual(expect.objectContaining({ type: 'system', name: 'Secret scanning' }));
    expect(event.changes).toEqual([
      { field: 'url', before: [], after: [found.url] },
      { field: 'source', before: [], after: ['content'] },
      { field: 'action', before: [], after: ['revoke'] },
    ]);
    // Sent again, the report changes nothing more, and still names the key.
    const again = await report([found]).expect(200);
    expect(again.body[0].label).toBe('true_positive');
    expect(await exposedEvents(key.id)).toHaveLength(1);
    // A revoked key stays until deleted, and then goes.
    await t.http.delete(`${keys()}/${key.id}`).set(bearer(owner.token)).expect(204);
  });

  it('disables the key with onExposure disable, and leaves it working with notify; both recorded', async () => {
    await setOnExposure('disable');
    const disabled = await liveKey();
    await report([match(disabled.key)]).expect(200);
    await whoami(disabled.key).expect(401);
    const page = (await t.http.get(`${keys()}/${disabled.id}`).set(bearer(owner.token)).expect(200)).body;
    expect(page).toEqual(expect.objectContaining({ enabled: false, revokedAt: null, exposure: expect.objectContaining({ action: 'disable' }) }));

    await setOnExposure('notify');
    const notified = await liveKey();
    await report([match(notified.key)]).expect(200);
    await whoami(notified.key).expect(200);
    const kept = (await t.http.get(`${keys()}/${notified.id}`).set(bearer(owner.token)).expect(200)).body;
    expect(kept).toEqual(expect.objectContaining({ enabled: true, revokedAt: null, exposure: expect.objectContaining({ action: 'notify' }) }));
    // A new url is a new finding: recorded again.
    await report([match(notified.key)]).expect(200);
    expect(await exposedEvents(notified.id)).toHaveLength(2);
    await setOnExposure('revoke');
  });

  it('answers tokens whose checksum fails without touching the database', async () => {
    const key = await liveKey();
    const forged = `${key.key.slice(0, -1)}${key.key.endsWith('A') ? 'B' : 'A'}`;
    let answered: { body: { label: string }[] } | undefined;
    const statements = await countQueries(t, async () => {
      answered = await report([match(forged), match('ghp_somethingelse')]).expect(200);
    });
    expect(statements).toBe(0);
    expect(answered!.body.map((l) => l.label)).toEqual(['false_positive', 'false_positive']);
    await whoami(key.key).expect(200);
  });

  it('refuses a changed body, a missing header, an unknown identifier and a signature by another key (401), acting on nothing', async () => {
    const key = await liveKey();
    const body = JSON.stringify([match(key.key)]);
    const signature = signatureOf(body, first.privateKey);
    const post = () => t.http.post('/api/v1/secret-scanning/github').set('content-type', 'application/json');
    const changed = body.replace('"content"', '"contenu"'.slice(0, 9));
    expect(changed).not.toBe(body);
    expectProblem(await post().set('Github-Public-Key-Identifier', 'first').set('Github-Public-Key-Signature', signature).send(changed), 401);
    expectProblem(await post().set('Github-Public-Key-Identifier', 'first').send(body), 401);
    expectProblem(await post().set('Github-Public-Key-Signature', signature).send(body), 401);
    expectProblem(await post().set('Github-Public-Key-Identifier', 'nobody').set('Github-Public-Key-Signature', signature).send(body), 401);
    expectProblem(await report([match(key.key)], rotated.privateKey, 'first'), 401);
    await whoami(key.key).expect(200);
    await post().set('Github-Public-Key-Identifier', 'first').set('Github-Public-Key-Signature', signature).send(body).expect(200);
    await whoami(key.key).expect(401);
  });

  it('fetches the published keys again when a report names a new one', async () => {
    const key = await liveKey();
    const before = fetches;
    published.push({ key_identifier: 'rotated', key: rotated.pem, is_current: true });
    // Unknown identifiers refetch at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await report([match(key.key)], rotated.privateKey, 'rotated').expect(200);
    expect(fetches).toBe(before + 1);
    await whoami(key.key).expect(401);
  });

  it('takes up to 1,000 matches, in one lookup of the well-formed ones', async () => {
    const live = await Promise.all([liveKey(), liveKey()]);
    const matches = Array.from({ length: 1000 }, (_, i) => match(i < 2 ? live[i].key : `tptm_${String(i).padStart(46, '0')}`));
    let answered: { body: { label: string }[] } | undefined;
    const statements = await countQueries(t, async () => {
      answered = await report(matches).expect(200);
    });
    // Whatever the number of matches: a lookup, the claim, the update, the audit insert, the notification, the revoked
    // secrets for verifying services (lock, insert, retention, notification) and the transaction (11); and the expiry
    // announcer's look at the next expiry, which the key change wakes on this instance, in the background (5).
    expect(statements).toBeLessThanOrEqual(16);
    expect(answered!.body).toHaveLength(1000);
    expect(answered!.body.filter((l) => l.label === 'true_positive')).toHaveLength(2);
    for (const k of live) await whoami(k.key).expect(401);
    expectProblem(await report(Array.from({ length: 1001 }, () => match('x'))), 400);
  });

  it('lets anyone report a key: always 202, handled the same way, as a public report; at most 60 calls an hour', async () => {
    const key = await liveKey();
    await t.http
      .post('/api/v1/credentials/revoke')
      .send({ credentials: [key.key, 'tptm_nothing'] })
      .expect(202);
    await whoami(key.key).expect(401);
    const [event] = await exposedEvents(key.id);
    expect(event.actor).toEqual(expect.objectContaining({ type: 'system', name: 'Public report' }));
    const page = (await t.http.get(`${keys()}/${key.id}`).set(bearer(owner.token)).expect(200)).body;
    expect(page.exposure).toEqual(expect.objectContaining({ url: null, source: null, reportedBy: 'public-report', action: 'revoke' }));
    // Reported again: nothing more happens, and the answer says nothing of it.
    await t.http
      .post('/api/v1/credentials/revoke')
      .send({ credentials: [key.key] })
      .expect(202);
    expect(await exposedEvents(key.id)).toHaveLength(1);
    for (let i = 2; i < 60; i++) await t.http.post('/api/v1/credentials/revoke').send({ credentials: [] }).expect(202);
    const refused = expectProblem(await t.http.post('/api/v1/credentials/revoke').send({ credentials: [] }), 429);
    expect(refused.type).toBe('urn:tptm:problem:rate-limited');
  });
});

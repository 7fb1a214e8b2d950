import { bearer, createTestDatabase, OWNER_PASSWORD, startApp, TestApp, TestDatabase } from './harness';
import { addMember, createKey, expectProblem, MEMBER_PASSWORD, ownerSession } from './fixtures';

/** A client's `X-Forwarded-For`: whatever it likes first, then what the proxy in front (this test) appends for it. */
const FORGED = '203.0.113.66';
const APPENDED = '198.51.100.7';
const FORWARDED_FOR = { 'X-Forwarded-For': `${FORGED}, ${APPENDED}` };

/**
 * The client address (`request.ip`) that rate limits count and the audit log
 * records: the socket peer, or, behind proxies the operator names by count
 * or address, the address the nearest untrusted hop was seen at. Never the
 * left-most `X-Forwarded-For`, which the client writes itself.
 */
describe('client address behind proxies', () => {
  let db: TestDatabase;
  let t: TestApp | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });
  afterAll(() => db.drop());

  /** Creates a key with the forwarded header and answers the address its audit event recorded. */
  async function recordedAddress(env: Record<string, string>): Promise<string> {
    t = await startApp(db, env);
    const owner = await ownerSession(t);
    const created = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/api-keys`)
      .set(bearer(owner.token))
      .set(FORWARDED_FOR)
      .send({ name: `Key ${Date.now()}` });
    expect(created.status).toBe(201);
    const events = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events?limit=1`).set(bearer(owner.token)).expect(200);
    expect(events.body.items[0]).toMatchObject({ action: 'api_key.created', target: { id: created.body.id } });
    return events.body.items[0].ip as string;
  }

  it('uses the socket peer and ignores X-Forwarded-For by default', async () => {
    expect(await recordedAddress({})).toBe('127.0.0.1');
  });

  it('behind one proxy (TPTM_TRUST_PROXY=1), takes the address that proxy appended, not the one the client wrote', async () => {
    expect(await recordedAddress({ TPTM_TRUST_PROXY: '1' })).toBe(APPENDED);
  });

  it('behind proxies named by address (TPTM_TRUST_PROXY=127.0.0.1/32), stops at the first hop that is not one of them', async () => {
    expect(await recordedAddress({ TPTM_TRUST_PROXY: '10.0.0.0/8,127.0.0.1/32' })).toBe(APPENDED);
  });

  it('counts failed sign-ins against the address the proxy saw, however the client rewrites X-Forwarded-For', async () => {
    t = await startApp(db, { TPTM_TRUST_PROXY: '1', TPTM_LOGIN_MAX_FAILURES: '3' });
    const guess = (i: number) =>
      t!.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `192.0.2.${i}, ${APPENDED}`)
        .send({ email: 'owner@example.com', password: `wrong-guess-${i}-padding` });
    for (let i = 0; i < 3; i++) expectProblem(await guess(i), 401);
    const refused = await guess(3);
    expectProblem(refused, 429);
    expect(refused.headers['retry-after']).toBeDefined();
    // Another client behind the same proxy is not held back.
    await createKey(t, await ownerSession(t), 'From another client');
  });

  it("judges a key's allowed addresses by the address the proxy appended, never the one the client wrote", async () => {
    t = await startApp(db, { TPTM_TRUST_PROXY: '1' });
    const owner = await ownerSession(t);
    const created = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/api-keys`)
      .set(bearer(owner.token))
      .send({ name: `Allowed behind the proxy ${Date.now()}`, allowedIps: ['203.0.113.0/24'] })
      .expect(201);
    const call = (forwardedFor: string) =>
      t!.http.get('/api/v1/integration/whoami').set('X-API-Key', created.body.key).set('X-Forwarded-For', forwardedFor);
    await call('203.0.113.7').expect(200);
    // The client wrote an allowed address first; the proxy appended the one it saw.
    expect(expectProblem(await call(`203.0.113.7, ${APPENDED}`), 403).type).toBe('urn:tptm:problem:ip-not-allowed');
    await call(`${APPENDED}, 203.0.113.9`).expect(200);
  });
});

/**
 * Failed sign-ins are also counted per account (the email as typed, trimmed
 * and lower-cased, whether or not it has an account), so rotating addresses
 * buys no more guesses at one password; the answer is the same 429 for an
 * email with no account, so the limit tells nobody who has one.
 */
describe('failed sign-ins per account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(await createTestDatabase(), { TPTM_TRUST_PROXY: '1', TPTM_LOGIN_MAX_FAILURES: '3', TPTM_LOGIN_ACCOUNT_MAX_FAILURES: '5' });
  });
  afterAll(() => t.close());

  let nextAddress = 1;
  /** A sign-in from an address never seen before, as a botnet would send it. */
  const signIn = (email: string, password: string) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', `198.51.100.${nextAddress++}`).send({ email, password });

  it('refuses an account its sixth guess from a sixth address, the right password too, and only that account', async () => {
    await addMember(t, await ownerSession(t), 'bystander@example.com');
    for (let i = 0; i < 5; i++) expectProblem(await signIn(i % 2 ? 'OWNER@example.com' : ' owner@example.com', `wrong-guess-${i}-padding`), 401);
    const refused = await signIn('owner@example.com', OWNER_PASSWORD);
    expect(expectProblem(refused, 429).detail).toMatch(/^Too many failed sign-ins for this account\. Try again in \d+ seconds\.$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another account, from the same addresses, is not held back.
    await signIn('bystander@example.com', MEMBER_PASSWORD).expect(200);
  });

  it('answers an email with no account exactly as one with an account', async () => {
    for (let i = 0; i < 5; i++) expectProblem(await signIn('nobody-here@example.com', `wrong-guess-${i}-padding`), 401);
    const refused = await signIn('nobody-here@example.com', 'wrong-guess-5-padding');
    expect(expectProblem(refused, 429).detail).toMatch(/^Too many failed sign-ins for this account\. Try again in \d+ seconds\.$/);
  });
});

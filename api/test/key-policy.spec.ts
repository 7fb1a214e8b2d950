import { bearer, startTestApp, TestApp } from './harness';
import { addMember, createRole, expectProblem, ownerSession, Session } from './fixtures';

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const NO_RULES = { maxLifetimeDays: null, requireExpiry: false, allowedIps: [], requireRateLimit: false, onExposure: 'revoke' };

/** An organization's key policy (contract: *Organization key policy and leaked keys*). */
describe('organization key policy', () => {
  let t: TestApp;
  let owner: Session;
  let names = 0;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  const policyUrl = () => `/api/v1/orgs/${owner.orgId}/key-policy`;
  const keys = () => `/api/v1/orgs/${owner.orgId}/api-keys`;
  const whoami = (key: string) => t.http.get('/api/v1/integration/whoami').set('X-API-Key', key);
  const putPolicy = (policy: Record<string, unknown>) =>
    t.http
      .put(policyUrl())
      .set(bearer(owner.token))
      .send({ ...NO_RULES, ...policy });
  const create = (fields: Record<string, unknown> = {}) =>
    t.http
      .post(keys())
      .set(bearer(owner.token))
      .send({ name: `Policy ${++names}`, ...fields });
  const patch = (id: string, body: Record<string, unknown>) => t.http.patch(`${keys()}/${id}`).set(bearer(owner.token)).send(body);
  const roll = (id: string) => t.http.post(`${keys()}/${id}/roll`).set(bearer(owner.token)).send({});

  afterEach(async () => {
    await putPolicy({}).expect(200);
  });

  it('starts with the defaults, is replaced whole, and audited before -> after', async () => {
    const initial = await t.http.get(policyUrl()).set(bearer(owner.token)).expect(200);
    expect(initial.body).toEqual(NO_RULES);
    const put = await putPolicy({ maxLifetimeDays: 90, allowedIps: ['10.1.2.3/8'], onExposure: 'disable' }).expect(200);
    expect(put.body).toEqual({ ...NO_RULES, maxLifetimeDays: 90, allowedIps: ['10.0.0.0/8'], onExposure: 'disable' });
    expect((await t.http.get(policyUrl()).set(bearer(owner.token)).expect(200)).body).toEqual(put.body);
    const events = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events?action=key_policy.updated`).set(bearer(owner.token)).expect(200);
    expect(events.body.items[0].changes).toEqual([
      { field: 'maxLifetimeDays', before: [], after: ['90'] },
      { field: 'allowedIps', before: [], after: ['10.0.0.0/8'] },
      { field: 'onExposure', before: ['revoke'], after: ['disable'] },
    ]);
  });

  it('refuses a PUT missing a field, or with a bad one', async () => {
    const { requireExpiry: _dropped, ...partial } = NO_RULES;
    const missing = expectProblem(await t.http.put(policyUrl()).set(bearer(owner.token)).send(partial), 400);
    expect(missing.errors).toEqual([expect.objectContaining({ field: 'requireExpiry' })]);
    expectProblem(await putPolicy({ onExposure: 'ignore' }), 400);
    expectProblem(await putPolicy({ maxLifetimeDays: 0 }), 400);
    expectProblem(await putPolicy({ allowedIps: ['not an address'] }), 400);
  });

  it('is guarded by org:manage: Owners and Admins hold it, a member without it gets 403, and no key can be given it', async () => {
    const admin = await addMember(t, owner, 'policy-admin@example.com', ['Admin']);
    await t.http.get(policyUrl()).set(bearer(admin.token)).expect(200);
    await createRole(t, owner, 'Key managers', ['key:manage']);
    const keyManager = await addMember(t, owner, 'policy-keys@example.com', ['Key managers']);
    expectProblem(await t.http.get(policyUrl()).set(bearer(keyManager.token)), 403);
    expectProblem(await t.http.put(policyUrl()).set(bearer(keyManager.token)).send(NO_RULES), 403);
    expectProblem(await create({ permissions: ['org:manage'] }), 400);
    const catalog = await t.http.get('/api/v1/permissions').set(bearer(owner.token)).expect(200);
    expect(catalog.body.items ?? catalog.body).toContainEqual(expect.objectContaining({ id: 'org:manage', grantableToApiKeys: false }));
  });

  it('refuses a create breaking each rule with 422 policy-violation naming the field and rule', async () => {
    await putPolicy({ requireExpiry: true, maxLifetimeDays: 30, allowedIps: ['10.0.0.0/8'], requireRateLimit: true }).expect(200);
    const refused = expectProblem(await create(), 422);
    expect(refused.type).toBe('urn:tptm:problem:policy-violation');
    expect(refused.errors!.map((e) => [e.field, e.message.match(/\((\w+)\)$/)?.[1]])).toEqual([
      ['expiresAt', 'requireExpiry'],
      ['expiresAt', 'maxLifetimeDays'],
      ['allowedIps', 'allowedIps'],
      ['rateLimit', 'requireRateLimit'],
    ]);
    const tooLong = expectProblem(
      await create({ expiresAt: inDays(31), allowedIps: ['10.1.0.0/16'], rateLimit: { requests: 5, windowSeconds: 60 } }),
      422,
    );
    expect(tooLong.errors).toEqual([expect.objectContaining({ field: 'expiresAt', message: expect.stringMatching(/30 days.*maxLifetimeDays/) })]);
    const outside = expectProblem(
      await create({ expiresAt: inDays(29), allowedIps: ['10.1.0.0/16', '192.0.2.1'], rateLimit: { requests: 5, windowSeconds: 60 } }),
      422,
    );
    expect(outside.errors).toEqual([expect.objectContaining({ field: 'allowedIps' })]);
    const widerRange = expectProblem(
      await create({ expiresAt: inDays(29), allowedIps: ['10.0.0.0/7'], rateLimit: { requests: 5, windowSeconds: 60 } }),
      422,
    );
    expect(widerRange.errors).toEqual([expect.objectContaining({ field: 'allowedIps' })]);
    const ok = await create({ expiresAt: inDays(29), allowedIps: ['10.1.0.0/16', '10.2.3.4'], rateLimit: { requests: 5, windowSeconds: 60 } }).expect(
      201,
    );
    expect(ok.body.policyViolations).toEqual([]);
  });

  it('refuses a PATCH that sets something breaking a rule, but lets a breaking key be renamed or disabled', async () => {
    const key = (await create({ expiresAt: inDays(5), rateLimit: { requests: 5, windowSeconds: 60 } }).expect(201)).body;
    await putPolicy({ requireExpiry: true, maxLifetimeDays: 10, requireRateLimit: true }).expect(200);
    const longer = expectProblem(await patch(key.id, { expiresAt: inDays(11) }), 422);
    expect(longer.errors).toEqual([expect.objectContaining({ field: 'expiresAt', message: expect.stringMatching(/maxLifetimeDays/) })]);
    const never = expectProblem(await patch(key.id, { expiresAt: null }), 422);
    expect(never.errors!.map((e) => e.field)).toEqual(['expiresAt', 'expiresAt']);
    const unlimited = expectProblem(await patch(key.id, { rateLimit: null }), 422);
    expect(unlimited.errors).toEqual([expect.objectContaining({ field: 'rateLimit' })]);
    await patch(key.id, { expiresAt: inDays(9) }).expect(200);
    await patch(key.id, { rateLimit: null }).expect(422);
    await putPolicy({ requireExpiry: true, maxLifetimeDays: 1 }).expect(200);
    // The key now breaks maxLifetimeDays, and can still be renamed, disabled and enabled.
    await patch(key.id, { name: `Renamed ${names}` }).expect(200);
    await patch(key.id, { enabled: false }).expect(200);
    await patch(key.id, { enabled: true }).expect(200);
  });

  it('refuses to roll a key that breaks the policy', async () => {
    const key = (await create().expect(201)).body;
    await putPolicy({ requireExpiry: true }).expect(200);
    const refused = expectProblem(await roll(key.id), 422);
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    await patch(key.id, { expiresAt: inDays(5) }).expect(200);
    await roll(key.id).expect(200);
  });

  it('lists keys made before a stricter policy with policyViolations, refuses them at use with 403, until fixed', async () => {
    const key = (await create().expect(201)).body;
    await whoami(key.key).expect(200);
    const dryRun = await t.http
      .post(`${policyUrl()}/dry-run`)
      .set(bearer(owner.token))
      .send({ ...NO_RULES, requireRateLimit: true })
      .expect(200);
    expect(dryRun.body.violatingKeys).toBeGreaterThanOrEqual(1);
    // The dry run changed nothing.
    await whoami(key.key).expect(200);
    await putPolicy({ requireRateLimit: true, allowedIps: ['127.0.0.0/8'] }).expect(200);
    const refused = expectProblem(await whoami(key.key), 403);
    expect(refused.type).toBe('urn:tptm:problem:policy-violation');
    expect(refused.detail).not.toContain(key.key);
    const listed = await t.http.get(keys()).set(bearer(owner.token)).expect(200);
    expect(listed.body.items.find((k: { id: string }) => k.id === key.id).policyViolations).toEqual(['allowedIps', 'requireRateLimit']);
    const one = await t.http.get(`${keys()}/${key.id}`).set(bearer(owner.token)).expect(200);
    expect(one.body.policyViolations).toEqual(['allowedIps', 'requireRateLimit']);
    await patch(key.id, { rateLimit: { requests: 100, windowSeconds: 60 } }).expect(200);
    expectProblem(await whoami(key.key), 403);
    const fixed = await patch(key.id, { allowedIps: ['127.0.0.1'] }).expect(200);
    expect(fixed.body.policyViolations).toEqual([]);
    await whoami(key.key).expect(200);
    // Loosening the policy lets a breaking key work again from its next request.
    const other = (
      await t.http
        .post(keys())
        .set(bearer(owner.token))
        .send({ name: `Policy ${++names}`, rateLimit: { requests: 5, windowSeconds: 60 }, allowedIps: ['127.0.0.1'] })
        .expect(201)
    ).body;
    await putPolicy({ requireExpiry: true }).expect(200);
    expectProblem(await whoami(other.key), 403);
    await putPolicy({}).expect(200);
    await whoami(other.key).expect(200);
  });
});

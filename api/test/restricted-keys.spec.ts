import { bearer, startTestApp, TestApp } from './harness';
import { addMember, createRole, expectProblem, otherOrganization, ownerSession, Session } from './fixtures';

/** Keys that carry permissions and pass the same guards as a member holding them. */
describe('restricted keys', () => {
  let t: TestApp;
  let owner: Session;
  const keys = () => `/api/v1/orgs/${owner.orgId}/api-keys`;
  const asKey = (key: string) => ({ 'X-API-Key': key });

  async function createKey(session: Session, name: string, permissions?: string[]) {
    const response = await t.http.post(`/api/v1/orgs/${session.orgId}/api-keys`).set(bearer(session.token)).send({ name, permissions });
    return response;
  }

  beforeAll(async () => {
    t = await startTestApp({ TPTM_LAST_USED_FLUSH_MS: '50' });
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('defaults to integration routes only, as every key made before', async () => {
    const created = await createKey(owner, 'Plain');
    expect(created.status).toBe(201);
    expect(created.body.permissions).toEqual([]);
    const whoami = await t.http.get('/api/v1/integration/whoami').set(asKey(created.body.key)).expect(200);
    expect(whoami.body.apiKey).toEqual({ id: created.body.id, name: 'Plain', maskedKey: created.body.maskedKey, permissions: [], expiresAt: null });
    const refused = expectProblem(await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set(asKey(created.body.key)), 403);
    expect(refused.detail).toMatch(/This API key needs the "Audit: Read" permission/);
  });

  it('lets a key holding audit:read page through the audit log exactly as a member holding it', async () => {
    const created = await createKey(owner, 'SIEM export', ['audit:read']);
    expect(created.body.permissions).toEqual(['audit:read']);
    const byKey = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events?limit=5`).set(bearer(created.body.key)).expect(200);
    const byOwner = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events?limit=5`).set(bearer(owner.token)).expect(200);
    expect(byKey.body).toEqual(byOwner.body);
    const whoami = await t.http.get('/api/v1/integration/whoami').set(asKey(created.body.key)).expect(200);
    expect(whoami.body.apiKey.permissions).toEqual(['audit:read']);
    // Not what it was not given.
    expectProblem(await t.http.get(`/api/v1/orgs/${owner.orgId}/members`).set(asKey(created.body.key)), 403);
  });

  it('refuses key:manage and unknown permissions (400), and ones the caller lacks (403)', async () => {
    expect(expectProblem(await createKey(owner, 'Self-minting', ['key:manage']), 400).errors).toEqual([
      { field: 'permissions', message: expect.stringContaining('never key:manage') },
    ]);
    expect(expectProblem(await createKey(owner, 'Unknown', ['keys:everything']), 400).errors?.[0].field).toBe('permissions');
    expect(expectProblem(await createKey(owner, 'Repeated', ['audit:read', 'audit:read']), 400).errors?.[0].field).toBe('permissions');
    await createRole(t, owner, 'Key managers', ['key:manage']);
    const keyManager = await addMember(t, owner, 'keys-only@example.com', ['Key managers']);
    const refused = expectProblem(await createKey(keyManager, 'Escalation', ['audit:read']), 403);
    expect(refused.detail).toMatch(/Audit: Read/);
    expect((await createKey(keyManager, 'Integration only')).status).toBe(201);
    const granted = (await createKey(owner, 'Granted by owner', ['audit:read'])).body;
    // Nor can they grant it later; they may still take it away.
    expectProblem(
      await t.http
        .patch(`${keys()}/${(await createKey(keyManager, 'Later')).body.id}`)
        .set(bearer(keyManager.token))
        .send({ permissions: ['audit:read'] }),
      403,
    );
    const taken = await t.http.patch(`${keys()}/${granted.id}`).set(bearer(keyManager.token)).send({ permissions: [] }).expect(200);
    expect(taken.body.permissions).toEqual([]);
  });

  it('refuses to roll a key holding a permission the caller lacks: the new secret would hand it over', async () => {
    await createRole(t, owner, 'Key rollers', ['key:manage']);
    const roller = await addMember(t, owner, 'roller@example.com', ['Key rollers']);
    const powerful = (await createKey(owner, 'Owner-made, powerful', ['member:manage', 'role:manage', 'audit:read'])).body;
    const roll = (session: Session, id: string) =>
      t.http.post(`${keys()}/${id}/roll`).set(bearer(session.token)).send({ gracePeriodSeconds: 604800 });
    const refused = expectProblem(await roll(roller, powerful.id), 403);
    expect(refused.detail).toBe(`You can't grant permissions you don't have yourself: "Member: Manage", "Role: Manage", "Audit: Read".`);
    // Nothing happened: the secret is the one it was, alone, and no roll is on record.
    const whoami = await t.http.get('/api/v1/integration/whoami').set(asKey(powerful.key)).expect(200);
    expect(whoami.body.apiKey).toMatchObject({ maskedKey: powerful.maskedKey, permissions: ['audit:read', 'member:manage', 'role:manage'] });
    expect((await t.http.get(`${keys()}/${powerful.id}`).set(bearer(owner.token)).expect(200)).body.previousKeyExpiresAt).toBeNull();
    const events = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events?targetId=${powerful.id}`).set(bearer(owner.token)).expect(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['api_key.created']);
    // A key that holds nothing the caller lacks rolls as before, and so does any key for the Owner.
    const plain = (await createKey(owner, 'Owner-made, integration only')).body;
    expect((await roll(roller, plain.id).expect(200)).body.key).not.toBe(plain.key);
    expect((await roll(owner, powerful.id).expect(200)).body.permissions).toEqual(['audit:read', 'member:manage', 'role:manage']);
  });

  it('never reaches /api-keys routes, routes only for people, or another organization', async () => {
    const all = (await createKey(owner, 'Everything grantable', ['audit:read', 'member:manage', 'role:manage'])).body;
    for (const [method, url] of [
      ['get', keys()],
      ['post', keys()],
      ['get', `${keys()}/${all.id}`],
      ['patch', `${keys()}/${all.id}`],
      ['post', `${keys()}/${all.id}/roll`],
      ['delete', `${keys()}/${all.id}`],
    ] as const) {
      const refused = expectProblem(
        await t.http[method](url)
          .set(asKey(all.key))
          .send({ name: 'x', permissions: ['key:manage'] }),
        403,
      );
      expect(refused.detail).toBe('API keys cannot call this route. Sign in to the console to do this.');
    }
    for (const [method, url] of [
      ['get', '/api/v1/me'],
      ['put', '/api/v1/me/password'],
      ['post', '/api/v1/orgs'],
      ['post', '/api/v1/auth/logout'],
      ['get', '/api/v1/permissions'],
    ] as const) {
      expectProblem(await t.http[method](url).set(asKey(all.key)).send({ name: 'Key-made org' }), 403);
    }
    const outsider = await otherOrganization(t, owner, 'outsider@example.com');
    expect(expectProblem(await t.http.get(`/api/v1/orgs/${outsider.orgId}/audit-events`).set(asKey(all.key)), 404).detail).toBe(
      'Organization was not found.',
    );
    // A wrong key on a route that admits keys is the uniform 401, as on an integration route.
    const wrong = all.key.slice(0, 5) + [...all.key.slice(5)].reverse().join('');
    expectProblem(await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set(asKey(wrong)), 401);
    const deleted = (await createKey(owner, 'Deleted', ['audit:read'])).body;
    await t.http.delete(`${keys()}/${deleted.id}`).set(bearer(owner.token)).expect(204);
    expectProblem(await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set(asKey(deleted.key)), 401);
  });

  it('takes a permission change on the very next request, cached or not', async () => {
    const created = (await createKey(owner, 'Changing', ['audit:read'])).body;
    const audit = () => t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set(asKey(created.key));
    await audit().expect(200);
    await audit().expect(200); // now answered from the cache
    const removed = await t.http.patch(`${keys()}/${created.id}`).set(bearer(owner.token)).send({ permissions: [] }).expect(200);
    expect(removed.body.permissions).toEqual([]);
    expectProblem(await audit(), 403);
    await t.http
      .patch(`${keys()}/${created.id}`)
      .set(bearer(owner.token))
      .send({ permissions: ['audit:read'] })
      .expect(200);
    await audit().expect(200);
    const events = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events?targetId=${created.id}`).set(bearer(owner.token)).expect(200);
    expect(events.body.items.map((e: { action: string; changes: unknown }) => [e.action, e.changes])).toEqual([
      ['api_key.updated', [{ field: 'permissions', before: [], after: ['audit:read'] }]],
      ['api_key.updated', [{ field: 'permissions', before: ['audit:read'], after: [] }]],
      ['api_key.created', null],
    ]);
  });

  it('records what a key does as the key, and keeps its permissions when its creator leaves', async () => {
    const admin = await addMember(t, owner, 'key-creator@example.com', ['Admin']);
    const provisioning = (await createKey(admin, 'Provisioning', ['member:manage'])).body;
    const invited = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/members`)
      .set(asKey(provisioning.key))
      .send({ email: 'provisioned@example.com', name: 'Provisioned', roleIds: [] })
      .expect(201);
    expect(invited.body.invitation.invitedBy).toEqual({
      type: 'apiKey',
      id: provisioning.id,
      name: 'Provisioning',
      maskedKey: provisioning.maskedKey,
    });
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/members/${admin.userId}`).set(bearer(owner.token)).expect(204);
    // The creator is gone; the key still does what it was given, no more.
    const list = await t.http.get(`/api/v1/orgs/${owner.orgId}/invitations`).set(asKey(provisioning.key)).expect(200);
    expect(list.body.items.map((i: { email: string }) => i.email)).toContain('provisioned@example.com');
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/invitations/${invited.body.invitation.id}`).set(asKey(provisioning.key)).expect(204);
    const events = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events?actorId=${provisioning.id}`).set(bearer(owner.token)).expect(200);
    expect(events.body.items.map((e: { action: string; actor: unknown }) => [e.action, e.actor])).toEqual([
      ['invitation.revoked', { type: 'apiKey', id: provisioning.id, name: 'Provisioning', email: null, maskedKey: provisioning.maskedKey }],
      ['invitation.created', { type: 'apiKey', id: provisioning.id, name: 'Provisioning', email: null, maskedKey: provisioning.maskedKey }],
    ]);
  });

  it('cannot hand out, through members or roles, more than the key itself holds', async () => {
    const manager = (await createKey(owner, 'Member manager', ['member:manage'])).body;
    const adminRole = (await t.http.get(`/api/v1/orgs/${owner.orgId}/roles`).set(bearer(owner.token))).body.items.find(
      (r: { name: string }) => r.name === 'Admin',
    ).id;
    expectProblem(
      await t.http
        .post(`/api/v1/orgs/${owner.orgId}/members`)
        .set(asKey(manager.key))
        .send({ email: 'would-be-admin@example.com', name: 'X', roleIds: [adminRole] }),
      403,
    );
    const roleKey = (await createKey(owner, 'Role manager', ['role:manage'])).body;
    expectProblem(
      await t.http
        .post(`/api/v1/orgs/${owner.orgId}/roles`)
        .set(asKey(roleKey.key))
        .send({ name: 'Minted', permissions: ['key:manage'] }),
      403,
    );
    await t.http.post(`/api/v1/orgs/${owner.orgId}/roles`).set(asKey(roleKey.key)).send({ name: 'Auditors', permissions: [] }).expect(201);
  });
});

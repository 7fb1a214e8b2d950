import { randomUUID } from 'node:crypto';
import { bearer, startTestApp, TestApp } from './harness';
import { createKey, createRole, expectProblem, otherOrganization, ownerSession, roleIdByName, Session } from './fixtures';

/** Two organizations side by side: nothing of one is visible or changeable from the other. */
describe('tenant isolation', () => {
  let t: TestApp;
  let acme: Session;
  let globex: Session;
  let acmeKey: { id: string; key: string };
  let globexKey: { id: string; key: string };
  let acmeRole: string;

  beforeAll(async () => {
    t = await startTestApp();
    acme = await ownerSession(t);
    globex = await otherOrganization(t, acme, 'globex-owner@example.com');
    acmeKey = await createKey(t, acme, 'Acme Key');
    globexKey = await createKey(t, globex, 'Globex Key');
    acmeRole = await createRole(t, acme, 'Acme Role', ['key:manage']);
  });
  afterAll(() => t.close());

  it('lists only the caller organization keys', async () => {
    const acmeList = await t.http.get(`/api/v1/orgs/${acme.orgId}/api-keys`).set(bearer(acme.token)).expect(200);
    const globexList = await t.http.get(`/api/v1/orgs/${globex.orgId}/api-keys`).set(bearer(globex.token)).expect(200);
    expect(acmeList.body.items.map((k: { id: string }) => k.id)).toEqual([acmeKey.id]);
    expect(globexList.body.items.map((k: { id: string }) => k.id)).toEqual([globexKey.id]);
  });

  it("answers 404 for every route under another organization's id, exactly as for one that does not exist", async () => {
    for (const orgId of [acme.orgId, randomUUID()]) {
      const calls = [
        t.http.get(`/api/v1/orgs/${orgId}/api-keys`),
        t.http.post(`/api/v1/orgs/${orgId}/api-keys`).send({ name: 'Intruder' }),
        t.http.delete(`/api/v1/orgs/${orgId}/api-keys/${acmeKey.id}`),
        t.http.get(`/api/v1/orgs/${orgId}/roles`),
        t.http.post(`/api/v1/orgs/${orgId}/roles`).send({ name: 'Intruder', permissions: [] }),
        t.http.patch(`/api/v1/orgs/${orgId}/roles/${acmeRole}`).send({ name: 'Pwned' }),
        t.http.delete(`/api/v1/orgs/${orgId}/roles/${acmeRole}`),
        t.http.get(`/api/v1/orgs/${orgId}/members`),
        t.http.post(`/api/v1/orgs/${orgId}/members`).send({ email: 'spy@example.com', name: 'Spy', roleIds: [] }),
        t.http.put(`/api/v1/orgs/${orgId}/members/${acme.userId}/roles`).send({ roleIds: [] }),
        t.http.delete(`/api/v1/orgs/${orgId}/members/${acme.userId}`),
        t.http.get(`/api/v1/orgs/${orgId}/audit-events`),
      ];
      for (const call of calls) {
        const problem = expectProblem(await call.set(bearer(globex.token)), 404);
        expect(problem.detail).toBe('Organization was not found.');
      }
    }
    await t.http.get('/api/v1/integration/whoami').set(bearer(acmeKey.key)).expect(200);
    expect((await t.db.query("select count(*)::int as n from role where name = 'Pwned' or name = 'Intruder'"))[0]).toEqual({ n: 0 });
  });

  it("answers 404 for another organization's key, role or member inside one's own organization", async () => {
    const own = (path: string) => `/api/v1/orgs/${globex.orgId}${path}`;
    expectProblem(await t.http.delete(own(`/api-keys/${acmeKey.id}`)).set(bearer(globex.token)), 404);
    expectProblem(
      await t.http
        .patch(own(`/roles/${acmeRole}`))
        .set(bearer(globex.token))
        .send({ name: 'Mine' }),
      404,
    );
    expectProblem(await t.http.delete(own(`/roles/${acmeRole}`)).set(bearer(globex.token)), 404);
    expectProblem(
      await t.http
        .put(own(`/members/${acme.userId}/roles`))
        .set(bearer(globex.token))
        .send({ roleIds: [] }),
      404,
    );
    expectProblem(await t.http.delete(own(`/members/${acme.userId}`)).set(bearer(globex.token)), 404);
    await t.http.get('/api/v1/integration/whoami').set(bearer(acmeKey.key)).expect(200);
  });

  it("refuses another organization's role ids when assigning roles", async () => {
    const problem = expectProblem(
      await t.http
        .post(`/api/v1/orgs/${globex.orgId}/members`)
        .set(bearer(globex.token))
        .send({ email: 'cross@example.com', name: 'Cross', roleIds: [await roleIdByName(t, acme, 'Owner')] }),
      400,
    );
    expect(problem.errors).toEqual([{ field: 'roleIds.0', message: expect.stringContaining('no role') }]);
  });

  it('makes each key act for its own organization only', async () => {
    const acmeWho = await t.http.get('/api/v1/integration/whoami').set(bearer(acmeKey.key)).expect(200);
    const globexWho = await t.http.get('/api/v1/integration/whoami').set(bearer(globexKey.key)).expect(200);
    expect(acmeWho.body.organization.id).toBe(acme.orgId);
    expect(globexWho.body.organization.id).toBe(globex.orgId);
    expectProblem(await t.http.get(`/api/v1/orgs/${globex.orgId}/api-keys`).set(bearer(acmeKey.key)), 403);
    // A key holding every grantable permission still reaches nothing of another organization.
    const everything = await t.http
      .post(`/api/v1/orgs/${acme.orgId}/api-keys`)
      .set(bearer(acme.token))
      .send({ name: 'Acme everything', permissions: ['audit:read', 'member:manage', 'role:manage'] })
      .expect(201);
    for (const path of ['audit-events', 'members', 'roles', 'invitations']) {
      await t.http.get(`/api/v1/orgs/${acme.orgId}/${path}`).set(bearer(everything.body.key)).expect(200);
      expectProblem(await t.http.get(`/api/v1/orgs/${globex.orgId}/${path}`).set(bearer(everything.body.key)), 404);
    }
  });

  it("keeps each organization's audit log to itself", async () => {
    const globexEvents = await t.http.get(`/api/v1/orgs/${globex.orgId}/audit-events`).set(bearer(globex.token)).expect(200);
    expect(globexEvents.text).not.toContain('Acme');
    expect(globexEvents.body.items.map((e: { action: string }) => e.action)).toEqual(['api_key.created', 'organization.created']);
  });
});

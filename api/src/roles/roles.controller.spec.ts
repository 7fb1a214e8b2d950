import { randomUUID } from 'node:crypto';
import { bearer, startTestApp, TestApp } from '../../test/harness';
import { addMember, createRole, expectProblem, ownerSession, roleIdByName, Session } from '../../test/fixtures';

describe('roles and permissions', () => {
  let t: TestApp;
  let owner: Session;
  const roles = () => `/api/v1/orgs/${owner.orgId}/roles`;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('publishes the permission catalog with display names', async () => {
    const response = await t.http.get('/api/v1/permissions').set(bearer(owner.token)).expect(200);
    expect(response.body.items).toEqual([
      { id: 'key:manage', name: 'Key: Manage', description: expect.any(String), grantableToApiKeys: false },
      { id: 'member:manage', name: 'Member: Manage', description: expect.any(String), grantableToApiKeys: true },
      { id: 'role:manage', name: 'Role: Manage', description: expect.any(String), grantableToApiKeys: true },
      { id: 'audit:read', name: 'Audit: Read', description: expect.any(String), grantableToApiKeys: true },
      { id: 'org:manage', name: 'Organization: Manage', description: expect.any(String), grantableToApiKeys: false },
    ]);
    expectProblem(await t.http.get('/api/v1/permissions'), 401);
  });

  it('starts every organization with Owner, Admin and Member', async () => {
    const response = await t.http.get(roles()).set(bearer(owner.token)).expect(200);
    expect(
      response.body.items.map((r: { name: string; builtIn: boolean; permissions: string[]; memberCount: number }) => [
        r.name,
        r.builtIn,
        r.permissions,
        r.memberCount,
      ]),
    ).toEqual([
      ['Owner', true, ['audit:read', 'key:manage', 'member:manage', 'org:manage', 'role:manage'], 1],
      ['Admin', true, ['audit:read', 'key:manage', 'member:manage', 'org:manage', 'role:manage'], 0],
      ['Member', true, [], 0],
    ]);
  });

  it('creates, renames and deletes a custom role', async () => {
    const created = await t.http
      .post(roles())
      .set(bearer(owner.token))
      .send({ name: ' Integrations ', description: 'Manages API keys', permissions: ['key:manage'] })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Integrations',
      description: 'Manages API keys',
      permissions: ['key:manage'],
      builtIn: false,
      memberCount: 0,
    });
    const renamed = await t.http
      .patch(`${roles()}/${created.body.id}`)
      .set(bearer(owner.token))
      .send({ name: 'Integration Admins', permissions: ['key:manage', 'audit:read'] })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Integration Admins', permissions: ['audit:read', 'key:manage'] });
    await t.http.delete(`${roles()}/${created.body.id}`).set(bearer(owner.token)).expect(204);
    expectProblem(await t.http.delete(`${roles()}/${created.body.id}`).set(bearer(owner.token)), 404);
  });

  it('refuses duplicate names ignoring case, bad permissions, empty updates and unknown fields', async () => {
    await createRole(t, owner, 'Auditors', ['audit:read']);
    const duplicate = expectProblem(await t.http.post(roles()).set(bearer(owner.token)).send({ name: 'AUDITORS', permissions: [] }), 409);
    expect(duplicate.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
    expectProblem(await t.http.post(roles()).set(bearer(owner.token)).send({ name: 'owner', permissions: [] }), 409);
    const bad = expectProblem(
      await t.http
        .post(roles())
        .set(bearer(owner.token))
        .send({ name: 'X', permissions: ['key:manage', 'root', 'key:manage'] }),
      400,
    );
    expect(bad.errors!.map((e) => e.field)).toEqual(['permissions', 'permissions']);
    expectProblem(await t.http.post(roles()).set(bearer(owner.token)).send({ name: 'X', permissions: 'key:manage' }), 400);
    const id = await roleIdByName(t, owner, 'Auditors');
    const empty = expectProblem(await t.http.patch(`${roles()}/${id}`).set(bearer(owner.token)).send({}), 400);
    expect(empty.errors).toEqual([{ field: 'body', message: expect.any(String) }]);
    expectProblem(await t.http.patch(`${roles()}/${id}`).set(bearer(owner.token)).send({ builtIn: true }), 400);
    expectProblem(await t.http.patch(`${roles()}/${randomUUID()}`).set(bearer(owner.token)).send({ name: 'Y' }), 404);
  });

  it('keeps built-in roles read-only', async () => {
    for (const name of ['Owner', 'Admin', 'Member']) {
      const id = await roleIdByName(t, owner, name);
      expectProblem(
        await t.http
          .patch(`${roles()}/${id}`)
          .set(bearer(owner.token))
          .send({ name: `${name} 2` }),
        409,
      );
      expectProblem(await t.http.delete(`${roles()}/${id}`).set(bearer(owner.token)), 409);
    }
  });

  it('applies a permission grant and revocation on the very next request', async () => {
    const roleId = await createRole(t, owner, 'Key Keepers', []);
    const member = await addMember(t, owner, 'keeper@example.com', ['Key Keepers']);
    const listKeys = () => t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(member.token));

    expectProblem(await listKeys(), 403);
    await t.http
      .patch(`${roles()}/${roleId}`)
      .set(bearer(owner.token))
      .send({ permissions: ['key:manage'] })
      .expect(200);
    await listKeys().expect(200);
    await t.http.patch(`${roles()}/${roleId}`).set(bearer(owner.token)).send({ permissions: [] }).expect(200);
    expectProblem(await listKeys(), 403);
    await t.http
      .patch(`${roles()}/${roleId}`)
      .set(bearer(owner.token))
      .send({ permissions: ['key:manage'] })
      .expect(200);
    await listKeys().expect(200);
    await t.http.delete(`${roles()}/${roleId}`).set(bearer(owner.token)).expect(204);
    expectProblem(await listKeys(), 403);
  });

  it('lets members list roles with either Role: Manage or Member: Manage, and changes only with Role: Manage', async () => {
    await createRole(t, owner, 'People', ['member:manage']);
    const people = await addMember(t, owner, 'people@example.com', ['People']);
    await t.http.get(roles()).set(bearer(people.token)).expect(200);
    expectProblem(await t.http.post(roles()).set(bearer(people.token)).send({ name: 'Z', permissions: [] }), 403);
    const plain = await addMember(t, owner, 'plain@example.com', ['Member']);
    const forbidden = expectProblem(await t.http.get(roles()).set(bearer(plain.token)), 403);
    expect(forbidden.detail).toContain('Role: Manage');
  });

  it('never lets a role manager grant permissions they do not hold', async () => {
    await createRole(t, owner, 'Role Admins', ['role:manage']);
    const roleAdmin = await addMember(t, owner, 'roleadmin@example.com', ['Role Admins']);
    const path = `/api/v1/orgs/${owner.orgId}/roles`;
    const escalate = expectProblem(
      await t.http
        .post(path)
        .set(bearer(roleAdmin.token))
        .send({ name: 'Sneaky', permissions: ['key:manage'] }),
      403,
    );
    expect(escalate.detail).toContain('Key: Manage');
    const own = await t.http
      .post(path)
      .set(bearer(roleAdmin.token))
      .send({ name: 'Fine', permissions: ['role:manage'] })
      .expect(201);
    expectProblem(
      await t.http
        .patch(`${path}/${own.body.id}`)
        .set(bearer(roleAdmin.token))
        .send({ permissions: ['role:manage', 'audit:read'] }),
      403,
    );
  });
});

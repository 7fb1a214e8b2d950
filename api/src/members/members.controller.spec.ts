import { randomUUID } from 'node:crypto';
import { bearer, OWNER_EMAIL, startTestApp, TestApp } from '../../test/harness';
import { addMember, createRole, expectProblem, inviteToken, MEMBER_PASSWORD, ownerSession, roleIdByName, Session } from '../../test/fixtures';

describe('members', () => {
  let t: TestApp;
  let owner: Session;
  const members = () => `/api/v1/orgs/${owner.orgId}/members`;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('adds a person by invitation: a member once they accept, with the invited roles', async () => {
    const adminRole = await roleIdByName(t, owner, 'Admin');
    const invited = await t.http
      .post(members())
      .set(bearer(owner.token))
      .send({ email: ' Grace@Example.com ', name: 'Grace Hopper', roleIds: [adminRole] })
      .expect(201);
    expect(invited.body).toEqual({
      invitation: {
        id: expect.any(String),
        email: 'grace@example.com',
        roles: [{ id: adminRole, name: 'Admin' }],
        status: 'pending',
        expiresAt: expect.any(String),
        createdAt: expect.any(String),
        invitedBy: { type: 'user', id: owner.userId, name: 'Administrator' },
      },
      inviteUrl: expect.stringMatching(/\/invite\/tptm_inv_[0-9A-Za-z]{32}$/),
    });
    const before = await t.http.get(members()).set(bearer(owner.token)).expect(200);
    expect(before.body.items.map((m: { email: string }) => m.email)).toEqual(['owner@example.com']);
    await t.http
      .post(`/api/v1/invitations/${inviteToken(invited.body.inviteUrl)}/accept`)
      .send({ password: MEMBER_PASSWORD })
      .expect(200);
    await t.signIn('grace@example.com', MEMBER_PASSWORD);
    const list = await t.http.get(members()).set(bearer(owner.token)).expect(200);
    expect(list.body.items.map((m: { email: string; name: string }) => [m.email, m.name])).toEqual([
      ['owner@example.com', 'Administrator'],
      ['grace@example.com', 'Grace Hopper'],
    ]);
  });

  it('adds an existing user only when they accept as themselves, and refuses inviting a member twice', async () => {
    const other = await t.http.post('/api/v1/orgs').set(bearer(owner.token)).send({ name: 'Second Org' }).expect(201);
    const grace: Session = { token: await t.signIn('grace@example.com', MEMBER_PASSWORD), orgId: owner.orgId, userId: '' };
    await addMember(t, { ...owner, orgId: other.body.id }, 'grace@example.com', [], grace);
    const secondOrg = await t.http.get(`/api/v1/orgs/${other.body.id}/members`).set(bearer(owner.token)).expect(200);
    expect(secondOrg.body.items.find((m: { email: string }) => m.email === 'grace@example.com')).toMatchObject({ name: 'Grace Hopper', roles: [] });
    const again = expectProblem(
      await t.http
        .post(`/api/v1/orgs/${other.body.id}/members`)
        .set(bearer(owner.token))
        .send({ email: 'GRACE@example.com', name: 'G', roleIds: [] }),
      409,
    );
    expect(again.errors).toEqual([{ field: 'email', message: 'is already a member' }]);
  });

  it('validates email, name and role ids', async () => {
    const bad = expectProblem(
      await t.http
        .post(members())
        .set(bearer(owner.token))
        .send({ email: 'not-an-email', name: '', roleIds: ['x', 'x'] }),
      400,
    );
    expect(bad.errors!.map((e) => e.field).sort()).toEqual(['email', 'name', 'roleIds', 'roleIds']);
    const unknownRole = expectProblem(
      await t.http
        .post(members())
        .set(bearer(owner.token))
        .send({ email: 'x@example.com', name: 'X', roleIds: [randomUUID()] }),
      400,
    );
    expect(unknownRole.errors).toEqual([{ field: 'roleIds.0', message: expect.stringContaining('no role') }]);
  });

  it('changes roles and removes members, effective on their next request', async () => {
    const keyRole = await createRole(t, owner, 'Keys', ['key:manage']);
    const member = await addMember(t, owner, 'changes@example.com', ['Member']);
    const listKeys = () => t.http.get(`/api/v1/orgs/${owner.orgId}/api-keys`).set(bearer(member.token));
    expectProblem(await listKeys(), 403);
    const updated = await t.http
      .put(`${members()}/${member.userId}/roles`)
      .set(bearer(owner.token))
      .send({ roleIds: [keyRole] })
      .expect(200);
    expect(updated.body.roles).toEqual([{ id: keyRole, name: 'Keys' }]);
    await listKeys().expect(200);
    await t.http.delete(`${members()}/${member.userId}`).set(bearer(owner.token)).expect(204);
    expectProblem(await listKeys(), 404);
    const me = await t.http.get('/api/v1/me').set(bearer(member.token)).expect(200);
    expect(me.body.memberships).toEqual([]);
    expectProblem(await t.http.delete(`${members()}/${member.userId}`).set(bearer(owner.token)), 404);
  });

  it('never leaves an organization without an Owner', async () => {
    const ownerRole = await roleIdByName(t, owner, 'Owner');
    const adminRole = await roleIdByName(t, owner, 'Admin');
    const demote = expectProblem(
      await t.http
        .put(`${members()}/${owner.userId}/roles`)
        .set(bearer(owner.token))
        .send({ roleIds: [adminRole] }),
      409,
    );
    expect(demote.detail).toContain('last Owner');
    expectProblem(await t.http.delete(`${members()}/${owner.userId}`).set(bearer(owner.token)), 409);

    const second = await addMember(t, owner, 'second-owner@example.com', ['Owner']);
    await t.http
      .put(`${members()}/${owner.userId}/roles`)
      .set(bearer(second.token))
      .send({ roleIds: [adminRole] })
      .expect(200);
    expectProblem(await t.http.delete(`${members()}/${second.userId}`).set(bearer(second.token)), 409);
    await t.http
      .put(`${members()}/${owner.userId}/roles`)
      .set(bearer(second.token))
      .send({ roleIds: [ownerRole] })
      .expect(200);
    await t.http.delete(`${members()}/${second.userId}`).set(bearer(owner.token)).expect(204);
  });

  it('lets only Owners grant or take away the Owner role, and nobody grant more than they hold', async () => {
    await createRole(t, owner, 'Membership', ['member:manage']);
    const manager = await addMember(t, owner, 'manager@example.com', ['Membership']);
    const ownerRole = await roleIdByName(t, owner, 'Owner');
    const adminRole = await roleIdByName(t, owner, 'Admin');
    const target = await addMember(t, owner, 'target@example.com', ['Member']);
    const path = `/api/v1/orgs/${owner.orgId}/members`;

    const toOwner = expectProblem(
      await t.http
        .put(`${path}/${manager.userId}/roles`)
        .set(bearer(manager.token))
        .send({ roleIds: [ownerRole] }),
      403,
    );
    expect(toOwner.detail).toContain('Only an Owner');
    const toAdmin = expectProblem(
      await t.http
        .put(`${path}/${target.userId}/roles`)
        .set(bearer(manager.token))
        .send({ roleIds: [adminRole] }),
      403,
    );
    expect(toAdmin.detail).toContain("can't grant");
    expectProblem(await t.http.delete(`${path}/${owner.userId}`).set(bearer(manager.token)), 403);
    await t.http.delete(`${path}/${target.userId}`).set(bearer(manager.token)).expect(204);
  });

  it('lists members only with Member: Manage', async () => {
    const plain = await addMember(t, owner, 'just-member@example.com', ['Member']);
    expectProblem(await t.http.get(members()).set(bearer(plain.token)), 403);
    expect(OWNER_EMAIL).toBe('owner@example.com');
  });
});

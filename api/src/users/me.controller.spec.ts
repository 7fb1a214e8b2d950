import { bearer, startTestApp, TestApp } from '../../test/harness';
import { createRole, expectProblem, ownerSession, Session } from '../../test/fixtures';

describe('me and organizations', () => {
  let t: TestApp;
  let owner: Session;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('describes the signed-in user, their organizations, roles and permissions', async () => {
    const me = await t.http.get('/api/v1/me').set(bearer(owner.token)).expect(200);
    expect(me.body).toEqual({
      id: owner.userId,
      email: 'owner@example.com',
      name: 'Administrator',
      memberships: [
        {
          organization: { id: owner.orgId, name: 'Acme Test' },
          roles: [{ id: expect.any(String), name: 'Owner' }],
          permissions: ['key:manage', 'member:manage', 'role:manage', 'audit:read', 'org:manage'],
        },
      ],
    });
    expect(JSON.stringify(me.body)).not.toMatch(/password|hash/i);
  });

  it('lets any signed-in user create an organization, of which they become the Owner', async () => {
    const created = await t.http.post('/api/v1/orgs').set(bearer(owner.token)).send({ name: '  Beta Corp  ' }).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Beta Corp' });
    const me = await t.http.get('/api/v1/me').set(bearer(owner.token)).expect(200);
    expect(
      me.body.memberships.map((m: { organization: { name: string }; roles: { name: string }[] }) => [m.organization.name, m.roles[0].name]),
    ).toEqual([
      ['Acme Test', 'Owner'],
      ['Beta Corp', 'Owner'],
    ]);
    await createRole(t, { ...owner, orgId: created.body.id }, 'Only In Beta', []);
  });

  it('validates the organization name', async () => {
    const problem = expectProblem(await t.http.post('/api/v1/orgs').set(bearer(owner.token)).send({ name: '' }), 400);
    expect(problem.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
    expectProblem(await t.http.post('/api/v1/orgs').send({ name: 'Anonymous' }), 401);
  });
});

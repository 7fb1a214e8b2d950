import { bearer, startTestApp, TestApp } from '../../test/harness';
import { addMember, createKey, createRole, expectProblem, ownerSession, Session } from '../../test/fixtures';

describe('audit log', () => {
  let t: TestApp;
  let owner: Session;
  const events = (query = '') => t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events${query}`).set(bearer(owner.token));

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('records key, role and member changes with actor, target, client and time, newest first', async () => {
    const key = await createKey(t, owner, 'Audited Key');
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${key.id}`).set(bearer(owner.token)).set('User-Agent', 'audit-test/1.0').expect(204);
    const roleId = await createRole(t, owner, 'Audited Role', []);
    await t.http.patch(`/api/v1/orgs/${owner.orgId}/roles/${roleId}`).set(bearer(owner.token)).send({ description: 'x' }).expect(200);
    const member = await addMember(t, owner, 'audited@example.com', ['Audited Role']);
    await t.http.put(`/api/v1/orgs/${owner.orgId}/members/${member.userId}/roles`).set(bearer(owner.token)).send({ roleIds: [] }).expect(200);
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/members/${member.userId}`).set(bearer(owner.token)).expect(204);
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/roles/${roleId}`).set(bearer(owner.token)).expect(204);

    const response = await events().expect(200);
    expect(response.body.items.map((e: { action: string; target: { name: string } }) => [e.action, e.target.name])).toEqual([
      ['role.deleted', 'Audited Role'],
      ['member.removed', 'audited'],
      ['member.roles_updated', 'audited'],
      ['member.added', 'audited'],
      ['invitation.created', 'audited@example.com'],
      ['role.updated', 'Audited Role'],
      ['role.created', 'Audited Role'],
      ['api_key.deleted', 'Audited Key'],
      ['api_key.created', 'Audited Key'],
      ['organization.created', 'Acme Test'],
    ]);
    const deleted = response.body.items.find((e: { action: string }) => e.action === 'api_key.deleted');
    expect(deleted).toEqual({
      id: expect.any(String),
      action: 'api_key.deleted',
      actor: { type: 'user', id: owner.userId, name: 'Administrator' },
      target: { type: 'api_key', id: key.id, name: 'Audited Key' },
      changes: null,
      ip: '127.0.0.1',
      userAgent: 'audit-test/1.0',
      occurredAt: expect.any(String),
    });
    expect(response.body.items.at(-1).actor).toEqual({ type: 'system', id: null, name: 'First run' });
    expect(response.text).not.toContain(key.key);
    expect(response.text).not.toContain(key.key.slice(5, 25));
  });

  it('pages with a cursor', async () => {
    const first = await events('?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await events(`?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    expect(new Date(second.body.items[0].occurredAt) <= new Date(first.body.items[1].occurredAt)).toBe(true);
  });

  it('is append-only in the database itself', async () => {
    await expect(t.db.query("update audit_event set action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('delete from audit_event')).rejects.toThrow(/append-only/);
    await expect(t.db.query('truncate audit_event')).rejects.toThrow(/append-only/);
  });

  it('needs Audit: Read', async () => {
    await createRole(t, owner, 'Keys Only', ['key:manage']);
    const member = await addMember(t, owner, 'no-audit@example.com', ['Keys Only']);
    expectProblem(await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set(bearer(member.token)), 403);
  });
});

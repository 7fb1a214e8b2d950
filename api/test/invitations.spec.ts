import { bearer, startTestApp, TestApp } from './harness';
import { addMember, expectProblem, invite, inviteToken, MEMBER_PASSWORD, ownerSession, roleIdByName, Session } from './fixtures';

/**
 * Members join by invitation. The scenario that made this necessary: an
 * outsider's organization "adds" an email that has no account yet and is
 * handed its password; when the real organization later adds the same email,
 * the outsider signs in with that password and lands in the real
 * organization. Every test here failed while adding a member created the
 * account and answered its temporary password.
 */
describe('invitations: account pre-hijacking', () => {
  let t: TestApp;
  let victimOrg: Session;
  let outsider: Session;

  beforeAll(async () => {
    t = await startTestApp();
    victimOrg = await ownerSession(t);
    // A stranger signs up through some invitation and creates an organization of their own.
    const stranger = await addMember(t, victimOrg, 'mallory@example.com');
    await t.http.delete(`/api/v1/orgs/${victimOrg.orgId}/members/${stranger.userId}`).set(bearer(victimOrg.token)).expect(204);
    const org = await t.http.post('/api/v1/orgs').set(bearer(stranger.token)).send({ name: 'Acme Test' }).expect(201);
    outsider = { ...stranger, orgId: org.body.id };
  });
  afterAll(() => t.close());

  it('never hands the inviter a password, and the invitee is no member until they accept', async () => {
    const answer = await invite(t, outsider, 'ceo@victim.example');
    expect(Object.keys(answer).sort()).toEqual(['invitation', 'inviteUrl']);
    expect(JSON.stringify(answer)).not.toMatch(/password/i);
    // Nobody can sign in as the invited email: it has no account, so no password exists to know.
    for (const password of [MEMBER_PASSWORD, 'temporary-password', answer.inviteUrl, inviteToken(answer.inviteUrl)]) {
      expectProblem(await t.http.post('/api/v1/auth/login').send({ email: 'ceo@victim.example', password }), 401);
    }
    const members = await t.http.get(`/api/v1/orgs/${outsider.orgId}/members`).set(bearer(outsider.token)).expect(200);
    expect(members.body.items.map((m: { email: string }) => m.email)).toEqual(['mallory@example.com']);
  });

  it('lets the real owner of the email in through their own link only, with their own password', async () => {
    const outsiders = await invite(t, outsider, 'cfo@victim.example');
    const real = await invite(t, victimOrg, 'cfo@victim.example', ['Admin']);
    const accepted = await t.http
      .post(`/api/v1/invitations/${inviteToken(real.inviteUrl)}/accept`)
      .send({ name: 'Real CFO', password: 'the-cfo-own-password' })
      .expect(200);
    expect(accepted.body.organization).toEqual({ id: victimOrg.orgId, name: 'Acme Test' });
    // The outsider's invitation gives them nothing: its link does not sign anyone in as the CFO.
    const meViaOutsiderLink = await t.http.get(`/api/v1/invitations/${inviteToken(outsiders.inviteUrl)}`).expect(200);
    expect(meViaOutsiderLink.body).toEqual({ organization: { name: 'Acme Test' }, email: 'cfo@victim.example' });
    expectProblem(await t.http.post(`/api/v1/invitations/${inviteToken(outsiders.inviteUrl)}/accept`).send({ password: 'mallory-sets-this-1' }), 401);
    expectProblem(
      await t.http
        .post(`/api/v1/invitations/${inviteToken(outsiders.inviteUrl)}/accept`)
        .set(bearer(outsider.token))
        .send({}),
      403,
    );
    // The CFO's session reaches the victim organization; the outsider's does not.
    const cfo = accepted.body.accessToken as string;
    await t.http.get(`/api/v1/orgs/${victimOrg.orgId}/api-keys`).set(bearer(cfo)).expect(200);
    expectProblem(await t.http.get(`/api/v1/orgs/${victimOrg.orgId}/api-keys`).set(bearer(outsider.token)), 404);
  });

  it("attaches an existing account to nobody's organization without that account's consent", async () => {
    // The victim's Owner exists; the outsider invites them to a look-alike organization.
    const lure = await invite(t, outsider, 'owner@example.com', ['Owner']);
    const me = await t.http.get('/api/v1/me').set(bearer(victimOrg.token)).expect(200);
    expect(me.body.memberships.map((m: { organization: { id: string } }) => m.organization.id)).toEqual([victimOrg.orgId]);
    // Accepting takes the invitee's own signed-in session: nobody else can accept for them.
    expectProblem(await t.http.post(`/api/v1/invitations/${inviteToken(lure.inviteUrl)}/accept`).send({ password: 'anything-12345' }), 401);
  });

  it('answers the same shape whether or not the email has an account, with no user id or name in it', async () => {
    const unknown = await invite(t, outsider, 'nobody-yet@example.com');
    const known = await invite(t, outsider, 'owner@example.com');
    const shape = (answer: Record<string, unknown>) => JSON.stringify(answer, (_k, v: unknown) => (typeof v === 'string' ? '' : v));
    expect(shape(known)).toEqual(shape(unknown));
    const me = await t.http.get('/api/v1/me').set(bearer(victimOrg.token)).expect(200);
    expect(JSON.stringify(known)).not.toContain(me.body.id);
    expect(JSON.stringify(known)).not.toContain(me.body.name);
  });
});

describe('invitations: the link', () => {
  let t: TestApp;
  let owner: Session;
  const invitations = () => `/api/v1/orgs/${owner.orgId}/invitations`;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('is at least 128 random bits, stored only as a digest, and shown once', async () => {
    const answer = await invite(t, owner, 'digest@example.com');
    const token = inviteToken(answer.inviteUrl);
    expect(answer.inviteUrl).toBe(`${t.url}/invite/${token}`);
    expect(token).toMatch(/^tptm_inv_[0-9A-Za-z]{32}$/);
    const rows = await t.db.query('select * from invitation');
    expect(JSON.stringify(rows)).not.toContain(token);
    const listed = await t.http.get(invitations()).set(bearer(owner.token)).expect(200);
    expect(listed.text).not.toContain(token);
    expect(listed.body.items).toEqual([
      {
        id: answer.invitation.id,
        email: 'digest@example.com',
        roles: [],
        status: 'pending',
        expiresAt: expect.any(String),
        createdAt: expect.any(String),
        invitedBy: { type: 'user', id: owner.userId, name: 'Administrator' },
      },
    ]);
    const days = (Date.parse(listed.body.items[0].expiresAt) - Date.parse(listed.body.items[0].createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);
    expect(t.rawLogs()).not.toContain(token.slice(9));
  });

  it('works once, then answers 404', async () => {
    const { inviteUrl } = await invite(t, owner, 'once@example.com');
    const link = `/api/v1/invitations/${inviteToken(inviteUrl)}`;
    expect((await t.http.get(link).expect(200)).body).toEqual({
      organization: { name: 'Acme Test' },
      email: 'once@example.com',
    });
    const accepted = await t.http.post(`${link}/accept`).send({ name: 'Once', password: MEMBER_PASSWORD }).expect(200);
    expect(accepted.body).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number), organization: { id: owner.orgId } });
    expectProblem(await t.http.get(link), 404);
    expectProblem(await t.http.post(`${link}/accept`).send({ password: 'another-password-1' }), 404);
    await t.signIn('once@example.com', MEMBER_PASSWORD);
    const members = await t.http.get(`/api/v1/orgs/${owner.orgId}/members`).set(bearer(owner.token)).expect(200);
    expect(members.body.items.find((m: { email: string }) => m.email === 'once@example.com')).toMatchObject({ name: 'Once', roles: [] });
    const pending = await t.http.get(invitations()).set(bearer(owner.token)).expect(200);
    expect(pending.body.items.map((i: { email: string }) => i.email)).not.toContain('once@example.com');
  });

  it('grants exactly the invited roles on acceptance', async () => {
    const member = await addMember(t, owner, 'roles@example.com', ['Admin']);
    const me = await t.http.get('/api/v1/me').set(bearer(member.token)).expect(200);
    expect(me.body.memberships[0].roles.map((r: { name: string }) => r.name)).toEqual(['Admin']);
  });

  it('admits exactly one of many simultaneous acceptances of one link', async () => {
    const { inviteUrl } = await invite(t, owner, 'racing@example.com');
    const accept = `/api/v1/invitations/${inviteToken(inviteUrl)}/accept`;
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => t.http.post(accept).send({ password: `racing-password-${i}` })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    // The others found the link used (404), or the account the winner had just created, which only its owner may use (401, 409, 503).
    for (const response of responses.filter((r) => r.status !== 200)) expect([401, 404, 409, 503]).toContain(response.status);
    const [{ n }] = await t.db.query<{ n: number }>(`select count(*)::int as n from app_user where email = 'racing@example.com'`);
    expect(n).toBe(1);
    const members = await t.http.get(`/api/v1/orgs/${owner.orgId}/members`).set(bearer(owner.token)).expect(200);
    expect(members.body.items.filter((m: { email: string }) => m.email === 'racing@example.com')).toHaveLength(1);
  });

  it('needs a password of 12 to 256 characters for a new account', async () => {
    const { inviteUrl } = await invite(t, owner, 'short@example.com');
    const accept = `/api/v1/invitations/${inviteToken(inviteUrl)}/accept`;
    expect(expectProblem(await t.http.post(accept).send({}), 400).errors).toEqual([{ field: 'password', message: expect.any(String) }]);
    expect(expectProblem(await t.http.post(accept).send({ password: 'short' }), 400).errors?.[0].field).toBe('password');
    // The refused attempts did not use the link up.
    await t.http.post(accept).send({ password: MEMBER_PASSWORD }).expect(200);
  });

  it('stops working when revoked, renewed, replaced by a new invitation, or expired', async () => {
    const revoked = await invite(t, owner, 'revoked@example.com');
    await t.http.delete(`${invitations()}/${revoked.invitation.id}`).set(bearer(owner.token)).expect(204);
    expectProblem(await t.http.get(`/api/v1/invitations/${inviteToken(revoked.inviteUrl)}`), 404);

    const first = await invite(t, owner, 'renewed@example.com');
    const renewed = await t.http.post(`${invitations()}/${first.invitation.id}/renew`).set(bearer(owner.token)).expect(201);
    expect(renewed.body.invitation.id).toBe(first.invitation.id);
    expectProblem(await t.http.get(`/api/v1/invitations/${inviteToken(first.inviteUrl)}`), 404);
    await t.http.get(`/api/v1/invitations/${inviteToken(renewed.body.inviteUrl)}`).expect(200);

    const replaced = await invite(t, owner, 'twice@example.com');
    const again = await invite(t, owner, 'twice@example.com');
    expectProblem(await t.http.get(`/api/v1/invitations/${inviteToken(replaced.inviteUrl)}`), 404);
    await t.http.get(`/api/v1/invitations/${inviteToken(again.inviteUrl)}`).expect(200);
    const listed = await t.http.get(invitations()).set(bearer(owner.token)).expect(200);
    expect(listed.body.items.filter((i: { email: string }) => i.email === 'twice@example.com')).toHaveLength(1);

    const expiring = await invite(t, owner, 'expired@example.com');
    await t.db.query(`update invitation set expires_at = now() - interval '1 second' where id = $1`, [expiring.invitation.id]);
    expectProblem(await t.http.get(`/api/v1/invitations/${inviteToken(expiring.inviteUrl)}`), 404);
    expectProblem(await t.http.post(`/api/v1/invitations/${inviteToken(expiring.inviteUrl)}/accept`).send({ password: MEMBER_PASSWORD }), 404);
    const stale = await t.http.get(invitations()).set(bearer(owner.token)).expect(200);
    expect(stale.body.items.find((i: { email: string }) => i.email === 'expired@example.com').status).toBe('expired');
  });

  it('refuses to invite an email that is already a member (409), whatever its case', async () => {
    await addMember(t, owner, 'member@example.com');
    const refused = expectProblem(
      await t.http.post(`/api/v1/orgs/${owner.orgId}/members`).set(bearer(owner.token)).send({ email: 'MEMBER@example.com', name: 'M', roleIds: [] }),
      409,
    );
    expect(refused.errors).toEqual([{ field: 'email', message: 'is already a member' }]);
  });

  it('lets an existing account accept only while signed in as itself, and join a second organization', async () => {
    const second = await t.http.post('/api/v1/orgs').set(bearer(owner.token)).send({ name: 'Second Org' }).expect(201);
    const secondOwner: Session = { ...owner, orgId: second.body.id };
    const member = await addMember(t, owner, 'two-orgs@example.com');
    const { inviteUrl } = await invite(t, secondOwner, 'two-orgs@example.com', ['Admin']);
    const accept = `/api/v1/invitations/${inviteToken(inviteUrl)}/accept`;
    expectProblem(await t.http.post(accept).send({ password: 'takeover-password-1' }), 401);
    expectProblem(await t.http.post(accept).set(bearer(owner.token)).send({}), 403);
    expectProblem(await t.http.post(accept).set(bearer('not-a-token')).send({}), 401);
    const accepted = await t.http.post(accept).set(bearer(member.token)).send({}).expect(200);
    expect(accepted.body.organization).toEqual({ id: second.body.id, name: 'Second Org' });
    const me = await t.http.get('/api/v1/me').set(bearer(member.token)).expect(200);
    expect(me.body.memberships.map((m: { organization: { name: string } }) => m.organization.name).sort()).toEqual(['Acme Test', 'Second Org']);
    // The account's password is still its own.
    await t.signIn('two-orgs@example.com', MEMBER_PASSWORD);
  });

  it('renews or revokes only its own organization’s invitations (404 otherwise)', async () => {
    const other = await t.http.post('/api/v1/orgs').set(bearer(owner.token)).send({ name: 'Third Org' }).expect(201);
    const foreign = await invite(t, { ...owner, orgId: other.body.id }, 'foreign@example.com');
    expectProblem(await t.http.post(`${invitations()}/${foreign.invitation.id}/renew`).set(bearer(owner.token)), 404);
    expectProblem(await t.http.delete(`${invitations()}/${foreign.invitation.id}`).set(bearer(owner.token)), 404);
    await t.http.get(`/api/v1/invitations/${inviteToken(foreign.inviteUrl)}`).expect(200);
  });

  it('records created, renewed, revoked and the acceptance in the audit log', async () => {
    const { invitation } = await invite(t, owner, 'audited@example.com');
    const renewed = await t.http.post(`${invitations()}/${invitation.id}/renew`).set(bearer(owner.token)).expect(201);
    await t.http
      .post(`/api/v1/invitations/${inviteToken(renewed.body.inviteUrl)}/accept`)
      .send({ name: 'Audited', password: MEMBER_PASSWORD })
      .expect(200);
    const revokedOne = await invite(t, owner, 'audited-revoked@example.com');
    await t.http.delete(`${invitations()}/${revokedOne.invitation.id}`).set(bearer(owner.token)).expect(204);
    const events = await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events?limit=4`).set(bearer(owner.token)).expect(200);
    expect(
      events.body.items.map((e: { action: string; actor: { name: string }; target: { name: string } }) => [e.action, e.actor.name, e.target.name]),
    ).toEqual([
      ['invitation.revoked', 'Administrator', 'audited-revoked@example.com'],
      ['invitation.created', 'Administrator', 'audited-revoked@example.com'],
      ['member.added', 'Audited', 'Audited'],
      ['invitation.renewed', 'Administrator', 'audited@example.com'],
    ]);
  });

  it('refuses to hand out, by renewing, roles the caller could not grant', async () => {
    const adminInvite = await invite(t, owner, 'admin-to-be@example.com', ['Admin']);
    const managerRole = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/roles`)
      .set(bearer(owner.token))
      .send({ name: 'Member Managers', permissions: ['member:manage'] })
      .expect(201);
    const manager = await addMember(t, owner, 'manager@example.com');
    await t.http
      .put(`/api/v1/orgs/${owner.orgId}/members/${manager.userId}/roles`)
      .set(bearer(owner.token))
      .send({ roleIds: [managerRole.body.id] })
      .expect(200);
    expectProblem(await t.http.post(`${invitations()}/${adminInvite.invitation.id}/renew`).set(bearer(manager.token)), 403);
    const adminRole = await roleIdByName(t, owner, 'Admin');
    expectProblem(
      await t.http
        .post(`/api/v1/orgs/${owner.orgId}/members`)
        .set(bearer(manager.token))
        .send({ email: 'x@example.com', name: 'X', roleIds: [adminRole] }),
      403,
    );
  });
});

import { bearer, DATABASE_KIND, OWNER_EMAIL, startApp, startTestApp, TestApp } from './harness';
import { addMember, createRole, expectProblem, invite, inviteToken, MEMBER_PASSWORD, ownerSession, Session } from './fixtures';
import { Mailbox, startMailbox, until } from './support/mailbox';

const PUBLIC_URL = 'https://keys.example.com';
const LINK = /https:\/\/keys\.example\.com\/invite\/(tptm_inv_[0-9A-Za-z]{32})/;

/** Invites over HTTP and answers the raw response (the fixture's `invite` expects a link in the answer). */
function inviteRequest(t: TestApp, session: Session, email: string, name = 'Invitee') {
  return t.http.post(`/api/v1/orgs/${session.orgId}/members`).set(bearer(session.token)).send({ email, name, roleIds: [] });
}

/** The link of the latest email to `email`, waiting for it. */
async function mailedToken(mailbox: Mailbox, email: string, after = 0): Promise<string> {
  const mail = await until(() => mailbox.messages.slice(after).findLast((m) => m.to === email), `the invitation email to ${email}`);
  return mail.body.match(LINK)![1];
}

describe('invitations with SMTP: the link reaches the mailbox only', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  let owner: Session;

  beforeAll(async () => {
    mailbox = await startMailbox();
    t = await startTestApp({ TPTM_SMTP_URL: mailbox.url, TPTM_PUBLIC_URL: PUBLIC_URL });
    owner = await ownerSession(t);
  });
  afterAll(async () => {
    await t.close();
    await mailbox.close();
  });

  it('never shows the link to the inviter: not in the create or renew answer, the list, the audit log or the logs', async () => {
    const created = await inviteRequest(t, owner, 'mailbox-only@example.com').expect(201);
    expect(Object.keys(created.body)).toEqual(['invitation']);
    const first = await mailedToken(mailbox, 'mailbox-only@example.com');
    const before = mailbox.messages.length;
    const renewed = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/invitations/${created.body.invitation.id}/renew`)
      .set(bearer(owner.token))
      .expect(201);
    expect(Object.keys(renewed.body)).toEqual(['invitation']);
    const second = await mailedToken(mailbox, 'mailbox-only@example.com', before);
    expect(second).not.toBe(first);

    const seen = [
      created.text,
      renewed.text,
      (await t.http.get(`/api/v1/orgs/${owner.orgId}/invitations`).set(bearer(owner.token)).expect(200)).text,
      (await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events`).set(bearer(owner.token)).expect(200)).text,
      JSON.stringify(await t.db.query('select * from invitation')),
      t.rawLogs(),
    ].join('\n');
    for (const token of [first, second]) expect(seen).not.toContain(token.slice(9));
  });

  it('lets only the mailbox create an account for an address that has none, through the emailed link', async () => {
    await inviteRequest(t, owner, 'new-person@example.com').expect(201);
    const token = await mailedToken(mailbox, 'new-person@example.com');
    // The inviter holds nothing to accept with; the mailbox's owner chooses the password.
    const accepted = await t.http.post(`/api/v1/invitations/${token}/accept`).send({ name: 'New Person', password: MEMBER_PASSWORD }).expect(200);
    expect(accepted.body.organization.id).toBe(owner.orgId);
    await t.signIn('new-person@example.com', MEMBER_PASSWORD);
  });

  it('keeps what the inviter wrote out of the subject, and quotes it in the body as theirs', async () => {
    const lure = 'IT Security: your mailbox is suspended, restore it at https://phish.example';
    await t.db.query('update app_user set name = $1 where id = $2', [lure, owner.userId]);
    try {
      await inviteRequest(t, owner, 'phished@example.com').expect(201);
      const mail = await until(() => mailbox.messages.find((m) => m.to === 'phished@example.com'), 'the invitation email');
      const [headers, body] = splitMail(mail.body);
      const subject = headers.match(/^Subject: (.*(?:\r?\n[ \t].*)*)/m)![1];
      expect(subject).toBe('Invitation to join an organization on TPTM API Keys');
      expect(body).not.toMatch(new RegExp(`^${escape(lure)}`));
      expect(body).toContain(`"${lure}"`);
      expect(body).toMatch(/written by whoever invited you/);
      expect(body).toContain(OWNER_EMAIL);
    } finally {
      await t.db.query(`update app_user set name = 'Administrator' where id = $1`, [owner.userId]);
    }
  });
});

function splitMail(raw: string): [string, string] {
  const at = raw.search(/\r?\n\r?\n/);
  return [raw.slice(0, at), raw.slice(at).trim()];
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('invitations: whether an email has an account is never told', () => {
  let t: TestApp;
  let owner: Session;
  let other: Session;
  let elsewhere: Session;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
    other = await addMember(t, owner, 'someone-else@example.com');
    await addMember(t, owner, 'has-account@example.com');
    const org = await t.http.post('/api/v1/orgs').set(bearer(owner.token)).send({ name: 'Elsewhere' }).expect(201);
    elsewhere = { ...owner, orgId: org.body.id };
  });
  afterAll(() => t.close());

  it('describes the invitation the same way, and accept answers the same, whether or not the email has an account', async () => {
    const answers = async (email: string) => {
      const { inviteUrl } = await invite(t, elsewhere, email);
      const link = `/api/v1/invitations/${inviteToken(inviteUrl)}`;
      const page = await t.http.get(link).expect(200);
      const accept = (token?: string, body: object = {}) =>
        (token ? t.http.post(`${link}/accept`).set(bearer(token)) : t.http.post(`${link}/accept`)).send(body);
      const noBody = await accept();
      const signedInAsAnother = await accept(other.token);
      const badPassword = await accept(undefined, { password: 'short' });
      return {
        page: Object.keys(page.body).sort(),
        accountExists: 'accountExists' in page.body,
        statuses: [noBody.status, signedInAsAnother.status, badPassword.status],
        problems: [noBody.body.type, signedInAsAnother.body.type, badPassword.body.type],
        details: [noBody.body.detail, signedInAsAnother.body.detail].map((d: string) => d.replace(email, '<email>')),
      };
    };
    const existing = await answers('has-account@example.com');
    const fresh = await answers('no-account@example.com');
    expect(existing).toEqual(fresh);
    expect(fresh.accountExists).toBe(false);
    expect(fresh.statuses).toEqual([400, 403, 400]);
  });
});

describe('organization creation restricted to operators (TPTM_ORG_CREATION=operators)', () => {
  let t: TestApp;
  let owner: Session;

  beforeAll(async () => {
    t = await startTestApp({ TPTM_ORG_CREATION: 'operators', TPTM_OPERATOR_EMAILS: 'ops@example.com' });
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('lets the bootstrap administrator and the listed operators create organizations, and refuses anyone else with 403', async () => {
    await t.http.post('/api/v1/orgs').set(bearer(owner.token)).send({ name: 'By The Admin' }).expect(201);
    const ops = await addMember(t, owner, 'OPS@example.com');
    await t.http.post('/api/v1/orgs').set(bearer(ops.token)).send({ name: 'By Ops' }).expect(201);
    const member = await addMember(t, owner, 'member@example.com');
    const refused = expectProblem(await t.http.post('/api/v1/orgs').set(bearer(member.token)).send({ name: 'Spam Org' }), 403);
    expect(refused.detail).toMatch(/operators/);
    const [{ n }] = await t.db.query<{ n: number }>(`select count(*)::int as n from organization where name = 'Spam Org'`);
    expect(n).toBe(0);
  });
});

describe('the invitation link without TPTM_PUBLIC_URL', () => {
  let t: TestApp;
  let owner: Session;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('is refused (400) when the Host is anything but a plain host[:port], and nothing is created', async () => {
    for (const host of ['127.0.0.1:4101@evil.example', 'evil.example/path', 'a b', 'keys.example.com:99999999']) {
      const refused = expectProblem(await inviteRequest(t, owner, 'host@example.com').set('Host', host), 400);
      expect(refused.detail).toMatch(/TPTM_PUBLIC_URL/);
    }
    expect(await t.db.query(`select 1 from invitation where email = 'host@example.com'`)).toEqual([]);
    const plain = await inviteRequest(t, owner, 'host@example.com').set('Host', 'keys.internal:8443').expect(201);
    expect(plain.body.inviteUrl).toMatch(/^http:\/\/keys\.internal:8443\/invite\/tptm_inv_/);
    const ipv6 = await inviteRequest(t, owner, 'host6@example.com').set('Host', '[::1]:3000').expect(201);
    expect(ipv6.body.inviteUrl).toMatch(/^http:\/\/\[::1\]:3000\/invite\/tptm_inv_/);
  });
});

describe('invitations go with their maker', () => {
  let t: TestApp;
  let owner: Session;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('names the key that made an invitation, and revokes it when the key is deleted', async () => {
    const key = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/api-keys`)
      .set(bearer(owner.token))
      .send({ name: 'Onboarding bot', permissions: ['member:manage'] })
      .expect(201);
    const made = await inviteRequest(t, { ...owner, token: key.body.key }, 'by-key@example.com').expect(201);
    expect(made.body.invitation.invitedBy).toEqual({ type: 'apiKey', id: key.body.id, name: 'Onboarding bot', maskedKey: key.body.maskedKey });
    const listed = await t.http.get(`/api/v1/orgs/${owner.orgId}/invitations`).set(bearer(owner.token)).expect(200);
    expect(listed.body.items.find((i: { email: string }) => i.email === 'by-key@example.com').invitedBy).toEqual(made.body.invitation.invitedBy);

    await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${key.body.id}`).set(bearer(owner.token)).expect(204);
    expectProblem(await t.http.get(`/api/v1/invitations/${inviteToken(made.body.inviteUrl)}`), 404);
    expectProblem(await t.http.post(`/api/v1/invitations/${inviteToken(made.body.inviteUrl)}/accept`).send({ password: MEMBER_PASSWORD }), 404);
  });

  it("revokes a member's invitations when the member is removed, and keeps everyone else's", async () => {
    const managers = await createRole(t, owner, 'Inviters', ['member:manage']);
    const inviter = await addMember(t, owner, 'inviter@example.com');
    await t.http
      .put(`/api/v1/orgs/${owner.orgId}/members/${inviter.userId}/roles`)
      .set(bearer(owner.token))
      .send({ roleIds: [managers] })
      .expect(200);
    const theirs = await invite(t, inviter, 'their-friend@example.com');
    expect((theirs.invitation as unknown as { invitedBy: unknown }).invitedBy).toEqual({ type: 'user', id: inviter.userId, name: 'inviter' });
    const ours = await invite(t, owner, 'our-friend@example.com');

    await t.http.delete(`/api/v1/orgs/${owner.orgId}/members/${inviter.userId}`).set(bearer(owner.token)).expect(204);
    expectProblem(await t.http.get(`/api/v1/invitations/${inviteToken(theirs.inviteUrl)}`), 404);
    await t.http.get(`/api/v1/invitations/${inviteToken(ours.inviteUrl)}`).expect(200);
  });
});

const onPostgres = DATABASE_KIND === 'postgresql' ? describe : describe.skip;

describe('revoking an invitation while it is being accepted', () => {
  let t: TestApp;
  let owner: Session;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
  });
  afterAll(() => t.close());

  it('never answers 204 to the revocation when the acceptance joined', async () => {
    // Existing accounts accept with no password to hash, so both requests reach the database together.
    const rounds = DATABASE_KIND === 'postgresql' ? 40 : 5;
    const invitee = await addMember(t, owner, 'racer@example.com');
    const second = await t.http.post('/api/v1/orgs').set(bearer(owner.token)).send({ name: 'Race Org' }).expect(201);
    const raceOwner: Session = { ...owner, orgId: second.body.id };
    for (let round = 0; round < rounds; round++) {
      const { invitation, inviteUrl } = await invite(t, raceOwner, 'racer@example.com');
      const [accepted, revoked] = await Promise.all([
        t.http
          .post(`/api/v1/invitations/${inviteToken(inviteUrl)}/accept`)
          .set(bearer(invitee.token))
          .send({}),
        t.http.delete(`/api/v1/orgs/${second.body.id}/invitations/${invitation.id}`).set(bearer(owner.token)),
      ]);
      const [{ n }] = await t.db.query<{ n: number }>('select count(*)::int as n from membership where organization_id = $1 and user_id = $2', [
        second.body.id,
        invitee.userId,
      ]);
      // Either the revocation came first (the link is gone: 404) or the acceptance did (the invitation is gone: 404).
      expect({ outcome: `${accepted.status}/${revoked.status}`, member: n }).toEqual(
        accepted.status === 200 ? { outcome: '200/404', member: 1 } : { outcome: '404/204', member: 0 },
      );
      if (n) await t.http.delete(`/api/v1/orgs/${second.body.id}/members/${invitee.userId}`).set(bearer(owner.token)).expect(204);
    }
  });
});

onPostgres('invitation email limits across server instances (PostgreSQL)', () => {
  it('counts in the database, so a second instance sees what the first sent', async () => {
    const mailbox = await startMailbox();
    const first = await startTestApp({ TPTM_SMTP_URL: mailbox.url, TPTM_PUBLIC_URL: PUBLIC_URL });
    // The same configuration (and signing secret), as every instance of one deployment has.
    const second = await startApp(first.db, {}, first.config);
    try {
      const owner = await ownerSession(first);
      await inviteRequest(first, owner, 'target@example.com').expect(201);
      await inviteRequest(second, owner, 'target@example.com').expect(201);
      await inviteRequest(first, owner, 'target@example.com').expect(201);
      const refused = expectProblem(await inviteRequest(second, owner, 'target@example.com'), 429);
      expect(refused.detail).toMatch(/target@example\.com/);
    } finally {
      await second.stop();
      await first.close();
      await mailbox.close();
    }
  });
});

describe('invitation email limits', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  let owner: Session;

  beforeAll(async () => {
    mailbox = await startMailbox();
    t = await startTestApp({ TPTM_SMTP_URL: mailbox.url, TPTM_PUBLIC_URL: PUBLIC_URL });
    owner = await ownerSession(t);
  });
  afterAll(async () => {
    await t.close();
    await mailbox.close();
  });

  it('sends one address at most 3 invitations a day, whoever sends them (then 429 with Retry-After)', async () => {
    const elsewhere = await t.http.post('/api/v1/orgs').set(bearer(owner.token)).send({ name: 'Elsewhere' }).expect(201);
    await inviteRequest(t, owner, 'Flooded@example.com').expect(201);
    await inviteRequest(t, owner, 'flooded@example.com').expect(201);
    const { body } = await inviteRequest(t, { ...owner, orgId: elsewhere.body.id }, 'flooded@example.com').expect(201);
    const refused = await t.http.post(`/api/v1/orgs/${elsewhere.body.id}/invitations/${body.invitation.id}/renew`).set(bearer(owner.token));
    expect(expectProblem(refused, 429).detail).toMatch(/flooded@example\.com/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3600);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    await until(() => (mailbox.messages.filter((m) => m.to === 'flooded@example.com').length === 3 ? true : undefined), 'three emails');
    // A refused invitation changed nothing: the one before it still works.
    expect(mailbox.messages.filter((m) => m.to === 'flooded@example.com')).toHaveLength(3);
  });

  it('lets one inviter send at most 20 an hour, and one organization at most 50 an hour', async () => {
    const org = await t.http.post('/api/v1/orgs').set(bearer(owner.token)).send({ name: 'Busy Org' }).expect(201);
    // Each key is an inviter of its own; all of them share the organization's 50.
    const keyOf = async (session: Session, name: string): Promise<Session> => {
      const key = await t.http
        .post(`/api/v1/orgs/${session.orgId}/api-keys`)
        .set(bearer(owner.token))
        .send({ name, permissions: ['member:manage'] })
        .expect(201);
      return { ...session, token: key.body.key as string };
    };
    const busy: Session = { ...owner, orgId: org.body.id };
    const [x, a, b, c] = await Promise.all(['Bot X', 'Bot A', 'Bot B', 'Bot C'].map((name) => keyOf(busy, name)));
    for (let i = 0; i < 20; i++) await inviteRequest(t, x, `x-${i}@example.com`).expect(201);
    const perInviter = await inviteRequest(t, x, 'x-20@example.com');
    expect(expectProblem(perInviter, 429).detail).toMatch(/this key/i);
    expect(Number(perInviter.headers['retry-after'])).toBeLessThanOrEqual(3600);

    for (let i = 0; i < 20; i++) await inviteRequest(t, a, `a-${i}@example.com`).expect(201);
    for (let i = 0; i < 10; i++) await inviteRequest(t, b, `b-${i}@example.com`).expect(201);
    const perOrganization = await inviteRequest(t, c, 'c-0@example.com');
    expect(expectProblem(perOrganization, 429).detail).toMatch(/organization/i);
    // Another organization is not held back by this one.
    await inviteRequest(t, await keyOf(owner, 'Home bot'), 'c-0@example.com').expect(201);
  });
});

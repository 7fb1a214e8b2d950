import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createPasswordResetLink } from '../src/auth/password-reset.service';
import { resetPasswordCommand } from '../src/cli/reset-password.command';
import { bearer, OWNER_EMAIL, OWNER_PASSWORD, startTestApp, TestApp } from './harness';
import { addMember, expectProblem, MEMBER_PASSWORD, ownerSession, Session } from './fixtures';
import { Mailbox, startMailbox, until } from './support/mailbox';

/** The refresh-token cookie from a response, or undefined. */
function sessionCookie(response: { headers: Record<string, unknown> }): string | undefined {
  const header = response.headers['set-cookie'] as string[] | undefined;
  return header?.find((c) => c.startsWith('tptm_session='));
}
const cookieValue = (setCookie: string) => setCookie.split(';')[0];

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const login = () => t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: OWNER_PASSWORD }).expect(200);

  it('keeps the refresh token where no page script can read it and no other site can send it', async () => {
    const cookie = sessionCookie(await login())!;
    expect(cookie).toMatch(/^tptm_session=tptm_rt_[0-9A-Za-z]{32}; Path=\/api\/v1\/auth; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    const rows = await t.db.query<{ refresh_digest: string }>('select refresh_digest from session');
    expect(JSON.stringify(rows)).not.toContain(cookieValue(cookie).split('=')[1]);
  });

  it('renews the access token from the cookie in any tab, rotating the cookie', async () => {
    const first = sessionCookie(await login())!;
    const refreshed = await t.http.post('/api/v1/auth/refresh').set('Cookie', cookieValue(first)).expect(200);
    expect(refreshed.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    await t.http.get('/api/v1/me').set(bearer(refreshed.body.accessToken)).expect(200);
    const second = sessionCookie(refreshed)!;
    expect(cookieValue(second)).not.toBe(cookieValue(first));
    await t.http.post('/api/v1/auth/refresh').set('Cookie', cookieValue(second)).expect(200);
  });

  it('tolerates two tabs refreshing at once, but ends the session when an old cookie comes back later (a copy)', async () => {
    const first = sessionCookie(await login())!;
    const [a, b] = await Promise.all([
      t.http.post('/api/v1/auth/refresh').set('Cookie', cookieValue(first)),
      t.http.post('/api/v1/auth/refresh').set('Cookie', cookieValue(first)),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const current = sessionCookie(a) ?? sessionCookie(b)!;
    // Later than the race window, the replaced cookie can only be a stolen copy.
    await t.db.query(`update session set refreshed_at = now() - interval '1 minute'`);
    const replay = await t.http.post('/api/v1/auth/refresh').set('Cookie', cookieValue(first));
    expectProblem(replay, 401);
    expect(sessionCookie(replay)).toMatch(/^tptm_session=; .*Max-Age=0/);
    // The whole session ended with it, for the thief and the rightful tab alike.
    expectProblem(await t.http.post('/api/v1/auth/refresh').set('Cookie', cookieValue(current)), 401);
    expectProblem(await t.http.get('/api/v1/me').set(bearer(a.body.accessToken)), 401);
  });

  /** Refreshes with `cookie` and answers the cookie that replaced it. */
  async function rotate(cookie: string): Promise<string> {
    return cookieValue(sessionCookie(await t.http.post('/api/v1/auth/refresh').set('Cookie', cookie).expect(200))!);
  }
  /** Moves every session's last rotation out of the race window, as time passing would. */
  const outsideRaceWindow = () => t.db.query(`update session set refreshed_at = now() - interval '1 minute'`);

  it("ends the session when the victim's cookie comes back after a thief refreshed twice, and refuses the thief's newest cookie", async () => {
    const victim = await login();
    const stolen = cookieValue(sessionCookie(victim)!);
    const thiefFirst = await rotate(stolen);
    const thiefNewest = await rotate(thiefFirst);
    await outsideRaceWindow();
    // The victim's browser still holds the first cookie: only a copy can have moved the session on.
    expectProblem(await t.http.post('/api/v1/auth/refresh').set('Cookie', stolen), 401);
    expectProblem(await t.http.post('/api/v1/auth/refresh').set('Cookie', thiefNewest), 401);
    expectProblem(await t.http.get('/api/v1/me').set(bearer(victim.body.accessToken)), 401);
  });

  it('ends the session when a cookie from several generations back comes back', async () => {
    const signedIn = await login();
    const generations = [cookieValue(sessionCookie(signedIn)!)];
    for (let i = 0; i < 5; i++) generations.push(await rotate(generations.at(-1)!));
    await outsideRaceWindow();
    expectProblem(await t.http.post('/api/v1/auth/refresh').set('Cookie', generations[2]), 401);
    expectProblem(await t.http.post('/api/v1/auth/refresh').set('Cookie', generations.at(-1)!), 401);
    expectProblem(await t.http.get('/api/v1/me').set(bearer(signedIn.body.accessToken)), 401);
    // Only that session: the account's other sessions carry on.
    await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', cookieValue(sessionCookie(await login())!))
      .expect(200);
  });

  it('refuses a refresh without a cookie, or with a made-up one', async () => {
    expectProblem(await t.http.post('/api/v1/auth/refresh'), 401);
    expectProblem(await t.http.post('/api/v1/auth/refresh').set('Cookie', 'tptm_session=tptm_rt_00000000000000000000000000000000'), 401);
    expectProblem(await t.http.post('/api/v1/auth/refresh').set('Cookie', 'tptm_session=junk; other=1'), 401);
  });

  it('signs out on the server: the access token and the cookie stop working at once', async () => {
    const signedIn = await login();
    const cookie = cookieValue(sessionCookie(signedIn)!);
    const other = await login();
    const out = await t.http.post('/api/v1/auth/logout').set(bearer(signedIn.body.accessToken)).expect(204);
    expect(sessionCookie(out)).toMatch(/Max-Age=0/);
    expectProblem(await t.http.get('/api/v1/me').set(bearer(signedIn.body.accessToken)), 401);
    expectProblem(await t.http.post('/api/v1/auth/refresh').set('Cookie', cookie), 401);
    // Another session of the same account carries on.
    await t.http.get('/api/v1/me').set(bearer(other.body.accessToken)).expect(200);
  });

  it('ends every other session of the account when its password changes', async () => {
    const owner = await ownerSession(t);
    const member = await addMember(t, owner, 'changer@example.com');
    const elsewhere = await t.http.post('/api/v1/auth/login').send({ email: 'changer@example.com', password: MEMBER_PASSWORD }).expect(200);
    await t.http
      .put('/api/v1/me/password')
      .set(bearer(member.token))
      .send({ currentPassword: MEMBER_PASSWORD, newPassword: 'a-changed-password-99' })
      .expect(204);
    expectProblem(await t.http.get('/api/v1/me').set(bearer(elsewhere.body.accessToken)), 401);
    expectProblem(await t.http.post('/api/v1/auth/refresh').set('Cookie', cookieValue(sessionCookie(elsewhere)!)), 401);
    await t.http.get('/api/v1/me').set(bearer(member.token)).expect(200);
    // The owner's sessions are not the member's.
    await t.http.get('/api/v1/me').set(bearer(owner.token)).expect(200);
  });
});

describe('forgotten passwords and invitations by email (SMTP configured)', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  const PUBLIC_URL = 'https://keys.example.com';
  const members = new Map<string, Session>();

  beforeAll(async () => {
    mailbox = await startMailbox();
    t = await startTestApp({ TPTM_SMTP_URL: mailbox.url, TPTM_PUBLIC_URL: PUBLIC_URL, TPTM_SMTP_FROM: 'TPTM <keys@example.com>' });
    // Members made before any test resets the Owner's password.
    const owner = await ownerSession(t);
    for (const email of ['changes-first@example.com', 'raced-reset@example.com', 'flooded@example.com'])
      members.set(email, await memberByEmail(owner, email));
  });

  /** A new member of the Owner's organization: this server emails invitations, so the link comes from the mailbox. */
  async function memberByEmail(owner: Session, email: string): Promise<Session> {
    const before = mailbox.messages.length;
    await t.http.post(`/api/v1/orgs/${owner.orgId}/members`).set(bearer(owner.token)).send({ email, name: 'Member', roleIds: [] }).expect(201);
    const mail = await until(() => mailbox.messages.slice(before).find((m) => m.to === email), `the invitation to ${email}`);
    const link = /\/invite\/(tptm_inv_[0-9A-Za-z]{32})/.exec(mail.body)![1];
    const accepted = await t.http.post(`/api/v1/invitations/${link}/accept`).send({ password: MEMBER_PASSWORD }).expect(200);
    const me = await t.http.get('/api/v1/me').set(bearer(accepted.body.accessToken)).expect(200);
    return { token: accepted.body.accessToken, orgId: owner.orgId, userId: me.body.id };
  }
  afterAll(async () => {
    await t.close();
    await mailbox.close();
  });

  it('tells the sign-in page that a reset can be emailed', async () => {
    expect((await t.http.get('/api/v1/auth/options').expect(200)).body).toEqual({ passwordReset: 'email' });
  });

  it('answers 202 whatever the email, and mails a one-time link only to an account that exists', async () => {
    await t.http.post('/api/v1/auth/password-reset').send({ email: 'nobody@example.com' }).expect(202);
    const other = await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: OWNER_PASSWORD }).expect(200);
    const asked = await t.http.post('/api/v1/auth/password-reset').send({ email: 'OWNER@example.com' }).expect(202);
    expect(asked.text).toBe('');
    const mail = await until(() => mailbox.messages.find((m) => m.to === OWNER_EMAIL), 'the reset email');
    expect(mailbox.messages.filter((m) => m.to === 'nobody@example.com')).toEqual([]);
    const link = mail.body.match(/https:\/\/keys\.example\.com\/reset-password\/(tptm_pwr_[0-9A-Za-z]{32})/);
    expect(link).not.toBeNull();
    const token = link![1];
    expect(mail.body).toMatch(/^From: TPTM <keys@example\.com>/m);

    expect((await t.http.get(`/api/v1/auth/password-reset/${token}`).expect(200)).body).toEqual({ email: OWNER_EMAIL });
    expectProblem(await t.http.post(`/api/v1/auth/password-reset/${token}`).send({ newPassword: 'short' }), 400);
    const reset = await t.http.post(`/api/v1/auth/password-reset/${token}`).send({ newPassword: 'a-reset-password-1234' }).expect(200);
    await t.http.get('/api/v1/me').set(bearer(reset.body.accessToken)).expect(200);
    expect(sessionCookie(reset)).toBeDefined();
    // Every earlier session ended; the old password and the used link no longer work.
    expectProblem(await t.http.get('/api/v1/me').set(bearer(other.body.accessToken)), 401);
    expectProblem(await t.http.post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: OWNER_PASSWORD }), 401);
    expectProblem(await t.http.get(`/api/v1/auth/password-reset/${token}`), 404);
    expectProblem(await t.http.post(`/api/v1/auth/password-reset/${token}`).send({ newPassword: 'another-password-1234' }), 404);
    await t.signIn(OWNER_EMAIL, 'a-reset-password-1234');
    expect(t.rawLogs()).not.toContain(token.slice(9));
  });

  /** Asks for a reset link for `email` and answers its token, from the email that arrives. */
  async function mailedResetToken(email: string): Promise<string> {
    const before = mailbox.messages.length;
    await t.http.post('/api/v1/auth/password-reset').send({ email }).expect(202);
    const mail = await until(() => mailbox.messages.slice(before).find((m) => m.to === email), `the reset email to ${email}`);
    return mail.body.match(/\/reset-password\/(tptm_pwr_[0-9A-Za-z]{32})/)![1];
  }

  it('stops a reset link issued before a password change from working after it', async () => {
    const member = members.get('changes-first@example.com')!;
    const token = await mailedResetToken('changes-first@example.com');
    await t.http
      .put('/api/v1/me/password')
      .set(bearer(member.token))
      .send({ currentPassword: MEMBER_PASSWORD, newPassword: 'changed-before-the-link-1' })
      .expect(204);
    expectProblem(await t.http.get(`/api/v1/auth/password-reset/${token}`), 404);
    expectProblem(await t.http.post(`/api/v1/auth/password-reset/${token}`).send({ newPassword: 'set-by-an-old-link-1234' }), 404);
    await t.signIn('changes-first@example.com', 'changed-before-the-link-1');
  });

  it('lets a reset link be used once when several uses arrive at the same moment', async () => {
    const token = await mailedResetToken('raced-reset@example.com');
    const uses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.http.post(`/api/v1/auth/password-reset/${token}`).send({ newPassword: `raced-new-password-${i}` })),
    );
    expect(uses.map((r) => r.status).sort()).toEqual([200, 404, 404, 404, 404, 404, 404, 404]);
    for (const lost of uses.filter((r) => r.status !== 200)) expectProblem(lost, 404);
    // The password is the one the single successful use set, and only its session stands.
    const winner = uses.findIndex((r) => r.status === 200);
    await t.signIn('raced-reset@example.com', `raced-new-password-${winner}`);
    const sessions = await t.db.query<{ n: number }>(
      `select count(*)::int as n from session s join app_user u on u.id = s.user_id where u.email = 'raced-reset@example.com'`,
    );
    expect(sessions[0].n).toBe(2);
  });

  it('makes one reset link a minute for an account, even when the requests arrive together', async () => {
    const em = t.app.get(MikroORM).em as EntityManager;
    const made = await Promise.all(
      Array.from({ length: 6 }, () => createPasswordResetLink(em.fork(), 'flooded@example.com', 'https://keys.example.com', { throttle: true })),
    );
    expect(made.filter(Boolean).length).toBe(1);
    const stored = await t.db.query(`select r.id from password_reset r join app_user u on u.id = r.user_id where u.email = 'flooded@example.com'`);
    expect(stored).toHaveLength(1);
  });

  it('mails an invitation link that points at the public URL, not at the Host a request claimed', async () => {
    const owner = await ownerSession(t, 'a-reset-password-1234');
    const invited = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/members`)
      .set(bearer(owner.token))
      .set('Host', 'evil.example')
      .send({ email: 'invitee@example.com', name: 'Invitee', roleIds: [] })
      .expect(201);
    // The link goes to the mailbox only (test/invitation-hardening.spec.ts).
    expect(invited.body.inviteUrl).toBeUndefined();
    const mail = await until(() => mailbox.messages.find((m) => m.to === 'invitee@example.com'), 'the invitation email');
    expect(mail.body).toMatch(/^https:\/\/keys\.example\.com\/invite\/tptm_inv_[0-9A-Za-z]{32}$/m);
    expect(mail.body).not.toContain('evil.example');
  });
});

describe('forgotten passwords without SMTP', () => {
  it('says the operator makes the link, and npm run reset-password prints one that works once', async () => {
    const t = await startTestApp({ TPTM_PUBLIC_URL: 'https://keys.example.com' });
    try {
      expect((await t.http.get('/api/v1/auth/options').expect(200)).body).toEqual({ passwordReset: 'operator' });
      const refused = expectProblem(await t.http.post('/api/v1/auth/password-reset').send({ email: OWNER_EMAIL }), 403);
      expect(refused.detail).toContain('npm run reset-password');

      const lines: string[] = [];
      const print = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(`error: ${line}`) };
      expect(await resetPasswordCommand(t.config, 'Owner@Example.com', print, t.db.embedded)).toBe(0);
      const token = lines.join('\n').match(/https:\/\/keys\.example\.com\/reset-password\/(tptm_pwr_[0-9A-Za-z]{32})/)![1];
      await t.http.post(`/api/v1/auth/password-reset/${token}`).send({ newPassword: 'an-operator-reset-1234' }).expect(200);
      await t.signIn(OWNER_EMAIL, 'an-operator-reset-1234');
      expectProblem(await t.http.post(`/api/v1/auth/password-reset/${token}`).send({ newPassword: 'another-reset-1234' }), 404);
      expect(await resetPasswordCommand(t.config, 'nobody@example.com', print, t.db.embedded)).toBe(1);
      expect(lines.at(-1)).toBe('error: No account has the email nobody@example.com.');
    } finally {
      await t.close();
    }
  });
});

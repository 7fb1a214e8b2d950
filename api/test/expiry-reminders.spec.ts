import { ExpiryReminders } from '../src/api-keys/expiry-reminders';
import { Clock } from '../src/common/clock';
import { bearer, createTestDatabase, OWNER_EMAIL, startApp, TestApp, testConfig } from './harness';
import { ownerSession, Session } from './fixtures';
import { Mailbox, startMailbox, until } from './support/mailbox';

const DAY_MS = 86_400_000;

/** Expiry reminders: 14 days and 1 day before a key expires, once each, whichever instances sweep. */
describe('expiry reminders', () => {
  let mailbox: Mailbox;
  let first: TestApp;
  let second: TestApp;
  let owner: Session;
  let now = Date.now();

  beforeAll(async () => {
    mailbox = await startMailbox();
    const db = await createTestDatabase();
    // Two instances on one database, with one configuration (so one JWT secret: passport's strategy is process-wide).
    const config = testConfig(db, { TPTM_SMTP_URL: mailbox.url, TPTM_PUBLIC_URL: 'https://keys.example.com' });
    first = await startApp(db, {}, config);
    second = await startApp(db, {}, config);
    for (const app of [first, second]) jest.spyOn(app.app.get(Clock), 'now').mockImplementation(() => now);
    owner = await ownerSession(first);
  });
  afterAll(async () => {
    await second.stop();
    await first.close();
    await mailbox.close();
  });

  const sweepBoth = () => Promise.all([first.app.get(ExpiryReminders).sweep(), second.app.get(ExpiryReminders).sweep()]);
  const remindersTo = (email: string, name: string) => mailbox.messages.filter((m) => m.to === email && m.body.includes(`"${name}"`));

  it('sends the creator (an Owner here, so one address) one email 14 days and one 1 day before, once each across instances', async () => {
    const creator = owner;
    const name = 'Expiring integration';
    const created = await first.http
      .post(`/api/v1/orgs/${owner.orgId}/api-keys`)
      .set(bearer(creator.token))
      .send({ name, expiresAt: new Date(now + 20 * DAY_MS).toISOString() })
      .expect(201);
    expect(await sweepBoth()).toEqual([0, 0]);

    now += 7 * DAY_MS; // 13 days left
    expect((await sweepBoth()).reduce((a, b) => a + b)).toBe(1);
    await until(() => remindersTo(OWNER_EMAIL, name).length || undefined, 'the 14-day reminder');
    expect((await sweepBoth()).reduce((a, b) => a + b)).toBe(0);

    now += 12.5 * DAY_MS; // half a day left
    expect((await sweepBoth()).reduce((a, b) => a + b)).toBe(1);
    await until(() => remindersTo(OWNER_EMAIL, name).length === 2 || undefined, 'the 1-day reminder');
    expect((await sweepBoth()).reduce((a, b) => a + b)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(remindersTo(OWNER_EMAIL, name)).toHaveLength(2);
    expect(remindersTo(OWNER_EMAIL, name)[1].body).toMatch(/es_in_1_day/);

    // A new expiry starts afresh.
    await first.http
      .patch(`/api/v1/orgs/${owner.orgId}/api-keys/${created.body.id}`)
      .set(bearer(creator.token))
      .send({ expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString() })
      .expect(200);
    now = Date.now() + 20 * DAY_MS;
    expect((await sweepBoth()).reduce((a, b) => a + b)).toBe(1);
  });
});

import { bearer, startTestApp, TestApp } from './harness';
import { addMember, expectProblem, invite, otherOrganization, ownerSession, Session } from './fixtures';

const DAY_MS = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

interface Listed {
  id: string;
  name: string;
  requests30d: number;
}

/** The key list for people who look after many keys: filters, sorts, total, 30-day requests, and the attention counts. */
describe('key list filters, sorts and attention', () => {
  let t: TestApp;
  let owner: Session;
  let org: Session;
  let member: Session;
  /** The seeded keys by name, in the order they were created. */
  const ids = new Map<string, string>();

  const list = (query = '', session = org) => t.http.get(`/api/v1/orgs/${session.orgId}/api-keys${query}`).set(bearer(session.token));
  const names = (body: { items: Listed[] }) => body.items.map((k) => k.name);
  const at = (daysFromNow: number) => new Date(Date.now() + daysFromNow * DAY_MS).toISOString();

  /** Every page of a query, following the cursors, with the totals each page answered. */
  async function walk(query: string, limit = 2): Promise<{ names: string[]; totals: number[] }> {
    const all: string[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    do {
      const response: { body: { items: Listed[]; total: number; nextCursor: string | null } } = await list(
        `?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      all.push(...names(response.body));
      totals.push(response.body.total);
      cursor = response.body.nextCursor;
    } while (cursor);
    return { names: all, totals };
  }

  beforeAll(async () => {
    t = await startTestApp();
    owner = await ownerSession(t);
    // An organization of its own, so every count below is exactly the keys seeded here.
    org = await otherOrganization(t, owner, 'keeper@example.com');
    const create = async (name: string, body: Record<string, unknown> = {}, session = org) => {
      const created = await t.http
        .post(`/api/v1/orgs/${session.orgId}/api-keys`)
        .set(bearer(session.token))
        .send({ name, ...body })
        .expect(201);
      ids.set(name, created.body.id);
      return created.body.id as string;
    };
    // Created one after the other: created_at order is this order.
    await create('Fresh');
    await create('expiring soon', { expiresAt: at(3) });
    await create('Expiring later', { expiresAt: at(30) });
    const expired = await create('Expired');
    const disabled = await create('Disabled', { enabled: false });
    const auditor = await create('Auditor', { permissions: ['audit:read'] });
    const busy = await create('Busy');
    const stale = await create('Stale');
    // Only the database can put an expiry or a last use in the past.
    await t.db.query(`update api_key set expires_at = now() - interval '1 day' where id = $1`, [expired]);
    await t.db.query(`update api_key set last_used_at = now() - interval '1 hour' where id = any($1::uuid[])`, [[busy, auditor, disabled]]);
    await t.db.query(`update api_key set last_used_at = now() - interval '100 days' where id = $1`, [stale]);
    await t.db.query(`insert into api_key_usage (api_key_id, day, requests) values ($1, $2, 7), ($1, $3, 5), ($1, $4, 1000)`, [
      busy,
      today(),
      daysAgo(29),
      daysAgo(30), // outside the 30 days, today included
    ]);
    // A second creator in the same organization, and a key in another organization that no filter may show.
    member = await addMember(t, org, 'creator@example.com', ['Admin']);
    await create('By member', {}, member);
    await create('Elsewhere', {}, owner);
    // Invitations: one pending, one lapsed.
    await invite(t, org, 'pending@example.com');
    const lapsed = await invite(t, org, 'lapsed@example.com');
    await t.db.query(`update invitation set expires_at = now() - interval '1 minute' where id = $1`, [lapsed.invitation.id]);
  });
  afterAll(() => t.close());

  it('lists newest first by default with the total and each key’s requests of the last 30 days', async () => {
    const response = await list().expect(200);
    expect(response.body.total).toBe(9);
    expect(names(response.body)).toEqual([
      'By member',
      'Stale',
      'Busy',
      'Auditor',
      'Disabled',
      'Expired',
      'Expiring later',
      'expiring soon',
      'Fresh',
    ]);
    const requests = Object.fromEntries(response.body.items.map((k: Listed) => [k.name, k.requests30d]));
    expect(requests).toMatchObject({ Busy: 12, Stale: 0, Fresh: 0 });
  });

  it.each([
    ['expiring', ['expiring soon']],
    ['expired', ['Expired']],
    ['disabled', ['Disabled']],
    ['unused', ['By member', 'Stale', 'Expired', 'Expiring later', 'expiring soon', 'Fresh']],
    ['active', ['By member', 'Stale', 'Busy', 'Auditor', 'Expiring later', 'expiring soon', 'Fresh']],
  ])('status=%s lists exactly those keys, and total counts them', async (status, expected) => {
    const response = await list(`?status=${status}`).expect(200);
    expect(names(response.body)).toEqual(expected);
    expect(response.body.total).toBe(expected.length);
  });

  it('takes several statuses as any of them, and combines the other filters with AND', async () => {
    const either = await list('?status=expired&status=disabled').expect(200);
    expect(names(either.body)).toEqual(['Disabled', 'Expired']);
    expect(either.body.total).toBe(2);

    const byMember = await list(`?createdBy=${member.userId}`).expect(200);
    expect({ names: names(byMember.body), total: byMember.body.total }).toEqual({ names: ['By member'], total: 1 });

    const auditors = await list('?permission=audit:read').expect(200);
    expect({ names: names(auditors.body), total: auditors.body.total }).toEqual({ names: ['Auditor'], total: 1 });

    const named = await list('?q=expir&status=expiring').expect(200);
    expect({ names: names(named.body), total: named.body.total }).toEqual({ names: ['expiring soon'], total: 1 });

    const none = await list(`?createdBy=${owner.userId}`).expect(200);
    expect(none.body).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it.each([
    ['-createdAt', ['By member', 'Stale', 'Busy', 'Auditor', 'Disabled', 'Expired', 'Expiring later', 'expiring soon', 'Fresh']],
    ['createdAt', ['Fresh', 'expiring soon', 'Expiring later', 'Expired', 'Disabled', 'Auditor', 'Busy', 'Stale', 'By member']],
    ['name', ['Auditor', 'Busy', 'By member', 'Disabled', 'Expired', 'Expiring later', 'expiring soon', 'Fresh', 'Stale']],
  ])('sort=%s orders every page, following the cursors, with the same total on each', async (sort, expected) => {
    const walked = await walk(`&sort=${sort}`);
    expect(walked.names).toEqual(expected);
    expect(new Set(walked.totals)).toEqual(new Set([9]));
  });

  it('sorts by last use (never used last when descending, first when ascending) and by expiry (never expiring last)', async () => {
    const recent = (await walk('&sort=-lastUsedAt')).names;
    expect(recent.slice(0, 3).sort()).toEqual(['Auditor', 'Busy', 'Disabled']);
    expect(recent[3]).toBe('Stale');
    expect(recent.slice(4).sort()).toEqual(['By member', 'Expired', 'Expiring later', 'Fresh', 'expiring soon']);
    expect(await walk('&sort=lastUsedAt').then((w) => w.names)).toEqual([...recent].reverse());

    const expiry = (await walk('&sort=expiresAt')).names;
    expect(expiry.slice(0, 3)).toEqual(['Expired', 'expiring soon', 'Expiring later']);
    expect(expiry.slice(3).sort()).toEqual(['Auditor', 'Busy', 'By member', 'Disabled', 'Fresh', 'Stale']);
    // A filter and a sort page together, one key a page.
    const unused = (await walk('&sort=expiresAt&status=unused', 1)).names;
    expect(unused.slice(0, 3)).toEqual(['Expired', 'expiring soon', 'Expiring later']);
    expect(unused.slice(3).sort()).toEqual(['By member', 'Fresh', 'Stale']);
  });

  it('refuses bad filters, sorts and a cursor of another sort', async () => {
    for (const [query, field] of [
      ['?status=lost', 'status'],
      ['?createdBy=me', 'createdBy'],
      ['?permission=key:own', 'permission'],
      ['?sort=-name', 'sort'],
      ['?cursor=bm9wZQ', 'cursor'],
    ]) {
      expect(expectProblem(await list(query), 400).errors?.[0].field).toBe(field);
    }
    const first = await list('?limit=1&sort=name').expect(200);
    const mixed = await list(`?limit=1&sort=-createdAt&cursor=${first.body.nextCursor}`);
    expect(expectProblem(mixed, 400).errors?.[0].field).toBe('cursor');
  });

  it('answers the attention counts, each equal to its filter’s total', async () => {
    const response = await t.http.get(`/api/v1/orgs/${org.orgId}/attention`).set(bearer(org.token)).expect(200);
    expect(response.body).toEqual({
      expiringKeys: 1,
      expiredKeys: 1,
      exposedKeys: 0,
      unusedKeys: 6,
      policyViolations: 0,
      pendingInvitations: 1,
      lapsedInvitations: 1,
    });
    for (const [status, count] of [
      ['expiring', 'expiringKeys'],
      ['expired', 'expiredKeys'],
      ['unused', 'unusedKeys'],
    ]) {
      expect((await list(`?status=${status}`).expect(200)).body.total).toBe(response.body[count]);
    }
  });

  it('answers null for counts of what the caller may not list', async () => {
    const keyKeeper = await addMember(t, org, 'keys-only@example.com', []);
    const role = await t.http
      .post(`/api/v1/orgs/${org.orgId}/roles`)
      .set(bearer(org.token))
      .send({ name: 'Key keeper', permissions: ['key:manage'] })
      .expect(201);
    await t.http
      .put(`/api/v1/orgs/${org.orgId}/members/${keyKeeper.userId}/roles`)
      .set(bearer(org.token))
      .send({ roleIds: [role.body.id] })
      .expect(200);
    const response = await t.http.get(`/api/v1/orgs/${org.orgId}/attention`).set(bearer(keyKeeper.token)).expect(200);
    expect(response.body).toEqual({
      expiringKeys: 1,
      expiredKeys: 1,
      exposedKeys: 0,
      unusedKeys: 6,
      policyViolations: 0,
      pendingInvitations: null,
      lapsedInvitations: null,
    });
  });

  // Last: it reports a key as leaked and sets a policy, which every test above would see.
  it('finds the keys reported as leaked and those the key policy refuses, exactly as each key says, and counts them for Home', async () => {
    const leaked = await t.http.post(`/api/v1/orgs/${org.orgId}/api-keys`).set(bearer(org.token)).send({ name: 'Leaked' }).expect(201);
    await t.http
      .post('/api/v1/credentials/revoke')
      .send({ credentials: [leaked.body.key] })
      .expect(202);
    expect(names((await list('?status=exposed').expect(200)).body)).toEqual(['Leaked']);
    expect(names((await list('?status=active').expect(200)).body)).not.toContain('Leaked');

    const policy = { maxLifetimeDays: null, requireExpiry: true, allowedIps: [], requireRateLimit: false, onExposure: 'revoke' };
    await t.http.put(`/api/v1/orgs/${org.orgId}/key-policy`).set(bearer(org.token)).send(policy).expect(200);
    const violating = await walk('&status=policyViolation');
    // Every key without an expiry but the revoked one, which is refused at use anyway.
    expect(violating.names.sort()).toEqual(['Auditor', 'Busy', 'By member', 'Disabled', 'Fresh', 'Stale']);
    // The filter (SQL) and each key's own policyViolations (judged as at use) agree on every key.
    const everyKey = (await list('?limit=100').expect(200)).body.items as (Listed & { policyViolations: string[] })[];
    expect(everyKey.filter((k) => k.policyViolations.length > 0).map((k) => k.name)).toEqual(expect.arrayContaining(violating.names));
    expect(everyKey.filter((k) => k.policyViolations.length > 0)).toHaveLength(violating.names.length + 1); // Leaked too

    const attention = await t.http.get(`/api/v1/orgs/${org.orgId}/attention`).set(bearer(org.token)).expect(200);
    expect(attention.body).toMatchObject({ exposedKeys: 1, policyViolations: 6 });
  });
});

import { bearer, OWNER_EMAIL, startTestApp, TestApp } from '../../test/harness';
import { addMember, createKey, createRole, expectProblem, invite, inviteToken, MEMBER_PASSWORD, ownerSession, Session } from '../../test/fixtures';
import { AUDIT_ACTIONS } from './audit-actions';
import { AuditService } from './audit.service';
import { AUDIT_CSV_HEADER, csvField } from './csv';

/** RFC 4180, strictly: fields separated by commas, records by CRLF, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          field += text[i];
        }
      }
    } else if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (text[i] === '\n' || text[i] === '\r' || text[i] === '"') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
      field += text[i++];
    }
  }
  if (field !== '' || record.length) throw new Error('the last record is not CRLF-terminated');
  return records;
}

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
      actor: { type: 'user', id: owner.userId, name: 'Administrator', email: OWNER_EMAIL, maskedKey: null },
      target: { type: 'api_key', id: key.id, name: 'Audited Key' },
      changes: null,
      ip: '127.0.0.1',
      userAgent: 'audit-test/1.0',
      occurredAt: expect.any(String),
    });
    expect(response.body.items.at(-1).actor).toEqual({ type: 'system', id: null, name: 'First run', email: null, maskedKey: null });
    expect(response.text).not.toContain(key.key);
    expect(response.text).not.toContain(key.key.slice(5, 25));
  });

  it('records what a role grants before and after a change, and its old and new name', async () => {
    const roleId = await createRole(t, owner, 'Readers', ['audit:read']);
    await t.http
      .patch(`/api/v1/orgs/${owner.orgId}/roles/${roleId}`)
      .set(bearer(owner.token))
      .send({ name: 'Key readers', permissions: ['audit:read', 'key:manage'] })
      .expect(200);
    const response = await events(`?targetId=${roleId}&action=role.updated`).expect(200);
    expect(response.body.items.map((e: { changes: unknown }) => e.changes)).toEqual([
      [
        { field: 'permissions', before: ['audit:read'], after: ['audit:read', 'key:manage'] },
        { field: 'name', before: ['Readers'], after: ['Key readers'] },
      ],
    ]);
  });

  it('shows beside each actor the email or masked key they acted with, so a display name cannot pass for someone else', async () => {
    // An invitee who calls themselves what the Owner is called.
    const { inviteUrl } = await invite(t, owner, 'impostor@example.com', ['Admin']);
    const accepted = await t.http
      .post(`/api/v1/invitations/${inviteToken(inviteUrl)}/accept`)
      .send({ name: 'Administrator', password: MEMBER_PASSWORD })
      .expect(200);
    const impostor = { token: accepted.body.accessToken as string, orgId: owner.orgId, userId: '' };
    await createKey(t, impostor, 'Made by the impostor');
    await createKey(t, owner, 'Made by the owner');
    // A key acts too, and is deleted afterwards.
    const roleKey = await t.http
      .post(`/api/v1/orgs/${owner.orgId}/api-keys`)
      .set(bearer(owner.token))
      .send({ name: 'Role Robot', permissions: ['role:manage'] })
      .expect(201);
    await t.http
      .post(`/api/v1/orgs/${owner.orgId}/roles`)
      .set('X-API-Key', roleKey.body.key)
      .send({ name: 'Made by a key', permissions: [] })
      .expect(201);
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${roleKey.body.id}`).set(bearer(owner.token)).expect(204);
    // What the event says stays what was true when it happened.
    await t.db.query("update app_user set email = 'impostor-later@example.com' where email = 'impostor@example.com'");

    const actorOf = async (targetName: string) => {
      const items: { target: { name: string }; actor: Record<string, unknown> }[] = (await events('?limit=100').expect(200)).body.items;
      return items.find((e) => e.target.name === targetName)!.actor;
    };
    expect(await actorOf('Made by the impostor')).toEqual({
      type: 'user',
      id: expect.any(String),
      name: 'Administrator',
      email: 'impostor@example.com',
      maskedKey: null,
    });
    expect(await actorOf('Made by the owner')).toEqual({
      type: 'user',
      id: owner.userId,
      name: 'Administrator',
      email: OWNER_EMAIL,
      maskedKey: null,
    });
    expect(await actorOf('Made by a key')).toEqual({
      type: 'apiKey',
      id: roleKey.body.id,
      name: 'Role Robot',
      email: null,
      maskedKey: roleKey.body.maskedKey,
    });

    const [header, ...records] = parseCsv(
      (await t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events.csv`).set(bearer(owner.token)).expect(200)).text,
    );
    const row = (targetName: string) => Object.fromEntries(header!.map((name, i) => [name, records.find((r) => r.includes(targetName))![i]]));
    expect(row('Made by the impostor')).toMatchObject({ actor_name: 'Administrator', actor_email: 'impostor@example.com', actor_masked_key: '' });
    expect(row('Made by a key')).toMatchObject({ actor_name: 'Role Robot', actor_email: '', actor_masked_key: roleKey.body.maskedKey });
  });

  it('pages with a cursor', async () => {
    const first = await events('?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await events(`?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    expect(new Date(second.body.items[0].occurredAt) <= new Date(first.body.items[1].occurredAt)).toBe(true);
  });

  it('filters by one of the actions it records, and refuses any other with the list of them', async () => {
    const created = await events('?action=api_key.created').expect(200);
    expect(created.body.items.length).toBeGreaterThan(0);
    expect(created.body.items.every((e: { action: string }) => e.action === 'api_key.created')).toBe(true);

    for (const unknown of ['api_key.exploded', 'API_KEY.CREATED', 'x'.repeat(500)]) {
      for (const route of [events, (query: string) => t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events.csv${query}`).set(bearer(owner.token))]) {
        const problem = expectProblem(await route(`?action=${unknown}`), 400);
        expect(problem.errors).toEqual([
          { field: 'action', message: `must be one of the actions the audit log records: ${AUDIT_ACTIONS.join(', ')}` },
        ]);
      }
    }
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

  describe('CSV export', () => {
    const exportCsv = (query = '', token = owner.token) => t.http.get(`/api/v1/orgs/${owner.orgId}/audit-events.csv${query}`).set(bearer(token));
    /** The target of every event the list gives for a query, walking its pages. */
    async function listedTargets(query: string): Promise<string[]> {
      const targets: string[] = [];
      let cursor: string | null = null;
      do {
        const { body } = await events(`?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        const page = body as { items: { target: { id: string } }[]; nextCursor: string | null };
        targets.push(...page.items.map((e) => e.target.id));
        cursor = page.nextCursor;
      } while (cursor);
      return targets;
    }

    it('sends the events the list gives for the same filters, as an RFC 4180 attachment', async () => {
      await createKey(t, owner, 'Exported Key');
      const response = await exportCsv('?action=api_key.created').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="audit-events.csv"');
      expect(response.headers['cache-control']).toBe('no-store');

      const [header, ...records] = parseCsv(response.text);
      expect(header).toEqual(AUDIT_CSV_HEADER);
      expect(records.map((r) => r[header!.indexOf('target_id')])).toEqual(await listedTargets('&action=api_key.created'));
      const newest = Object.fromEntries(header!.map((name, i) => [name, records[0]![i]]));
      expect(newest).toMatchObject({
        action: 'api_key.created',
        actor_type: 'user',
        actor_id: owner.userId,
        actor_name: 'Administrator',
        target_type: 'api_key',
        target_name: 'Exported Key',
        changes: '',
        ip: '127.0.0.1',
      });
      expect(new Date(newest['occurred_at']!).toISOString()).toBe(newest['occurred_at']);
    });

    it('answers HEAD with the headers alone', async () => {
      const response = await t.http.head(`/api/v1/orgs/${owner.orgId}/audit-events.csv`).set(bearer(owner.token)).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.text ?? '').toBe('');
      expect(t.logs.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
    });

    it("writes what changed as the list's JSON", async () => {
      const member = await addMember(t, owner, 'exported-member@example.com', ['Member']);
      await t.http.put(`/api/v1/orgs/${owner.orgId}/members/${member.userId}/roles`).set(bearer(owner.token)).send({ roleIds: [] }).expect(200);
      const [header, first] = parseCsv((await exportCsv(`?action=member.roles_updated&targetId=${member.userId}`).expect(200)).text);
      expect(JSON.parse(first![header!.indexOf('changes')]!)).toEqual([{ field: 'roles', before: ['Member'], after: [] }]);
    });

    it('defuses cells a spreadsheet would run as formulas, and quotes commas, quotes and line breaks', async () => {
      const names = ['=HYPERLINK("http://evil.example","Click")', '+1+2', '-2+3', '@SUM(A1:A9)', 'Ops, "night" shift'];
      for (const name of names) await createKey(t, owner, name);
      const [header, ...records] = parseCsv((await exportCsv('?action=api_key.created').expect(200)).text);
      const exported = records.map((r) => r[header!.indexOf('target_name')]);
      expect(exported).toEqual(
        expect.arrayContaining([`'=HYPERLINK("http://evil.example","Click")`, `'+1+2`, `'-2+3`, `'@SUM(A1:A9)`, 'Ops, "night" shift']),
      );

      expect(csvField('\tcmd')).toBe(`'\tcmd`);
      expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
      expect(csvField('line\nbreak')).toBe('"line\nbreak"');
      expect(csvField('a "quote"')).toBe('"a ""quote"""');
      expect(csvField(null)).toBe('');
      expect(csvField('2026-01-15T09:30:00.000Z')).toBe('2026-01-15T09:30:00.000Z');
    });

    it('defuses a formula that a reader splitting on semicolons or tabs would see as a cell of its own, spaces before it or not', async () => {
      const names = ['a;=HYPERLINK("http://evil.example","Click")', 'b; +1+2', 'c;;-2+3;@SUM(A1:A9)', '  =1+1', 'x;y'];
      for (const name of names) await createKey(t, owner, name);
      const userAgent = 'agent\t@SUM(A1:A9)';
      await t.http
        .post(`/api/v1/orgs/${owner.orgId}/api-keys`)
        .set(bearer(owner.token))
        .set('User-Agent', userAgent)
        .send({ name: 'From a tab' })
        .expect(201);
      const [header, ...records] = parseCsv((await exportCsv('?action=api_key.created').expect(200)).text);
      expect(records.map((r) => r[header!.indexOf('target_name')])).toEqual(
        expect.arrayContaining([`a;'=HYPERLINK("http://evil.example","Click")`, `b;' +1+2`, `c;;'-2+3;'@SUM(A1:A9)`, `'=1+1`, 'x;y']),
      );
      expect(records.map((r) => r[header!.indexOf('user_agent')])).toContain(`agent\t'@SUM(A1:A9)`);

      // Every piece a ;- or tab-splitting reader cuts the text into, less the spaces it may trim, starts with no formula character.
      for (const value of ['x\t+1', 'x\t \t=1', '\t\t-1', ' \u00a0@a', 'a;\r=1', 'ok;fine\tstill', '-', ';@']) {
        const pieces = csvField(value)
          .replace(/^"|"$/g, '')
          .split(/[;\t\r\n]/);
        expect(pieces.filter((piece) => /^\s*[=+\-@]/.test(piece))).toEqual([]);
      }
      expect(csvField('x\t+1')).toBe(`x\t'+1`);
      expect(csvField('ok;fine\tstill')).toBe('ok;fine\tstill');
    });

    it('reads the log in keyset batches, so that a large export never holds it whole', async () => {
      // 2,500 more events, straight into the table (it refuses updates and deletes, not inserts).
      await t.db.query(
        `insert into audit_event (id, organization_id, action, actor_type, actor_id, actor_name, target_type, target_id, target_name, occurred_at)
         select gen_random_uuid(), $1, 'api_key.deleted', 'user', $2, 'Administrator', 'api_key', gen_random_uuid(), 'Bulk ' || n,
                now() - n * interval '1 second'
         from generate_series(1, 2500) as n`,
        [owner.orgId, owner.userId],
      );
      const [{ total }] = await t.db.query<{ total: number }>('select count(*)::int as total from audit_event where organization_id = $1', [
        owner.orgId,
      ]);

      const sizes: number[] = [];
      const ids = new Set<string>();
      let previous = Infinity;
      for await (const batch of t.app.get(AuditService).exportBatches(owner.orgId, {}, 700)) {
        sizes.push(batch.length);
        for (const event of batch) {
          ids.add(event.id);
          expect(event.occurredAt.getTime()).toBeLessThanOrEqual(previous);
          previous = event.occurredAt.getTime();
        }
      }
      expect(sizes).toEqual([...Array(Math.floor(total / 700)).fill(700), total % 700].filter(Boolean));
      expect(ids.size).toBe(total);

      expect(parseCsv((await exportCsv().expect(200)).text)).toHaveLength(total + 1);
    });

    it('refuses a bad filter, or a page parameter, with a problem before sending anything', async () => {
      expect(expectProblem(await exportCsv('?from=yesterday'), 400).errors).toEqual([{ field: 'from', message: expect.any(String) }]);
      // A day that does not exist is refused, not rolled into the next month.
      for (const impossible of ['2026-02-30T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z']) {
        expect(expectProblem(await exportCsv(`?to=${impossible}`), 400).errors).toEqual([{ field: 'to', message: expect.any(String) }]);
      }
      expect(expectProblem(await exportCsv('?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'), 400).errors).toEqual([
        { field: 'to', message: 'must not be before `from`' },
      ]);
      expectProblem(await exportCsv('?limit=5'), 400);
    });

    it('needs Audit: Read', async () => {
      const member = await addMember(t, owner, 'no-audit-export@example.com', ['Keys Only']);
      expectProblem(await exportCsv('', member.token), 403);
    });
  });
});

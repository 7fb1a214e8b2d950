import { bearer, startTestApp, TestApp } from './harness';
import { createKey, createRole, otherOrganization, ownerSession, Session } from './fixtures';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

type Response = { status: number; body: Record<string, unknown> };

/**
 * A thousand key operations at once across two organizations on PostgreSQL:
 * colliding names (in every letter case), double deletes, deletes through the
 * wrong organization and lists, all racing. The database must end exactly as
 * the answers said, with names unique per organization by the index alone.
 */
onPostgres('concurrency', () => {
  let t: TestApp;
  let orgs: Session[];
  /** Per organization: keys made before the race, to be deleted twice each, and to be attacked from the other one. */
  const doomed = new Map<string, { id: string; name: string }[]>();
  const kept = new Map<string, { id: string; name: string }[]>();

  beforeAll(async () => {
    t = await startTestApp();
    const acme = await ownerSession(t);
    orgs = [acme, await otherOrganization(t, acme, 'globex@example.com')];
    for (const org of orgs) {
      doomed.set(org.orgId, await Promise.all(Array.from({ length: 50 }, (_, i) => named(createKey(t, org, `Doomed ${i}`), `Doomed ${i}`))));
      kept.set(org.orgId, await Promise.all(Array.from({ length: 25 }, (_, i) => named(createKey(t, org, `Kept ${i}`), `Kept ${i}`))));
    }
  });
  afterAll(() => t.close());

  const named = async (key: Promise<{ id: string }>, name: string) => ({ id: (await key).id, name });
  const keysUrl = (org: Session) => `/api/v1/orgs/${org.orgId}/api-keys`;

  it('creates, deletes and lists 1,000 times at once without duplicates, lost or phantom rows, or leaks', async () => {
    const variants = (name: string) => [name, name.toUpperCase(), name.toLowerCase(), ` ${name}`, `${name} `];
    const operations: { kind: string; org: Session; name?: string; id?: string; run: () => Promise<Response> }[] = [];
    for (const [o, org] of orgs.entries()) {
      const other = orgs[1 - o];
      // 150 creates over 15 names, each in five spellings twice: one may win per name, per organization.
      for (let n = 0; n < 15; n++) {
        for (const spelling of [...variants(`Shared Name ${n}`), ...variants(`Shared Name ${n}`)]) {
          operations.push({
            kind: 'collide',
            org,
            name: `Shared Name ${n}`,
            run: () => t.http.post(keysUrl(org)).set(bearer(org.token)).send({ name: spelling }),
          });
        }
      }
      for (let n = 0; n < 100; n++) {
        operations.push({
          kind: 'create',
          org,
          name: `Unique ${n}`,
          run: () =>
            t.http
              .post(keysUrl(org))
              .set(bearer(org.token))
              .send({ name: `Unique ${n}` }),
        });
      }
      for (const key of doomed.get(org.orgId)!) {
        for (let twice = 0; twice < 2; twice++) {
          operations.push({ kind: 'delete', org, id: key.id, run: () => t.http.delete(`${keysUrl(org)}/${key.id}`).set(bearer(org.token)) });
        }
      }
      for (const key of kept.get(org.orgId)!.concat(kept.get(org.orgId)!)) {
        operations.push({ kind: 'cross-delete', org, id: key.id, run: () => t.http.delete(`${keysUrl(other)}/${key.id}`).set(bearer(other.token)) });
      }
      for (let n = 0; n < 100; n++) {
        operations.push({ kind: 'list', org, run: () => t.http.get(`${keysUrl(org)}?limit=${1 + (n % 100)}`).set(bearer(org.token)) });
      }
    }
    expect(operations.length).toBe(1000);
    // Interleave kinds and organizations, so every kind of operation races every other.
    const shuffled = operations
      .map((op, i) => ({ op, order: (i * 7919) % operations.length }))
      .sort((a, b) => a.order - b.order)
      .map((x) => x.op);

    const started = performance.now();
    const responses = await Promise.all(shuffled.map(async (op) => ({ op, response: (await op.run()) as Response })));
    const ms = performance.now() - started;

    const statuses = responses.map(({ op, response }) => `${op.kind} ${response.status}`);
    const allowed: Record<string, number[]> = { collide: [201, 409], create: [201], delete: [204, 404], 'cross-delete': [404], list: [200] };
    expect(
      responses
        .filter(({ op, response }) => !allowed[op.kind].includes(response.status))
        .map(({ op, response }) => `${op.kind} ${response.status} ${JSON.stringify(response.body)}`),
    ).toEqual([]);

    for (const org of orgs) {
      const mine = responses.filter(({ op }) => op.org === org);
      const winners = mine.filter(({ op, response }) => op.kind === 'collide' && response.status === 201);
      // Exactly one winner per name, whatever spelling reached the database first.
      expect(winners.map(({ op }) => op.name).sort()).toEqual(Array.from({ length: 15 }, (_, n) => `Shared Name ${n}`).sort());
      for (const key of doomed.get(org.orgId)!) {
        const outcomes = mine
          .filter(({ op }) => op.kind === 'delete' && op.id === key.id)
          .map(({ response }) => response.status)
          .sort();
        expect(outcomes).toEqual([204, 404]);
      }
      // No list shows another organization's key, or the same key twice.
      const otherIds = new Set(
        (await t.db.query<{ id: string }>('select id from api_key where organization_id <> $1', [org.orgId])).map((r) => r.id),
      );
      for (const { response } of mine.filter(({ op }) => op.kind === 'list')) {
        const ids = (response.body.items as { id: string }[]).map((k) => k.id);
        expect(ids.filter((id) => otherIds.has(id))).toEqual([]);
        expect(new Set(ids).size).toBe(ids.length);
      }

      // The database holds exactly what the answers said: kept keys, unique keys, one key per shared name.
      const created = mine
        .filter(({ op, response }) => ['collide', 'create'].includes(op.kind) && response.status === 201)
        .map(({ response }) => response.body.id);
      const expected = [...kept.get(org.orgId)!.map((k) => k.id), ...created].sort();
      const stored = await t.db.query<{ id: string; name: string }>('select id, name from api_key where organization_id = $1', [org.orgId]);
      expect(stored.map((r) => r.id).sort()).toEqual(expected);
      const lowered = stored.map((r) => r.name.toLowerCase());
      expect(new Set(lowered).size).toBe(lowered.length);

      // And the audit log one event per change that happened, none for the refused ones.
      const [audit] = await t.db.query<{ created: number; deleted: number }>(
        `select count(*) filter (where action = 'api_key.created')::int as created,
                count(*) filter (where action = 'api_key.deleted')::int as deleted
           from audit_event where organization_id = $1`,
        [org.orgId],
      );
      expect(audit).toEqual({ created: 75 + created.length, deleted: 50 });
    }

    // Uniqueness is the database's: a unique index on (organization, lower(name)), not a check that can race.
    const indexes = await t.db.query<{ indexdef: string }>(
      "select indexdef from pg_indexes where tablename = 'api_key' and indexdef ilike 'create unique index%'",
    );
    expect(indexes.map((i) => i.indexdef)).toContainEqual(expect.stringMatching(/\(organization_id, lower\(\(?name\)?/i));
    console.log(`concurrency: 1000 concurrent create/delete/list calls across 2 organizations in ${Math.round(ms)} ms; ${tally(statuses)}`);
  });

  it('answers 204 to exactly one of many simultaneous deletes of the same role, and records one deletion', async () => {
    const [org] = orgs;
    for (let round = 0; round < 10; round++) {
      const roleId = await createRole(t, org, `Raced role ${round}`, []);
      const statuses = (
        await Promise.all(Array.from({ length: 8 }, () => t.http.delete(`/api/v1/orgs/${org.orgId}/roles/${roleId}`).set(bearer(org.token))))
      ).map((r) => r.status);
      expect(statuses.sort()).toEqual([204, 404, 404, 404, 404, 404, 404, 404]);
      const [audit] = await t.db.query<{ n: number }>("select count(*)::int as n from audit_event where action = 'role.deleted' and target_id = $1", [
        roleId,
      ]);
      expect(audit.n).toBe(1);
    }
  });

  it('answers 204 to exactly one of many simultaneous deletes of the same key, and records one deletion', async () => {
    const [org] = orgs;
    for (let round = 0; round < 10; round++) {
      const key = await createKey(t, org, `Raced ${round}`);
      const statuses = (await Promise.all(Array.from({ length: 8 }, () => t.http.delete(`${keysUrl(org)}/${key.id}`).set(bearer(org.token))))).map(
        (r) => r.status,
      );
      expect(statuses.sort()).toEqual([204, 404, 404, 404, 404, 404, 404, 404]);
      const [audit] = await t.db.query<{ n: number }>(
        "select count(*)::int as n from audit_event where action = 'api_key.deleted' and target_id = $1",
        [key.id],
      );
      expect(audit.n).toBe(1);
    }
  });
});

function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort()
    .map(([v, n]) => `${v}×${n}`)
    .join(', ');
}

import { randomBytes } from 'node:crypto';
import { createTestDatabase, OWNER_EMAIL, OWNER_PASSWORD, TestDatabase } from './harness';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { Outcome, send, ServerProcess, startServerProcess } from './server-process';

/**
 * A POST whose headers and first half of the body go out now, and the rest
 * when `finish` is called. `received` settles once the server has read the
 * headers (it answers their `Expect: 100-continue`), so the test knows the
 * request is in the server's hands without guessing how long that takes.
 */
function sendInTwoHalves(url: string, path: string, headers: Record<string, string>, body: unknown) {
  const payload = JSON.stringify(body);
  const half = Math.floor(payload.length / 2);
  let finish = () => {};
  let received!: Promise<void>;
  const outcome = new Promise<Outcome>((resolve) => {
    const request = httpRequest(`${url}${path}`, {
      method: 'POST',
      agent: false,
      headers: {
        ...headers,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(payload)),
        Expect: '100-continue',
      },
    });
    received = new Promise((resolveReceived) =>
      request.once('continue', () => {
        request.write(payload.slice(0, half));
        resolveReceived();
      }),
    );
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: text }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    request.flushHeaders();
    finish = () => request.end(payload.slice(half));
  });
  return { outcome, received, finish: () => finish() };
}

/** Resolves once the server has closed its listening socket: a new connection is refused. */
async function refusesNewConnections(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), hostname);
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Polls a condition of the test's own bookkeeping: progress, not time, decides when the test moves on. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

/**
 * SIGTERM to the built server while creates, deletes and key-authenticated
 * calls are running: what was accepted is finished, what was answered is
 * true in the database, the pending key usage is written, and the process
 * exits 0.
 */
onPostgres('graceful shutdown', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let token: string;
  let orgId: string;
  const usageKeys: { id: string; key: string }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServerProcess({
      DATABASE_URL: db.databaseUrl!,
      TPTM_JWT_SECRET: randomBytes(32).toString('hex'),
      TPTM_IDEMPOTENCY_SECRET: randomBytes(32).toString('hex'),
      // Usage is written only at shutdown, so a lastUsedAt in the database proves the final flush.
      TPTM_LAST_USED_FLUSH_MS: '3600000',
    });
    const login = await send(server.url, 'POST', '/api/v1/auth/login', {}, { email: OWNER_EMAIL, password: OWNER_PASSWORD });
    token = JSON.parse(login.body!).accessToken;
    const me = await send(server.url, 'GET', '/api/v1/me', auth());
    orgId = JSON.parse(me.body!).memberships[0].organization.id;
    for (let i = 0; i < 8; i++) {
      const created = await send(server.url, 'POST', `/api/v1/orgs/${orgId}/api-keys`, auth(), { name: `usage-${i}` });
      usageKeys.push(JSON.parse(created.body!));
    }
  });
  afterAll(async () => {
    if (server && server.process.exitCode === null) server.process.kill('SIGKILL');
    await db?.drop();
  });

  const auth = () => ({ Authorization: `Bearer ${token}` });

  it('finishes in-flight requests, flushes key usage and exits 0, leaving the database exactly as answered', async () => {
    const created = new Map<string, string>(); // name → id, for every create answered 201
    const deleted = new Set<string>(); // ids whose delete answered 204
    const used = new Map<string, number>(); // usage key id → calls it authenticated that were answered 200
    const unanswered = new Map<string, number>(); // usage key id → calls cut off without an answer (the server may have counted them)
    const outcomes: { op: string; outcome: Outcome; afterSignal: boolean }[] = [];
    let signalled = false;
    let stopped = false;

    const worker = async (w: number) => {
      const mine: string[] = [];
      for (let i = 0; !stopped; i++) {
        let op: string;
        let outcome: Outcome;
        if (i % 4 === 0) {
          op = 'create';
          const name = `load-${w}-${i}`;
          outcome = await send(server.url, 'POST', `/api/v1/orgs/${orgId}/api-keys`, auth(), { name });
          if (outcome.status === 201) {
            const id = JSON.parse(outcome.body!).id as string;
            created.set(name, id);
            mine.push(id);
          }
        } else if (i % 4 === 1 && mine.length > 0) {
          op = 'delete';
          const id = mine.shift()!;
          outcome = await send(server.url, 'DELETE', `/api/v1/orgs/${orgId}/api-keys/${id}`, auth());
          if (outcome.status === 204) deleted.add(id);
        } else if (i % 4 === 2) {
          op = 'list';
          outcome = await send(server.url, 'GET', `/api/v1/orgs/${orgId}/api-keys?limit=5`, auth());
        } else {
          op = 'whoami';
          const key = usageKeys[(w + i) % usageKeys.length];
          outcome = await send(server.url, 'GET', '/api/v1/integration/whoami', { 'X-API-Key': key.key });
          if (outcome.status === 200) used.set(key.id, (used.get(key.id) ?? 0) + 1);
          else if (outcome.error && outcome.error !== 'ECONNREFUSED') unanswered.set(key.id, (unanswered.get(key.id) ?? 0) + 1);
        }
        outcomes.push({ op, outcome, afterSignal: signalled });
        if (outcome.error === 'ECONNREFUSED') return;
      }
    };

    const workers = Array.from({ length: 12 }, (_, w) => worker(w));
    // Under load: enough keys made and deleted, and key calls answered, that the database check at the end means something.
    const answeredCalls = () => [...used.values()].reduce((sum, n) => sum + n, 0);
    await until(() => created.size > 12 && deleted.size > 6 && answeredCalls() >= 100);
    // Creates whose headers the server has read: in flight when the signal comes, finished after it.
    const inFlight = ['in-flight-1', 'in-flight-2', 'in-flight-3'].map((name) =>
      sendInTwoHalves(server.url, `/api/v1/orgs/${orgId}/api-keys`, auth(), { name }),
    );
    await Promise.all(inFlight.map((r) => r.received));
    server.process.kill('SIGTERM');
    signalled = true;
    // The rest of their bodies goes out only once the server is shutting down (it accepts no new connection).
    await refusesNewConnections(server.url);
    for (const request of inFlight) request.finish();
    const exit = await server.exited;
    stopped = true;
    await Promise.all(workers);

    expect(exit).toEqual({ code: 0, signal: null });
    // Requests that had arrived when the signal came were finished and answered, not dropped.
    const finished = await Promise.all(inFlight.map((r) => r.outcome));
    expect(finished.map((o) => o.status)).toEqual([201, 201, 201]);
    for (const [i, o] of finished.entries()) created.set(`in-flight-${i + 1}`, JSON.parse(o.body!).id);

    const expected: Record<string, number[]> = { create: [201], delete: [204], list: [200], whoami: [200] };
    const unexpected = outcomes.filter(({ op, outcome }) => {
      if (outcome.status !== undefined) return !expected[op].includes(outcome.status) && outcome.status !== 503;
      return !['ECONNREFUSED', 'ECONNRESET'].includes(outcome.error!);
    });
    expect(unexpected).toEqual([]);
    const before = outcomes.filter((o) => !o.afterSignal);
    expect(before.every(({ op, outcome }) => expected[op].includes(outcome.status!))).toBe(true);
    expect(outcomes.some((o) => o.afterSignal && (o.outcome.error || o.outcome.status === 503))).toBe(true);

    const rows = await db.query<{ id: string; name: string }>("select id, name from api_key where name like 'load-%' or name like 'in-flight-%'");
    const stored = new Map(rows.map((r) => [r.name, r.id]));
    const survivors = [...created].filter(([, id]) => !deleted.has(id));
    expect(created.size).toBeGreaterThan(10);
    expect(deleted.size).toBeGreaterThan(5);
    expect([...stored.keys()].sort()).toEqual(survivors.map(([name]) => name).sort());
    for (const [name, id] of survivors) expect(stored.get(name)).toBe(id);

    const usage = await db.query<{ id: string; last_used_at: Date | null }>('select id, last_used_at from api_key where id = any($1)', [
      usageKeys.map((k) => k.id),
    ]);
    expect(used.size).toBeGreaterThan(0);
    for (const row of usage) expect({ id: row.id, recorded: row.last_used_at !== null }).toEqual({ id: row.id, recorded: used.has(row.id) });
    // Every call answered 200 is counted, by the flush at shutdown (the only one): none lost, and none added beyond
    // those answered, but for calls whose connection was cut after the server may have counted them.
    const counts = await db.query<{ id: string; requests: number }>(
      'select api_key_id as id, sum(requests)::int as requests from api_key_usage where api_key_id = any($1) group by api_key_id',
      [usageKeys.map((k) => k.id)],
    );
    const counted = new Map(counts.map((r) => [r.id, r.requests]));
    for (const { id } of usageKeys) {
      const answered = used.get(id) ?? 0;
      const n = counted.get(id) ?? 0;
      expect({ id, lost: answered - n > 0, extra: n - answered > (unanswered.get(id) ?? 0) }).toEqual({ id, lost: false, extra: false });
    }

    const levels = server.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(levels.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
    const tally = (kind: (o: Outcome) => boolean) => outcomes.filter((o) => kind(o.outcome)).length;
    console.log(
      `graceful shutdown: ${outcomes.length} calls (${created.size} creates answered 201, ${deleted.size} deletes 204, ` +
        `${answeredCalls()} key calls answered 200 and ${[...counted.values()].reduce((sum, n) => sum + n, 0)} counted); ` +
        `after SIGTERM ${tally((o) => o.status === 503)} answered 503, ${tally((o) => o.error === 'ECONNREFUSED')} refused, ` +
        `${tally((o) => o.error === 'ECONNRESET')} reset; database matches every answer; exit 0`,
    );
  });
});

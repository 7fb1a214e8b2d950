import { SECRET_SCANNING_BODY_LIMIT } from '../src/api-keys/secret-scanning.controller';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { BODY_LIMIT_BYTES } from '../src/app.factory';
import { bearer, OWNER_PASSWORD, startTestApp, TestApp } from './harness';
import { addMember, createKey, createRole, expectProblem, invite, inviteToken, MEMBER_PASSWORD, ownerSession, Session } from './fixtures';
import { Operation, routeInventory, SchemaObject } from './routes';
import { serviceTokenCommand } from '../src/cli/service-token.command';
import { requestStreamStart } from './support/event-stream';

/**
 * Property-based hostile input over every route the app serves: random and
 * huge strings, unicode edge cases, prototype-pollution keys, wrong types,
 * deep nesting, oversized and non-JSON bodies, in every body field, path and
 * query parameter. Whatever arrives, the answer is a problem+json 4xx (or the
 * route's documented success, when the random request happens to be valid):
 * never a 5xx, never a stack trace, never an echoed secret.
 *
 * TPTM_HOSTILE_RUNS sets the number of generated requests (a few hundred by
 * default, 10,000 in CI); TPTM_HOSTILE_SEED replays a run.
 */
const RUNS = Number(process.env.TPTM_HOSTILE_RUNS ?? 400);
// Random in CI, so each run explores new inputs (the seed is printed to replay one); fixed elsewhere, so a
// local `npm test` is the same run every time unless TPTM_HOSTILE_SEED=random asks for a new one.
const FIXED_SEED = 20261202;
const SEED = (() => {
  const given = process.env.TPTM_HOSTILE_SEED ?? (process.env.CI ? 'random' : String(FIXED_SEED));
  return given === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(given);
})();

/** A JSON document as text is written, so it can hold what JSON.stringify never writes: `__proto__` keys, 1e400. */
type Json = null | boolean | number | string | Json[] | { kind: 'object'; entries: [string, Json][] } | { kind: 'raw'; text: string };

function serialize(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    if (value.kind === 'raw') return value.text;
    return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Percent-encodes every byte but the unreserved ones; unlike encodeURIComponent it never throws on a lone surrogate. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, '0')}`))
    .join('');
}

/* eslint-disable no-template-curly-in-string -- '${jndi:ldap://x/a}' is the Log4Shell payload, meant literally */
// Packed by kind, a line per kind, so the list reads as a table: not reflowed.
// prettier-ignore
const EDGE_STRINGS = [
  '', ' ', '   ', '\t', '\n', '\r\n', '\u0000', 'a\u0000b', '\u0007', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200d', '\ufeff',
  '\u202e', '\u2066', '\ud800', '\udfff', 'a\udc00b', '\ufffd', '\uffff', 'e\u0301', 'İ', 'ß', 'ﬀ', '𝕏', '😀', '👩‍👩‍👧', 'Ω'.repeat(101),
  "'; drop table api_key; --", '" or ""="', "' or 1=1 --", '%00', '%', '%zz', '../..', '..\\..', '/etc/passwd', '${jndi:ldap://x/a}', '{{7*7}}',
  '<script>alert(1)</script>', 'null', 'undefined', 'NaN', 'Infinity', 'true', '0', '-1', '1e309', '__proto__', 'constructor', 'prototype',
  `tptm_${'0'.repeat(46)}`, 'Owner', 'OWNER', 'Admin', 'a@b', '@', '@@', `${'x'.repeat(250)}@example.com`, 'x@y.z'.repeat(60),
  '0B7E5A6C-3F1D-4C2A-9E8B-5D4F3A2B1C0D', '00000000-0000-0000-0000-000000000000',
];
/* eslint-enable no-template-curly-in-string */

const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: anyCodePoint, maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('x', ' ', 'é', '😀', '\u0000', '\ud800'), fc.integer({ min: 90, max: 6000 })).map(([c, n]) => c.repeat(n)),
  },
);
const printable = fc.string({ maxLength: 80 });

const POLLUTION_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__lookupSetter__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'then',
];
const hostileKey = fc.oneof(fc.constantFrom(...POLLUTION_KEYS, '', ' ', 'a.b', '$where', '$gt'), fc.string({ maxLength: 12 }));

const rawNumber = fc.constantFrom('1e400', '-1e400', '-0', '0.0', '1E2', `1${'0'.repeat(400)}`, `0.${'0'.repeat(300)}1`, '9007199254740993', '100.0');
const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1, 50, 100, 101, -1, 1.5, 2 ** 53 + 2, 1e308)),
  rawNumber.map((text) => ({ kind: 'raw', text }) as Json),
  hostileString,
);
const { json } = fc.letrec<{ json: Json; array: Json[]; object: Json }>((tie) => ({
  json: fc.oneof({ depthSize: 'small', maxDepth: 4 }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('json'), { maxLength: 4 }),
  object: fc.array(fc.tuple(hostileKey, tie('json')), { maxLength: 4 }).map((entries) => ({ kind: 'object' as const, entries })),
}));

/** Nesting far deeper than any schema, up to what fits under the body limit. */
const deep: fc.Arbitrary<Json> = fc.tuple(fc.integer({ min: 50, max: 7000 }), fc.boolean()).map(([depth, arrays]) => ({
  kind: 'raw',
  text: arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(Math.floor(depth / 3))}1${'}'.repeat(Math.floor(depth / 3))}`,
}));

/** `{"a":{"__proto__":{"admin":true}}}` and friends, at any depth. */
const pollution: fc.Arbitrary<Json> = fc
  .tuple(fc.constantFrom('__proto__', 'constructor'), fc.nat({ max: 3 }), fc.constantFrom('admin', 'isOwner', 'permissions', 'polluted'))
  .map(([key, depth, leafKey]) => {
    let value: Json = { kind: 'object', entries: [[leafKey, true]] };
    if (key === 'constructor') value = { kind: 'object', entries: [['prototype', value]] };
    value = { kind: 'object', entries: [[key, value]] };
    for (let i = 0; i < depth; i++) value = { kind: 'object', entries: [['a', value]] };
    return value;
  });

const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: json },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: pollution },
);

interface Targets {
  orgId: string;
  keyId: string;
  roleId: string;
  userId: string;
  invitationId: string;
  /** A live invitation link's token (the path parameter of the invitee's routes and of password resets). */
  token: string;
  roleIds: string[];
}

/** Values that pass (or nearly pass) a field's rules, so the request gets past the first check to the next. */
function plausible(schema: SchemaObject, name: string, targets: Targets): fc.Arbitrary<Json> {
  if (schema.type === 'array') {
    return fc
      .array(plausible(schema.items ?? {}, name, targets), { maxLength: 3 })
      .chain((items) =>
        fc.oneof(
          { weight: 5, arbitrary: fc.constant(items as Json) },
          { weight: 1, arbitrary: fc.constant(Array(60).fill(items[0] ?? 'x') as Json) },
        ),
      );
  }
  if (schema.enum) return fc.constantFrom(...(schema.enum as Json[]));
  if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...targets.roleIds), fc.uuid());
  if (schema.format === 'email' || /email/i.test(name)) return fc.oneof(fc.emailAddress(), fc.constant('owner@example.com'));
  if (schema.type === 'number' || schema.type === 'integer') return fc.integer({ min: -5, max: 200 });
  return fc.string({ minLength: 1, maxLength: schema.maxLength ?? 100 });
}

/** An object shaped like the route's body: each field missing, plausible or hostile, plus stray keys. */
function shapedBody(schema: SchemaObject, targets: Targets): fc.Arbitrary<Json> {
  const fields = Object.entries(schema.properties ?? {});
  const value = (prop: SchemaObject, name: string) =>
    fc.option(fc.oneof({ weight: 3, arbitrary: plausible(prop, name, targets) }, { weight: 2, arbitrary: hostileValue }), {
      freq: 6,
      nil: undefined,
    });
  return fc
    .tuple(
      fc.tuple(...fields.map(([name, prop]) => value(prop, name))),
      fc.array(fc.tuple(fields.length ? fc.oneof(hostileKey, fc.constantFrom(...fields.map(([n]) => n))) : hostileKey, hostileValue), {
        maxLength: 2,
      }),
    )
    .map(([values, extras]) => ({
      kind: 'object' as const,
      entries: [
        ...fields.map(([name], i) => [name, values[i]] as [string, Json | undefined]).filter((e): e is [string, Json] => e[1] !== undefined),
        ...extras,
      ],
    }));
}

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/problem+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'application/json, text/plain',
];

function bodyArbitrary(op: Operation, targets: Targets): fc.Arbitrary<{ text: string; contentType: string | undefined } | undefined> {
  const text = fc.oneof(
    { weight: op.body ? 8 : 1, arbitrary: op.body ? shapedBody(op.body, targets).map(serialize) : json.map(serialize) },
    { weight: 2, arbitrary: hostileValue.map(serialize) },
    { weight: 1, arbitrary: hostileString },
    {
      weight: 1,
      arbitrary: fc.integer({ min: BODY_LIMIT_BYTES + 1, max: 4 * BODY_LIMIT_BYTES }).map((n) => JSON.stringify({ name: 'x'.repeat(n) })),
    },
  );
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant('application/json') },
    { weight: 3, arbitrary: fc.constantFrom<string | undefined>(...CONTENT_TYPES, undefined) },
  );
  const body = fc.record({ text, contentType });
  return op.body ? body : fc.option(body, { freq: 4, nil: undefined });
}

const RAW_PATH_VALUES = [
  '%',
  '%zz',
  '%c0%af',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  '%2f..%2f',
  'a%00b',
  '%20',
  '',
  'x'.repeat(300),
  '%ed%a0%80',
  '*',
  '%3F',
  '%23',
];

function pathArbitrary(op: Operation, targets: Targets): fc.Arbitrary<string> {
  const names = op.pathParams.map((p) => p.name);
  const value = (name: string) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant(targets[name as keyof Targets] as string) },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: hostileString.map(percentEncode) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_PATH_VALUES, (targets[name as keyof Targets] as string).toUpperCase()) },
    );
  return fc.tuple(...names.map(value)).map((values) => op.path.replace(/\{(\w+)\}/g, (_, name: string) => values[names.indexOf(name)]));
}

const RAW_QUERIES = [
  '&',
  '&&=',
  '=',
  '%',
  '%zz=1',
  'limit',
  'limit=',
  'limit[]=1',
  'limit[a]=1',
  '__proto__[admin]=1',
  'constructor[prototype][admin]=1',
  `${'a'.repeat(3000)}=1`,
  'limit=1&limit=2',
  'cursor=%00',
];
const QUERY_EDGE_VALUES = ['0', '-1', '101', '1e2', '1.5', ' 5', '5 ', '0x10', '00050', 'Infinity', 'NaN', '', '+7', '٣'];

function queryArbitrary(op: Operation): fc.Arbitrary<string> {
  const value = (name: string) =>
    fc.oneof(
      name === 'limit' ? fc.integer({ min: -5, max: 200 }).map(String) : fc.base64String({ maxLength: 120 }).map((s) => s.replace(/=+$/, '')),
      fc.constantFrom(...QUERY_EDGE_VALUES),
      hostileString,
    );
  const known = op.queryParams.map((p) => fc.option(fc.array(value(p.name), { minLength: 1, maxLength: 2 }), { freq: 2, nil: undefined }));
  return fc
    .tuple(
      fc.tuple(...known),
      fc.array(fc.tuple(hostileKey, hostileString), { maxLength: 2 }),
      fc.option(fc.constantFrom(...RAW_QUERIES), { freq: 5, nil: undefined }),
    )
    .map(([values, extras, raw]) => {
      const pairs = op.queryParams.flatMap((p, i) => (values[i] ?? []).map((v) => `${p.name}=${percentEncode(v)}`));
      pairs.push(...extras.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`));
      if (raw !== undefined) pairs.push(raw);
      return pairs.length ? `?${pairs.join('&')}` : '';
    });
}

interface Credentials {
  token: string;
  key: string;
  serviceToken: string;
}

function authArbitrary(op: Operation, credentials: Credentials): fc.Arbitrary<Record<string, string>> {
  const garbage = fc.oneof(
    printable.map((s) => ({ Authorization: `Bearer ${s}` })),
    printable.map((s) => ({ Authorization: s })),
    printable.map((s) => ({ 'X-API-Key': s })),
    fc
      .nat({ max: credentials.key.length - 1 })
      .map((i) => ({ 'X-API-Key': credentials.key.slice(0, i) + (credentials.key[i] === 'A' ? 'B' : 'A') + credentials.key.slice(i + 1) })),
  );
  const asUser = fc.constant(bearer(credentials.token));
  const asKey = fc.constantFrom({ 'X-API-Key': credentials.key }, bearer(credentials.key));
  const none = fc.constant({});
  switch (op.policy.kind) {
    case 'service':
      return fc.oneof(
        { weight: 8, arbitrary: fc.constant(bearer(credentials.serviceToken)) },
        { weight: 1, arbitrary: none },
        { weight: 2, arbitrary: garbage },
        { weight: 1, arbitrary: asUser },
        { weight: 1, arbitrary: asKey },
      );
    case 'apiKey':
      return fc.oneof(
        { weight: 8, arbitrary: asKey },
        { weight: 1, arbitrary: none },
        { weight: 2, arbitrary: garbage },
        { weight: 1, arbitrary: asUser },
      );
    case 'public':
      return fc.oneof({ weight: 8, arbitrary: none }, { weight: 1, arbitrary: asUser }, { weight: 1, arbitrary: garbage });
    default:
      return fc.oneof(
        { weight: 8, arbitrary: asUser },
        { weight: 1, arbitrary: none },
        { weight: 1, arbitrary: garbage },
        { weight: 1, arbitrary: asKey },
      );
  }
}

interface HostileRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: { text: string; contentType: string | undefined } | undefined;
}

describe('hostile input', () => {
  let t: TestApp;
  let owner: Session;
  let credentials: Credentials;
  let targets: Targets;
  let operations: Operation[];
  const statuses = new Map<number, number>();
  let sent = 0;

  beforeAll(async () => {
    t = await startTestApp({ TPTM_LOGIN_MAX_FAILURES: '1000000', TPTM_KEY_MAX_FAILURES: '1000000' });
    operations = (await routeInventory(t)).operations;
    owner = await ownerSession(t);
    const roleId = await createRole(t, owner, 'Fuzzed role', ['key:manage']);
    const member = await addMember(t, owner, 'fuzzed-member@example.com', ['Member']);
    const invitation = await invite(t, owner, 'fuzzed-invitee@example.com', ['Member']);
    targets = {
      orgId: owner.orgId,
      keyId: (await createKey(t, owner, 'Fuzzed key')).id,
      roleId,
      userId: member.userId,
      invitationId: invitation.invitation.id,
      token: inviteToken(invitation.inviteUrl),
      roleIds: [roleId],
    };
    const made: string[] = [];
    await serviceTokenCommand(t.config, ['create', 'Fuzzing service'], { out: (l) => made.push(l), err: () => undefined }, t.db.embedded);
    credentials = { token: owner.token, key: (await createKey(t, owner, 'Fuzzing key')).key, serviceToken: made.at(-1)! };
  });
  afterAll(async () => {
    const tally = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    console.log(
      `hostile input: ${sent} generated requests over ${operations?.length} operations, seed ${SEED} ` +
        `(replay: TPTM_HOSTILE_SEED=${SEED} TPTM_HOSTILE_RUNS=${RUNS}); statuses ${tally}`,
    );
    await t.close();
  });

  /** Secrets the server knows and must never send back: the Owner's password and token, the fuzzing key. */
  const secrets = () => [OWNER_PASSWORD, credentials.token, credentials.key, credentials.serviceToken];

  /** An event stream is read up to its first chunk, then closed: it never ends on its own. */
  function streamStart(hostile: HostileRequest) {
    const headers = { ...hostile.headers, ...(hostile.body?.contentType !== undefined ? { 'Content-Type': hostile.body.contentType } : {}) };
    return requestStreamStart(`${t.url}${hostile.url}`, hostile.method, headers, hostile.body?.text);
  }

  async function call(hostile: HostileRequest) {
    let request = t.http[hostile.method.toLowerCase() as 'get'](hostile.url);
    for (const [name, value] of Object.entries(hostile.headers)) request = request.set(name, value);
    if (hostile.body) {
      if (hostile.body.contentType !== undefined) request = request.set('Content-Type', hostile.body.contentType);
      request = request.send(hostile.body.text);
    }
    return request;
  }

  async function send(op: Operation, hostile: HostileRequest): Promise<void> {
    sent++;
    const response = (op.stream && hostile.method === 'GET' ? await streamStart(hostile) : await call(hostile)) as {
      status: number;
      headers: Record<string, string>;
      body: Record<string, unknown>;
      text: string;
    };
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status === 204 && hostile.method === 'POST' && hostile.url.startsWith('/api/v1/auth/logout')) {
      // A valid sign-out ended the fuzzing session: a new one, so the routes after it are fuzzed signed in.
      credentials.token = owner.token = await t.signIn();
    }
    const label = `${hostile.method} ${hostile.url.slice(0, 300)}`;
    expect({ label, status: response.status, serverError: response.status >= 500 }).toEqual({ label, status: response.status, serverError: false });
    for (const secret of secrets()) expect(response.text.includes(secret)).toBe(false);
    if (response.status >= 400) {
      expectProblem(response, response.status);
      const submitted = [...Object.values(hostile.headers), ...passwordsIn(hostile.body?.text)].filter((v) => v.length >= 12);
      for (const value of submitted) expect({ label, echoed: response.text.includes(value) }).toEqual({ label, echoed: false });
    } else {
      const documented = operations.find((o) => o.method === hostile.method && matches(o.path, hostile.url))?.statuses ?? [];
      expect({ label, status: response.status, documented: documented.includes(response.status) }).toEqual({
        label,
        status: response.status,
        documented: true,
      });
    }
  }

  it(`answers ${RUNS} generated requests over every route with 4xx problem+json or a documented success, never a 5xx`, async () => {
    const polluted = Object.getOwnPropertyNames(Object.prototype).sort();
    const perOperation = Math.ceil(RUNS / operations.length);
    for (const [index, op] of operations.entries()) {
      const arbitrary = fc.record({
        method: fc.oneof(
          { weight: 12, arbitrary: fc.constant(op.method) },
          { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
        ),
        url: fc.tuple(pathArbitrary(op, targets), queryArbitrary(op)).map(([path, query]) => path + query),
        headers: authArbitrary(op, credentials),
        body: bodyArbitrary(op, targets),
      });
      await fc.assert(
        fc.asyncProperty(arbitrary, (hostile) => send(op, hostile)),
        { numRuns: perOperation, seed: SEED + index, endOnFailure: false },
      );
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(polluted);
    expect(({} as Record<string, unknown>).admin ?? ({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('logged no server fault, and still serves', async () => {
    expect(t.logs.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
    await t.http.get('/api/health').expect(200);
    await t.http.get('/api/v1/me').set(bearer(owner.token)).expect(200);
  });

  describe('requests the framework answers before any route runs', () => {
    const key = `tptm_${'A'.repeat(46)}`;

    it('answers a request line and headers over the size limit with a 431 problem', async () => {
      const response = await t.http.get(`/api/v1/orgs?q=${'x'.repeat(20_000)}`);
      expect(expectProblem(response, 431).type).toBe('urn:tptm:problem:headers-too-large');
    });

    it('answers a URL that is not valid percent-encoding with a 400 problem that does not quote it', async () => {
      const response = await t.http.get(`/api/v1/orgs/${key}%zz/api-keys`).set(bearer(owner.token));
      expect(expectProblem(response, 400).errors).toEqual([{ field: 'path', message: 'is not valid percent-encoding' }]);
      expect(response.text).not.toContain(key);
    });

    it('answers a path segment over the router limit with a problem that does not quote it', async () => {
      const response = await t.http.get(`/api/v1/orgs/${key.repeat(5)}/api-keys`).set(bearer(owner.token));
      // 400 from the router; 404 when the built console's catch-all route takes the request instead.
      if (response.status === 400)
        expect(expectProblem(response, 400).errors).toEqual([{ field: 'path', message: 'has a segment that is too long' }]);
      else expectProblem(response, 404);
      expect(response.text).not.toContain(key);
    });

    it('answers bytes that are not HTTP with a 400 problem', async () => {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(t.url).port), '127.0.0.1', () =>
          socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'),
        );
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400 /);
      expect(reply).toContain('Content-Type: application/problem+json; charset=utf-8');
      expect(JSON.parse(reply.split('\r\n\r\n')[1])).toMatchObject({ type: 'urn:tptm:problem:validation-failed', status: 400 });
    });

    it('treats a ";" inside a value as data on every database (the embedded one once ran it as a second statement)', async () => {
      const signIn = await t.http.post('/api/v1/auth/login').send({ email: ';', password: 'semicolon; password' });
      expect(expectProblem(signIn, 401).detail).toBe('The email or password is incorrect.');
      await addMember(t, owner, 'semi;colon@example.com');
      await t.signIn('semi;colon@example.com', MEMBER_PASSWORD);
    });

    it('refuses null for a field an update may leave out, instead of failing on it (500)', async () => {
      for (const body of [{ description: null }, { name: null }, { permissions: null }]) {
        const response = await t.http.patch(`/api/v1/orgs/${owner.orgId}/roles/${targets.roleId}`).set(bearer(owner.token)).send(body);
        expect(expectProblem(response, 400).errors).toEqual([{ field: Object.keys(body)[0], message: expect.stringContaining('must not be null') }]);
      }
    });

    it('answers a body nested deeper than any request needs with a 400, not a stack overflow', async () => {
      const response = await t.http
        .post('/api/v1/orgs')
        .set(bearer(owner.token))
        .set('Content-Type', 'application/json')
        .send(`{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`);
      expect(expectProblem(response, 400).errors).toEqual([{ field: 'body', message: 'must not nest more than 32 levels deep' }]);
      const shallow = await t.http.post('/api/v1/orgs').set(bearer(owner.token)).set('Content-Type', 'application/json').send('{"name":"[[[{{{"}');
      expect(shallow.status).toBe(201);
    });
  });

  describe(`the ${BODY_LIMIT_BYTES}-byte body limit`, () => {
    /** A JSON object of exactly `bytes` bytes. */
    const bodyOf = (bytes: number) => {
      const base = '{"name":""}';
      return `{"name":"${'x'.repeat(bytes - base.length)}"}`;
    };

    it('accepts a body of exactly the limit and answers one byte more with 413, on every route that takes a body', async () => {
      const withBody = operations.filter((op) => op.body);
      expect(withBody.length).toBeGreaterThan(0);
      for (const op of withBody) {
        const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => targets[name as keyof Targets] as string);
        const call = (body: string) =>
          t.http[op.method.toLowerCase() as 'post'](url).set(bearer(owner.token)).set('Content-Type', 'application/json').send(body);
        // GitHub's secret scanning reports alone may be larger, up to their own limit.
        const limit = op.path === '/api/v1/secret-scanning/github' ? SECRET_SCANNING_BODY_LIMIT : BODY_LIMIT_BYTES;
        expect(Buffer.byteLength(bodyOf(limit))).toBe(limit);
        expect((await call(bodyOf(limit))).status).not.toBe(413);
        const problem = expectProblem(await call(bodyOf(limit + 1)), 413);
        expect(problem.type).toBe('urn:tptm:problem:payload-too-large');
      }
    });

    it('answers a chunked body that grows past the limit with 413, without reading all of it', async () => {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest(
          `${t.url}/api/v1/auth/login`,
          { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
          (response) => {
            let text = '';
            response.on('data', (chunk) => (text += chunk));
            response.on('end', () => resolve({ status: response.statusCode!, body: text }));
          },
        );
        request.on('error', reject);
        request.write('{"email":"a@b.c","password":"');
        for (let i = 0; i < 64; i++) request.write('x'.repeat(1024));
        request.end('"}');
      });
      expect(status).toBe(413);
      expect(JSON.parse(body)).toMatchObject({ type: 'urn:tptm:problem:payload-too-large', status: 413 });
    });
  });
});

function matches(specPath: string, url: string): boolean {
  const path = url.split('?')[0];
  return new RegExp(`^${specPath.replace(/\{\w+\}/g, '[^/]+')}$`).test(path);
}

/** Values of any `…password…` field in a JSON body, which no answer may quote back. */
function passwordsIn(text: string | undefined): string[] {
  if (!text) return [];
  const found: string[] = [];
  try {
    JSON.parse(text, (key, value) => {
      if (/password/i.test(key) && typeof value === 'string') found.push(value);
      return value;
    });
  } catch {
    // Not JSON: nothing in it was read as a password.
  }
  return found;
}

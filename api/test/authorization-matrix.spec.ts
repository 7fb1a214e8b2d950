import { createHmac, randomUUID } from 'node:crypto';
import { UNAUTHORIZED_DETAIL } from '../src/errors/problem';
import { bearer, startTestApp, TestApp } from './harness';
import {
  addMember,
  createKey,
  createRole,
  expectProblem,
  invite,
  inviteToken,
  MEMBER_PASSWORD,
  otherOrganization,
  ownerSession,
  Session,
  sessionIdOf,
} from './fixtures';
import { NON_API_ROUTE, Operation, routeInventory, RouteInventory, routerPath, SchemaObject, validValue } from './routes';
import { serviceTokenCommand } from '../src/cli/service-token.command';
import { requestStreamStart } from './support/event-stream';

/**
 * Every route the router serves, against every kind of caller that must be
 * refused. The routes come from the running app (its router, joined with the
 * spec it serves), so a route added tomorrow is in this table tomorrow.
 */

type Headers = Record<string, string>;

/** An HS256 JWT signed with `secret`, for tokens the server must refuse. */
function jwt(payload: Record<string, unknown>, secret: string, algorithm: 'HS256' | 'HS512' = 'HS256'): string {
  const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const body = `${encode({ alg: algorithm, typ: 'JWT' })}.${encode(payload)}`;
  const hmac = createHmac(algorithm === 'HS256' ? 'sha256' : 'sha512', secret);
  return `${body}.${hmac.update(body).digest('base64url')}`;
}

/** Asserts, naming the check, that a call got past authorization: not refused, not failed. */
function expectAllowed(label: string, response: { status: number; body?: { detail?: unknown } }) {
  const refused = [401, 403].includes(response.status) || response.status >= 500 || response.body?.detail === 'Organization was not found.';
  expect({ label, status: response.status, refused }).toEqual({ label, status: response.status, refused: false });
}

describe('authorization matrix', () => {
  let t: TestApp;
  let inventory: RouteInventory;
  let owner: Session;
  let outsider: Session;
  /** Members of the owner's organization holding exactly one permission each, and one holding none. */
  const holders = new Map<string, Session>();
  let plainMember: Session;
  /** Things in the owner's organization that routes name by id; a refusal that lets a call through would change them. */
  let targets: Record<string, string>;
  /** The outsider's own organization's things, to use another organization's ids inside it. */
  let outsiderKey: { id: string; key: string };
  let liveKey: string;
  let deletedKey: string;
  /** Keys of the owner's organization holding exactly one grantable permission each, and one holding every grantable one. */
  const keyHolders = new Map<string, string>();
  let allGrantableKey: string;
  let outsiderAllKey: string;
  let badCredentials: [string, Headers][];
  let serviceToken: string;
  let revokedServiceToken: string;
  let checks = 0;

  beforeAll(async () => {
    t = await startTestApp();
    inventory = await routeInventory(t);
    owner = await ownerSession(t);
    outsider = await otherOrganization(t, owner, 'outsider@example.com');
    for (const permission of ['key:manage', 'member:manage', 'role:manage', 'audit:read']) {
      await createRole(t, owner, `Only ${permission}`, [permission]);
      holders.set(permission, await addMember(t, owner, `only-${permission.replace(':', '-')}@example.com`, [`Only ${permission}`]));
    }
    plainMember = await addMember(t, owner, 'plain@example.com', ['Member']);
    const victim = await addMember(t, owner, 'victim@example.com', ['Member']);
    const pending = await invite(t, owner, 'invitee@example.com', ['Member']);
    targets = {
      orgId: owner.orgId,
      keyId: (await createKey(t, owner, 'Target key')).id,
      roleId: await createRole(t, owner, 'Target role', []),
      userId: victim.userId,
      invitationId: pending.invitation.id,
      token: inviteToken(pending.inviteUrl),
    };
    outsiderKey = await createKey(t, outsider, 'Outsider key');
    const grantable = ['member:manage', 'role:manage', 'audit:read'];
    const keyWith = async (session: Session, name: string, permissions: string[]) =>
      (await t.http.post(`/api/v1/orgs/${session.orgId}/api-keys`).set(bearer(session.token)).send({ name, permissions }).expect(201)).body
        .key as string;
    for (const permission of grantable) keyHolders.set(permission, await keyWith(owner, `Key with ${permission}`, [permission]));
    allGrantableKey = await keyWith(owner, 'Key with everything grantable', grantable);
    outsiderAllKey = await keyWith(outsider, 'Outsider key with everything grantable', grantable);
    liveKey = (await createKey(t, owner, 'Live key')).key;
    const deleted = await createKey(t, owner, 'Deleted key');
    await t.http.delete(`/api/v1/orgs/${owner.orgId}/api-keys/${deleted.id}`).set(bearer(owner.token)).expect(204);
    deletedKey = deleted.key;
    const makeServiceToken = async (name: string) => {
      const out: string[] = [];
      await serviceTokenCommand(t.config, ['create', name], { out: (l) => out.push(l), err: () => undefined }, t.db.embedded);
      return { token: out.at(-1)!, id: out[0].match(/id ([0-9a-f-]{36})/)![1] };
    };
    serviceToken = (await makeServiceToken('Matrix service')).token;
    const revoked = await makeServiceToken('Revoked service');
    await serviceTokenCommand(t.config, ['revoke', revoked.id], { out: () => undefined, err: () => undefined }, t.db.embedded);
    revokedServiceToken = revoked.token;

    const now = Math.floor(Date.now() / 1000);
    // A live session, so each bad credential below is refused for its own defect alone.
    const sid = sessionIdOf(owner.token);
    const claims = (extra: Record<string, unknown> = {}) => ({
      sub: owner.userId,
      sid,
      iss: 'tptm',
      aud: 'tptm-console',
      iat: now,
      exp: now + 600,
      ...extra,
    });
    const secret = t.config.jwtSecret;
    const [header, payload] = jwt(claims(), secret).split('.');
    badCredentials = [
      ['a malformed token', bearer('not.a.token')],
      ['an empty bearer', { Authorization: 'Bearer ' }],
      ['a non-bearer scheme', { Authorization: 'Basic b3duZXI6cGFzc3dvcmQ=' }],
      ['an expired token', bearer(jwt(claims({ iat: now - 7200, exp: now - 120 }), secret))],
      ['a token signed with another secret', bearer(jwt(claims(), 'another-secret-that-is-at-least-32-characters'))],
      ['an unsigned (alg none) token', bearer(`${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`)],
      ['a token with its signature stripped', bearer(`${header}.${payload}.`)],
      ['a token for another audience', bearer(jwt(claims({ aud: 'someone-else' }), secret))],
      ['a token from another issuer', bearer(jwt(claims({ iss: 'evil' }), secret))],
      ['a token not yet valid', bearer(jwt(claims({ nbf: now + 3600 }), secret))],
      ['an HS512 token (only HS256 is accepted)', bearer(jwt(claims(), secret, 'HS512'))],
      ['a deleted API key', { 'X-API-Key': deletedKey }],
      ['a deleted API key as a bearer token', bearer(deletedKey)],
    ];
  });
  afterAll(async () => {
    const routes = inventory?.routerRoutes.filter((r) => !NON_API_ROUTE.test(r)).length;
    console.log(
      `authorization matrix: ${routes} API routes from the router (${inventory?.operations.length} operations in the spec), ${checks} checks`,
    );
    await t.close();
  });

  /** The route's URL with each path parameter taken from `ids` (the owner's things unless told otherwise). */
  const urlOf = (op: Operation, ids: Record<string, string> = targets) =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (!(name in ids)) throw new Error(`${op.operationId}: no value for path parameter ${name}; add one to the matrix`);
      return ids[name];
    });

  async function call(op: Operation, headers: Headers, url = urlOf(op), method = op.method) {
    checks++;
    // An event stream is read up to its first chunk and closed: it never ends on its own.
    if (op.stream && method === 'GET') {
      return (await requestStreamStart(`${t.url}${url}`, method, headers)) as unknown as {
        status: number;
        headers: Record<string, string>;
        body: Record<string, unknown>;
        text: string;
      };
    }
    let request = t.http[method.toLowerCase() as 'get'](url);
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    return op.body ? request.send(validValue(op.body) as object) : request;
  }

  async function expectUnauthorized(op: Operation, headers: Headers, label: string) {
    const response = await call(op, headers);
    expect({ label, status: response.status }).toEqual({ label, status: 401 });
    expect(expectProblem(response, 401).detail).toBe(UNAUTHORIZED_DETAIL);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="tptm"');
    if (op.method === 'GET') expect((await call(op, headers, urlOf(op), 'HEAD')).status).toBe(401);
  }

  it('serves exactly the routes its spec documents, each with a policy the matrix knows', () => {
    const documented = inventory.operations.flatMap((op) => {
      const route = `${op.method} ${routerPath(op.path)}`;
      return op.method === 'GET' ? [route, route.replace(/^GET/, 'HEAD')] : [route];
    });
    const served = inventory.routerRoutes.filter((route) => !NON_API_ROUTE.test(route));
    expect(served.sort()).toEqual([...documented].sort());
    expect(inventory.operations.length).toBeGreaterThanOrEqual(20);
  });

  const byPolicy = (kind: string) => () => inventory.operations.filter((op) => op.policy.kind === kind);

  describe('organization routes', () => {
    const operations = byPolicy('organization');

    it('refuse every bad or missing credential with the uniform 401', async () => {
      expect(operations().length).toBeGreaterThan(0);
      for (const op of operations()) {
        await expectUnauthorized(op, {}, `${op.operationId} without credentials`);
        for (const [label, headers] of badCredentials) await expectUnauthorized(op, headers, `${op.operationId} with ${label}`);
      }
    });

    it("answer 404 to another organization's Owner, exactly as for an organization that does not exist", async () => {
      for (const op of operations()) {
        for (const [session, orgId] of [
          [outsider, owner.orgId],
          [owner, randomUUID()],
        ] as const) {
          const response = await call(op, bearer(session.token), urlOf(op, { ...targets, orgId }));
          expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 404 });
          expect(expectProblem(response, 404).detail).toBe('Organization was not found.');
        }
        const malformed = await call(op, bearer(owner.token), urlOf(op, { ...targets, orgId: 'not-a-uuid' }));
        expect(expectProblem(malformed, 400).errors).toEqual([{ field: 'orgId', message: expect.any(String) }]);
      }
    });

    it('answer 403 to a member without the permission, and let one holding any of its permissions through', async () => {
      for (const op of operations()) {
        const needed = (op.policy as { anyPermission: string[] }).anyPermission;
        for (const [permission, session] of [...holders, ['none', plainMember] as const]) {
          const allowed = needed.includes(permission);
          // Let through: harmless ids that name nothing, so the call reaches the service and finds nothing.
          const ids = allowed
            ? { orgId: owner.orgId, keyId: randomUUID(), roleId: randomUUID(), userId: randomUUID(), invitationId: randomUUID() }
            : targets;
          const response = await call(op, bearer(session.token), urlOf(op, ids));
          const label = `${op.operationId} as a holder of ${permission}`;
          if (allowed) {
            expectAllowed(label, response);
          } else {
            expect({ label, status: response.status }).toEqual({ label, status: 403 });
            expect(expectProblem(response, 403).detail).toMatch(/You need the ".+" permission/);
            if (op.method === 'GET') expect((await call(op, bearer(session.token), urlOf(op, ids), 'HEAD')).status).toBe(403);
          }
        }
      }
    });

    it("answer 404 for another organization's key, role or member ids used inside one's own organization", async () => {
      const foreignIds = {
        orgId: outsider.orgId,
        keyId: targets.keyId,
        roleId: targets.roleId,
        userId: targets.userId,
        invitationId: targets.invitationId,
      };
      const withIds = operations().filter((op) => op.pathParams.length > 1);
      expect(withIds.length).toBeGreaterThan(0);
      for (const op of withIds) {
        const response = await call(op, bearer(outsider.token), urlOf(op, foreignIds));
        expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 404 });
        expect(expectProblem(response, 404).detail).not.toBe('Organization was not found.');
      }
    });

    it('changed nothing in the organization whose things the refused calls named', async () => {
      const [counts] = await t.db.query(
        `select (select count(*)::int from api_key where id = $1) as key,
                (select count(*)::int from role where id = $2 and name = 'Target role') as role,
                (select count(*)::int from membership where user_id = $3 and organization_id = $4) as member,
                (select count(*)::int from invitation where id = $5 and expires_at > now()) as invitation`,
        [targets.keyId, targets.roleId, targets.userId, owner.orgId, targets.invitationId],
      );
      expect(counts).toEqual({ key: 1, role: 1, member: 1, invitation: 1 });
    });
  });

  describe('organization routes, called with API keys', () => {
    const operations = byPolicy('organization');
    const harmlessIds = () => ({ orgId: owner.orgId, keyId: randomUUID(), roleId: randomUUID(), userId: randomUUID(), invitationId: randomUUID() });

    it('answer a key holding the permission as they answer a member holding it, and 403 to a key without it', async () => {
      for (const op of operations()) {
        const { anyPermission, admitsApiKeys } = op.policy as { anyPermission: string[]; admitsApiKeys: boolean };
        for (const [permission, key] of [...keyHolders, ['none', liveKey] as const]) {
          const label = `${op.operationId} with a key holding ${permission}`;
          const ids = harmlessIds();
          const response = await call(op, { 'X-API-Key': key }, urlOf(op, ids));
          if (admitsApiKeys && anyPermission.includes(permission)) {
            expectAllowed(label, response);
            // A read answers the key exactly as the member; a write is let through alike (the same call twice may differ, as a 409).
            if (op.method === 'GET') {
              const member = await call(op, bearer(holders.get(permission)!.token), urlOf(op, ids));
              expect({ label, status: response.status, body: response.body }).toEqual({ label, status: member.status, body: member.body });
            }
          } else {
            expect({ label, status: response.status }).toEqual({ label, status: 403 });
            expectProblem(response, 403);
          }
        }
      }
    });

    it('never let a key reach /api-keys or /key-policy, even one holding every grantable permission; admit keys everywhere else', async () => {
      for (const op of operations()) {
        const { admitsApiKeys } = op.policy as { admitsApiKeys: boolean };
        // A leaked key that could manage keys, or loosen the policy that would revoke it, could make itself permanent.
        const keyless = op.path.includes('/api-keys') || op.path.includes('/key-policy');
        expect({ op: op.operationId, admitsApiKeys }).toEqual({ op: op.operationId, admitsApiKeys: !keyless });
        if (admitsApiKeys) continue;
        for (const headers of [{ 'X-API-Key': allGrantableKey }, bearer(allGrantableKey)]) {
          const response = await call(op, headers, urlOf(op, harmlessIds()));
          expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 403 });
        }
      }
    });

    it("answer 404 to another organization's key, exactly as for an organization that does not exist", async () => {
      for (const op of operations().filter((o) => (o.policy as { admitsApiKeys: boolean }).admitsApiKeys)) {
        for (const [key, orgId] of [
          [outsiderAllKey, owner.orgId],
          [allGrantableKey, randomUUID()],
        ] as const) {
          const response = await call(op, { 'X-API-Key': key }, urlOf(op, { ...targets, orgId }));
          expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 404 });
          expect(expectProblem(response, 404).detail).toBe('Organization was not found.');
        }
      }
    });

    it('refuse valid keys on routes only for people', async () => {
      for (const op of byPolicy('user')()) {
        const response = await call(op, { 'X-API-Key': allGrantableKey });
        expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 403 });
      }
    });
  });

  describe('signed-in user routes', () => {
    const operations = byPolicy('user');

    it('refuse every bad or missing credential with the uniform 401, and open for a signed-in user', async () => {
      expect(operations().length).toBeGreaterThan(0);
      for (const op of operations()) {
        await expectUnauthorized(op, {}, `${op.operationId} without credentials`);
        for (const [label, headers] of badCredentials) await expectUnauthorized(op, headers, `${op.operationId} with ${label}`);
        // A session of its own for each: signing out ends the one it is called with.
        const session = await t.signIn('plain@example.com', MEMBER_PASSWORD);
        expectAllowed(`${op.operationId} as a signed-in member`, await call(op, bearer(session)));
      }
    });

    it('refuse a correctly signed token whose user no longer exists, with 401 and never a 5xx', async () => {
      const now = Math.floor(Date.now() / 1000);
      // Even naming a live session (of another account), a token of a user that does not exist is refused.
      const ghost = jwt(
        { sub: randomUUID(), sid: sessionIdOf(owner.token), iss: 'tptm', aud: 'tptm-console', iat: now, exp: now + 600 },
        t.config.jwtSecret,
      );
      for (const op of [...operations(), ...byPolicy('organization')()]) {
        const response = await call(op, bearer(ghost));
        expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 401 });
      }
    });
  });

  describe('integration routes', () => {
    const operations = byPolicy('apiKey');

    it('refuse user tokens, deleted, unknown and malformed keys with the uniform 401, and open for a live key', async () => {
      expect(operations().length).toBeGreaterThan(0);
      const wellFormedUnknown = liveKey.slice(0, 5) + [...liveKey.slice(5)].reverse().join('');
      for (const op of operations()) {
        await expectUnauthorized(op, {}, `${op.operationId} without credentials`);
        const refused: [string, Headers][] = [
          ['an Owner access token', bearer(owner.token)],
          ['a deleted key as a bearer', bearer(deletedKey)],
          ['a deleted key in X-API-Key', { 'X-API-Key': deletedKey }],
          ['a key with a broken checksum', { 'X-API-Key': liveKey.slice(0, -1) + (liveKey.endsWith('A') ? 'B' : 'A') }],
          ['an unknown key', { 'X-API-Key': wellFormedUnknown }],
          ['a truncated key', { 'X-API-Key': liveKey.slice(0, 20) }],
          ['an empty X-API-Key', { 'X-API-Key': '' }],
          ['a key with a trailing NUL', { 'X-API-Key': `${liveKey}%00` }],
        ];
        for (const [label, headers] of refused) await expectUnauthorized(op, headers, `${op.operationId} with ${label}`);
        expect((await call(op, { 'X-API-Key': liveKey })).status).toBe(200);
        expect((await call(op, bearer(liveKey))).status).toBe(200);
      }
    });

    it("act for the key's own organization only", async () => {
      for (const op of operations()) {
        const ours = await call(op, { 'X-API-Key': liveKey });
        const theirs = await call(op, { 'X-API-Key': outsiderKey.key });
        expect(JSON.stringify(ours.body)).not.toContain(outsider.orgId);
        expect(JSON.stringify(theirs.body)).not.toContain(owner.orgId);
      }
    });
  });

  describe('key-verification routes (service tokens)', () => {
    const operations = byPolicy('service');

    it('refuse every other credential, and a revoked or forged service token, with the uniform 401; open for a live one', async () => {
      expect(
        operations()
          .map((op) => `${op.method} ${op.path}`)
          .sort(),
      ).toEqual(['GET /api/v1/keys/revocations', 'POST /api/v1/keys/verify']);
      const forged = `tptm_svc_${serviceToken.slice(9, -1)}${serviceToken.endsWith('A') ? 'B' : 'A'}`;
      for (const op of operations()) {
        await expectUnauthorized(op, {}, `${op.operationId} without credentials`);
        const refused: [string, Headers][] = [
          ...badCredentials,
          ['an Owner access token', bearer(owner.token)],
          ['a live API key as a bearer', bearer(allGrantableKey)],
          ['a live API key in X-API-Key', { 'X-API-Key': allGrantableKey }],
          ['a revoked service token', bearer(revokedServiceToken)],
          ['a service token with a broken checksum', bearer(forged)],
          ['a service token in X-API-Key', { 'X-API-Key': serviceToken }],
        ];
        for (const [label, headers] of refused) await expectUnauthorized(op, headers, `${op.operationId} with ${label}`);
        expectAllowed(`${op.operationId} with a live service token`, await call(op, bearer(serviceToken)));
      }
    });

    it('are the only routes a service token reaches', async () => {
      for (const op of inventory.operations.filter((o) => o.policy.kind !== 'service' && !['public', 'publicOrUser'].includes(o.policy.kind))) {
        const response = await call(op, bearer(serviceToken));
        expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 401 });
      }
    });
  });

  it('keeps public routes open to anyone, and only those the matrix expects', async () => {
    const open = [...byPolicy('public')(), ...byPolicy('publicOrUser')()];
    expect(open.map((op) => `${op.method} ${op.path}`).sort()).toEqual([
      'GET /api/health',
      'GET /api/v1/auth/options',
      'GET /api/v1/auth/password-reset/{token}',
      'GET /api/v1/integration/ping',
      'GET /api/v1/invitations/{token}',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/password-reset',
      'POST /api/v1/auth/password-reset/{token}',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/credentials/revoke',
      'POST /api/v1/invitations/{token}/accept',
      'POST /api/v1/secret-scanning/github',
    ]);
    for (const op of open.filter((o) => o.method === 'GET' && o.pathParams.length === 0)) expect((await call(op, {})).status).toBe(200);
    expect(
      (
        await call(
          open.find((o) => o.operationId === 'getInvitation')!,
          {},
        )
      ).status,
    ).toBe(200);
  });

  /**
   * What may this credential obtain: an answer that hands out a secret, or a
   * call that changes what a credential or a role can do, must give nothing
   * the caller lacks. Such routes are recognised by their shape (a secret in
   * the answer, or permissions or roles in the body or the answer, on any
   * method but GET) and must say so (`x-grants`, from the `grants` option of
   * `@Authenticated`); each is then called by a member, and by a key, holding
   * only the permission the route asks for, on things the Owner made holding
   * everything, asking for a permission the caller lacks: 403, from the grant
   * check, for every one.
   */
  describe('what a credential may obtain', () => {
    const SECRET_FIELDS = ['key', 'inviteUrl', 'accessToken', 'refreshToken', 'token', 'secret'];
    const GRANT_FIELDS = ['permissions', 'roles', 'roleIds'];
    /**
     * Routes that answer a secret of the caller's own: signing in, refreshing
     * and resetting a password give the account a session of itself; accepting
     * an invitation redeems a grant that was checked when its link was issued
     * (created or renewed) and gives the account what the link named.
     */
    const OWN_CREDENTIAL = ['login', 'refresh', 'completePasswordReset', 'acceptInvitation'];
    /** Routes whose `permissions` are a question (does this key hold them?), handing out and granting nothing. */
    const QUESTIONS = ['verifyApiKey'];
    const grantRoutes = () => inventory.operations.filter((op) => op.policy.kind === 'organization' && (op.policy as { grants: boolean }).grants);
    const ALL_PERMISSIONS = ['key:manage', 'member:manage', 'role:manage', 'audit:read'];
    /** The Owner's things, each holding every permission it can: what a caller holding one permission must not obtain or change. */
    let mighty: Record<string, string>;

    beforeAll(async () => {
      const allRole = await createRole(t, owner, 'Holds everything', ALL_PERMISSIONS);
      const powerfulKey = await t.http
        .post(`/api/v1/orgs/${owner.orgId}/api-keys`)
        .set(bearer(owner.token))
        .send({ name: 'Holds everything grantable', permissions: ['member:manage', 'role:manage', 'audit:read'] })
        .expect(201);
      const invited = await t.http
        .post(`/api/v1/orgs/${owner.orgId}/members`)
        .set(bearer(owner.token))
        .send({ email: 'mighty-invitee@example.com', name: 'Mighty', roleIds: [allRole] })
        .expect(201);
      const plain = await addMember(t, owner, 'grant-target@example.com', ['Member']);
      mighty = { orgId: owner.orgId, keyId: powerfulKey.body.id, roleId: allRole, userId: plain.userId, invitationId: invited.body.invitation.id };
    });

    const hasField = (schema: SchemaObject | undefined, names: string[]): boolean =>
      !!schema &&
      (Object.entries(schema.properties ?? {}).some(([name, value]) => names.includes(name) || hasField(value, names)) ||
        hasField(schema.items, names));

    it('declares every route whose answer holds a secret or whose call changes a grant', () => {
      const issuing = inventory.operations.filter(
        (op) => op.method !== 'GET' && (hasField(op.response, [...SECRET_FIELDS, ...GRANT_FIELDS]) || hasField(op.body, GRANT_FIELDS)),
      );
      const undeclared = issuing
        .filter((op) => !OWN_CREDENTIAL.includes(op.operationId) && !QUESTIONS.includes(op.operationId))
        .filter((op) => !(op.policy.kind === 'organization' && (op.policy as { grants: boolean }).grants))
        .map((op) => op.operationId);
      expect({ undeclared }).toEqual({ undeclared: [] });
      expect(
        grantRoutes()
          .map((op) => op.operationId)
          .sort(),
      ).toEqual(
        issuing
          .filter((op) => !OWN_CREDENTIAL.includes(op.operationId) && !QUESTIONS.includes(op.operationId))
          .map((op) => op.operationId)
          .sort(),
      );
      expect(grantRoutes().length).toBeGreaterThanOrEqual(8);
    });

    it('refuse, with 403 from the grant check, a member or a key that would obtain or grant a permission it lacks', async () => {
      expect(grantRoutes().length).toBeGreaterThan(0);
      for (const op of grantRoutes()) {
        const { anyPermission, admitsApiKeys } = op.policy as { anyPermission: string[]; admitsApiKeys: boolean };
        const held = anyPermission[0];
        const lacking = ['member:manage', 'role:manage', 'audit:read'].find((p) => p !== held)!;
        const body = op.body && { ...(validValue(op.body) as object), ...grantFields(op, [lacking], [mighty.roleId]) };
        const callers: [string, Headers][] = [[`a member holding only ${held}`, bearer(holders.get(held)!.token)]];
        if (admitsApiKeys) callers.push([`a key holding only ${held}`, { 'X-API-Key': keyHolders.get(held)! }]);
        for (const [who, headers] of callers) {
          checks++;
          let request = t.http[op.method.toLowerCase() as 'post'](urlOf(op, mighty));
          for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
          const response = await (body ? request.send(body) : request);
          const label = `${op.operationId} by ${who}`;
          expect({ label, status: response.status }).toEqual({ label, status: 403 });
          expect({ label, detail: expectProblem(response, 403).detail }).toEqual({
            label,
            detail: expect.stringMatching(/^You can't grant permissions you don't have yourself: /),
          });
        }
      }
    });

    /** The body's permission and role fields, set to what the caller must not hand out. */
    function grantFields(op: Operation, permissions: string[], roleIds: string[]) {
      const fields = Object.keys(op.body?.properties ?? {});
      return {
        ...(fields.includes('permissions') ? { permissions } : {}),
        ...(fields.includes('roleIds') ? { roleIds } : {}),
      };
    }
  });

  it('identifies a caller of a public-or-signed-in route by its token, refusing a bad one rather than ignoring it', async () => {
    const routes = byPolicy('publicOrUser')();
    expect(routes.map((op) => op.operationId)).toEqual(['acceptInvitation']);
    for (const op of routes) {
      for (const [label, headers] of badCredentials.filter(([, h]) => 'Authorization' in h && !h.Authorization.includes('tptm_'))) {
        await expectUnauthorized(op, headers, `${op.operationId} with ${label}`);
      }
    }
  });
});

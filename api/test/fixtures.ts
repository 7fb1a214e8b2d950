import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { bearer, OWNER_EMAIL, OWNER_PASSWORD, TestApp } from './harness';

export interface Session {
  token: string;
  orgId: string;
  userId: string;
}

/** The server-side session an access token belongs to (its `sid` claim), for tests that forge tokens of it. */
export const sessionIdOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;

/** The bootstrapped Owner, signed in, in the first organization. */
export async function ownerSession(t: TestApp, password = OWNER_PASSWORD): Promise<Session> {
  const token = await t.signIn(OWNER_EMAIL, password);
  const me = await t.http.get('/api/v1/me').set(bearer(token)).expect(200);
  return { token, orgId: me.body.memberships[0].organization.id, userId: me.body.id };
}

export async function roleIdByName(t: TestApp, session: Session, name: string): Promise<string> {
  const roles = await t.http.get(`/api/v1/orgs/${session.orgId}/roles`).set(bearer(session.token)).expect(200);
  const role = roles.body.items.find((r: { name: string }) => r.name === name);
  if (!role) throw new Error(`no role ${name}`);
  return role.id;
}

export async function createRole(t: TestApp, session: Session, name: string, permissions: string[]): Promise<string> {
  const response = await t.http.post(`/api/v1/orgs/${session.orgId}/roles`).set(bearer(session.token)).send({ name, permissions }).expect(201);
  return response.body.id;
}

/** The password members created by `addMember` choose when they accept their invitation. */
export const MEMBER_PASSWORD = 'member-password-0123';

/** Invites the email with the named roles; returns the invitation's answer (its `inviteUrl` is the only copy of the link). */
export async function invite(t: TestApp, admin: Session, email: string, roleNames: string[] = []) {
  const roleIds = await Promise.all(roleNames.map((n) => roleIdByName(t, admin, n)));
  const invited = await t.http
    .post(`/api/v1/orgs/${admin.orgId}/members`)
    .set(bearer(admin.token))
    .send({ email, name: email.split('@')[0], roleIds })
    .expect(201);
  return invited.body as { invitation: { id: string; email: string }; inviteUrl: string };
}

export const inviteToken = (inviteUrl: string) => inviteUrl.slice(inviteUrl.lastIndexOf('/') + 1);

/**
 * Invites a new user to the session's organization with the named roles and
 * accepts as them (choosing MEMBER_PASSWORD); or, given `existing`, accepts
 * as that signed-in account. Returns the member signed in.
 */
export async function addMember(t: TestApp, admin: Session, email: string, roleNames: string[] = [], existing?: Session): Promise<Session> {
  const { inviteUrl } = await invite(t, admin, email, roleNames);
  const accept = t.http.post(`/api/v1/invitations/${inviteToken(inviteUrl)}/accept`);
  const accepted = existing
    ? await accept.set(bearer(existing.token)).send({}).expect(200)
    : await accept.send({ password: MEMBER_PASSWORD }).expect(200);
  const token: string = existing?.token ?? accepted.body.accessToken;
  const me = await t.http.get('/api/v1/me').set(bearer(token)).expect(200);
  return { token, orgId: admin.orgId, userId: me.body.id };
}

/** A second organization, created by a brand-new user who is its Owner. */
export async function otherOrganization(t: TestApp, admin: Session, email: string): Promise<Session> {
  const outsider = await addMember(t, admin, email);
  await t.http.delete(`/api/v1/orgs/${admin.orgId}/members/${outsider.userId}`).set(bearer(admin.token)).expect(204);
  const org = await t.http
    .post('/api/v1/orgs')
    .set(bearer(outsider.token))
    .send({ name: `Org of ${email}` })
    .expect(201);
  return { ...outsider, orgId: org.body.id };
}

export async function createKey(t: TestApp, session: Session, name: string): Promise<{ id: string; key: string }> {
  const response = await t.http.post(`/api/v1/orgs/${session.orgId}/api-keys`).set(bearer(session.token)).send({ name }).expect(201);
  return { id: response.body.id, key: response.body.key };
}

/** Asserts an RFC 9457 problem response with the given status; returns its body. */
export function expectProblem(
  response: { status: number; headers: Record<string, string>; body: Record<string, unknown>; text: string },
  status: number,
) {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: 'application/problem+json; charset=utf-8',
  });
  expect(response.body).toMatchObject({ status, type: expect.stringMatching(/^urn:tptm:problem:/), title: expect.any(String) });
  expect(response.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
  return response.body as { type: string; title: string; status: number; detail?: string; errors?: { field: string; message: string }[] };
}

/**
 * How many SQL statements the app sends to its database while `action` runs:
 * every one passes through the ORM's query builder (knex), whether the ORM
 * wrote it or it is a prepared statement sent on a pooled connection.
 */
/**
 * Resolves once no statement has run for `quietMs`: work a change sets off in
 * the background (the expiry announcer, woken by the change's notification,
 * which PostgreSQL delivers after the commit) is done before a count begins.
 */
export async function untilQuiet(t: TestApp, quietMs = 150): Promise<void> {
  const knex = (t.app.get(MikroORM).em as EntityManager).getConnection().getKnex();
  let last = Date.now();
  const seen = () => (last = Date.now());
  knex.on('query', seen);
  try {
    while (Date.now() - last < quietMs) await new Promise((resolve) => setTimeout(resolve, 25));
  } finally {
    knex.off('query', seen);
  }
}

export async function countQueries(t: TestApp, action: () => PromiseLike<unknown>): Promise<number> {
  const knex = (t.app.get(MikroORM).em as EntityManager).getConnection().getKnex();
  let count = 0;
  const counted = () => count++;
  knex.on('query', counted);
  try {
    await action();
  } finally {
    knex.off('query', counted);
  }
  return count;
}

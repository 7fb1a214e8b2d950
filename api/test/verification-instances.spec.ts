import { createHash } from 'node:crypto';
import request from 'supertest';
import { serviceTokenCommand } from '../src/cli/service-token.command';
import { bearer, createTestDatabase, OWNER_EMAIL, OWNER_PASSWORD, startApp, TestApp, TestDatabase, testConfig } from './harness';
import { expectProblem } from './fixtures';
import { openEventStream, OpenedStream } from './support/event-stream';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Two instances on one PostgreSQL database: a key changed through one is
 * streamed by the other, a stream resumes on either, and a service token
 * revoked by the operator is refused by both at once. (Both apps share one
 * configuration: passport's strategies are process-global, so the JWT and
 * key strategies of the last app answer for both, with the same secret.)
 */
onPostgres('key verification across instances', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let token: string;
  let orgId: string;
  let service: { token: string; id: string };
  const streams: OpenedStream[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db);
    a = await startApp(db, {}, config);
    b = await startApp(db, {}, config);
    token = (await request(a.url).post('/api/v1/auth/login').send({ email: OWNER_EMAIL, password: OWNER_PASSWORD }).expect(200)).body.accessToken;
    orgId = (await request(a.url).get('/api/v1/me').set(bearer(token)).expect(200)).body.memberships[0].organization.id;
    const out: string[] = [];
    await serviceTokenCommand(config, ['create', 'Cross-instance service'], { out: (l) => out.push(l), err: () => undefined });
    service = { token: out.at(-1)!, id: out[0].match(/id ([0-9a-f-]{36})/)![1] };
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await b?.stop();
    await a?.stop();
    await db?.drop();
  });

  async function stream(app: TestApp, headers: Record<string, string> = {}) {
    const opened = await openEventStream(`${app.url}/api/v1/keys/revocations`, { ...bearer(service.token), ...headers });
    expect(opened.status).toBe(200);
    streams.push(opened);
    return opened;
  }
  const digestOf = (opened: OpenedStream, digest: string) => opened.next((e) => e.event === 'revoked' && JSON.parse(e.data).digest === digest);
  async function createKey(name: string) {
    return (await request(a.url).post(`/api/v1/orgs/${orgId}/api-keys`).set(bearer(token)).send({ name }).expect(201)).body as {
      id: string;
      key: string;
    };
  }
  const remove = (id: string) => request(a.url).delete(`/api/v1/orgs/${orgId}/api-keys/${id}`).set(bearer(token)).expect(204);

  it('streams a key deleted through one instance from the other, and resumes a stream of one on the other', async () => {
    const onB = await stream(b);
    const first = await createKey('First');
    const second = await createKey('Second');
    await remove(first.id);
    const seen = await digestOf(onB, sha256(first.key));
    onB.close();
    await remove(second.id);
    const resumed = await stream(a, { 'Last-Event-ID': seen.id! });
    const missed = await digestOf(resumed, sha256(second.key));
    expect(JSON.parse(missed.data)).toMatchObject({ keyId: second.id, organizationId: orgId, reason: 'deleted' });
    expect(resumed.events.some((e) => e.event === 'reset' || JSON.parse(e.data).digest === sha256(first.key))).toBe(false);
  });

  it('refuses a service token on every instance as soon as the operator revokes it', async () => {
    const key = await createKey('Verified on both');
    for (const app of [a, b])
      expect((await request(app.url).post('/api/v1/keys/verify').set(bearer(service.token)).send({ key: key.key }).expect(200)).body.code).toBe(
        'VALID',
      );
    expect(await serviceTokenCommand(a.config, ['revoke', service.id], { out: () => undefined, err: () => undefined })).toBe(0);
    for (const app of [a, b])
      expectProblem(await request(app.url).post('/api/v1/keys/verify').set(bearer(service.token)).send({ key: key.key }), 401);
  });
});

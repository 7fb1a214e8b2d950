import { Clock } from '../src/common/clock';
import { createTestDatabase, startApp, TestApp, testConfig } from './harness';
import { expectProblem } from './fixtures';

const HOUR_MS = 3_600_000;

/** The public leak report's limit, 60 calls an hour per client, holds for the client across instances. */
describe('public report limit across instances', () => {
  let first: TestApp;
  let second: TestApp;
  // Early in an hour, so the 61 calls below all fall in it.
  let now = Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 60_000;

  beforeAll(async () => {
    const db = await createTestDatabase();
    const config = testConfig(db);
    first = await startApp(db, {}, config);
    second = await startApp(db, {}, config);
    for (const app of [first, second]) jest.spyOn(app.app.get(Clock), 'now').mockImplementation(() => now);
  });
  afterAll(async () => {
    await second.stop();
    await first.close();
  });

  const report = (app: TestApp) => app.http.post('/api/v1/credentials/revoke').send({ credentials: [] });

  it('counts the calls of one client on every instance together, and starts again the next hour', async () => {
    for (let i = 0; i < 30; i++) {
      await report(first).expect(202);
      await report(second).expect(202);
    }
    for (const app of [first, second]) {
      const refused = await report(app).expect(429);
      expect(expectProblem(refused, 429).type).toBe('urn:tptm:problem:rate-limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    now += HOUR_MS;
    await report(second).expect(202);
    await report(first).expect(202);
  });
});

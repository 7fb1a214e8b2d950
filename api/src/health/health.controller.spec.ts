import { Client } from 'pg';
import { createTestDatabase, startApp, TestApp } from '../../test/harness';

/** A statement on the PostgreSQL server's own database, which stays up while the app's is cut off. */
async function serverQuery(sql: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}
import { expectProblem } from '../../test/fixtures';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(await createTestDatabase());
  });
  afterAll(() => t.close());

  it('is 200 while the database answers and 503 problem+json when it does not', async () => {
    expect((await t.http.get('/api/health').expect(200)).body).toEqual({ status: 'ok' });
    const database = t.db.databaseUrl ? new URL(t.db.databaseUrl).pathname.slice(1) : undefined;
    if (database) {
      await serverQuery(`alter database ${database} allow_connections false`);
      await serverQuery('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]);
    } else {
      await t.db.embedded!.pglite.close();
    }
    const down = await t.http.get('/api/health');
    expect(expectProblem(down, 503).detail).toBe('The database is not answering.');
    expect(down.headers['retry-after']).toBe('5');

    if (database) {
      await serverQuery(`alter database ${database} allow_connections true`);
      await t.http.get('/api/health').expect(200);
    }
  });
});

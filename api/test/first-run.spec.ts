import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIRST_RUN_PASSWORD_FILE } from '../src/organizations/first-run.service';
import { createTestDatabase, OWNER_EMAIL, startApp, testConfig, TestApp } from './harness';

/**
 * A generated first-run password is a secret: with no terminal to show it on
 * (a service manager, a container) stdout is the log stream, so it goes to a
 * file only the server's user can read, and never into a log line.
 */
describe('first run without TPTM_ADMIN_PASSWORD, not on a terminal', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tptm-first-run-'));
    const db = await createTestDatabase();
    const config = testConfig(db, { TPTM_DATA_DIR: dataDir });
    t = await startApp(db, {}, { ...config, bootstrap: { ...config.bootstrap, password: undefined, terminal: false } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves the password in a file only its owner can read, says where in the log, and never logs it', async () => {
    const file = join(dataDir, FIRST_RUN_PASSWORD_FILE);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [email, password] = readFileSync(file, 'utf8').trim().split('\n');
    expect(email).toBe(OWNER_EMAIL);
    expect(password).toMatch(/^[0-9A-Za-z]{24}$/);
    await t.signIn(email, password);
    expect(t.logs).toContainEqual(expect.objectContaining({ level: 'warn', context: 'FirstRunService', msg: expect.stringContaining(file) }));
    expect(t.rawLogs()).not.toContain(password);
  });
});

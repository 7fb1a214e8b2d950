import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'tptm-config-'));

  it('runs with no configuration at all, generating and keeping a signing secret in the data dir', () => {
    const dir = dataDir();
    const first = loadConfig({ TPTM_DATA_DIR: dir });
    expect(first).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, dataDir: dir, embeddedDatabase: join(dir, 'pgdata') });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(first.jwtSecret);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ TPTM_DATA_DIR: dir }).jwtSecret).toBe(first.jwtSecret);
    expect(first.bootstrap).toEqual({
      email: 'admin@example.com',
      password: undefined,
      organizationName: 'My Organization',
      terminal: Boolean(process.stdout.isTTY),
    });
  });

  it('requires an explicit signing secret with a PostgreSQL server, and says how to make one', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/db', TPTM_DATA_DIR: dataDir() })).toThrow(/TPTM_JWT_SECRET is required.*openssl rand/s);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TPTM_JWT_SECRET: 'short', TPTM_ADMIN_PASSWORD: 'tiny', TPTM_LOG_LEVEL: 'loud', TPTM_TRUST_PROXY: 'maybe' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'DATABASE_URL must start with postgres:// or postgresql://',
        'TPTM_JWT_SECRET must be at least 32 characters long',
        'TPTM_ADMIN_PASSWORD must be 12 to 256 characters long',
        'TPTM_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        'PORT must be a whole number from 0 to 65535 (got "eighty")',
        'TPTM_TRUST_PROXY must be true or false (got "maybe")',
      ]);
    }
  });
});

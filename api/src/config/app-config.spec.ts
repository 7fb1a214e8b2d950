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
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/db', TPTM_DATA_DIR: dataDir() })).toThrow(
      /TPTM_JWT_SECRET is required.*openssl rand/s,
    );
  });

  it('generates and keeps the idempotency secret beside the embedded database, and requires one with a PostgreSQL server', () => {
    const dir = dataDir();
    const first = loadConfig({ TPTM_DATA_DIR: dir });
    expect(first.idempotencySecret.length).toBeGreaterThanOrEqual(32);
    expect(first.idempotencySecret).not.toBe(first.jwtSecret);
    expect(readFileSync(join(dir, 'idempotency-secret'), 'utf8').trim()).toBe(first.idempotencySecret);
    expect(statSync(join(dir, 'idempotency-secret')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ TPTM_DATA_DIR: dir }).idempotencySecret).toBe(first.idempotencySecret);
    const server = { DATABASE_URL: 'postgres://localhost/db', TPTM_DATA_DIR: dataDir(), TPTM_JWT_SECRET: 'j'.repeat(32) };
    expect(() => loadConfig(server)).toThrow(/TPTM_IDEMPOTENCY_SECRET is required.*openssl rand/s);
    expect(() => loadConfig({ ...server, TPTM_IDEMPOTENCY_SECRET: 'short' })).toThrow(/TPTM_IDEMPOTENCY_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ ...server, TPTM_IDEMPOTENCY_SECRET: 'j'.repeat(32) })).toThrow(/TPTM_IDEMPOTENCY_SECRET must differ/);
    expect(loadConfig({ ...server, TPTM_IDEMPOTENCY_SECRET: 'i'.repeat(32) }).idempotencySecret).toBe('i'.repeat(32));
  });

  it('takes mail settings only as a whole: an SMTP URL needs the public URL its links point at, and a real address', () => {
    const dir = dataDir();
    const mail = loadConfig({ TPTM_DATA_DIR: dir, TPTM_SMTP_URL: 'smtps://u:p@mail.example.com', TPTM_PUBLIC_URL: 'https://keys.example.com' });
    expect(mail).toMatchObject({
      smtpUrl: 'smtps://u:p@mail.example.com',
      publicUrl: 'https://keys.example.com',
      smtpFrom: 'TPTM API Keys <no-reply@localhost>',
    });
    expect(() => loadConfig({ TPTM_DATA_DIR: dir, TPTM_SMTP_URL: 'smtps://u:p@mail.example.com' })).toThrow(/TPTM_SMTP_URL needs TPTM_PUBLIC_URL/);
    expect(() => loadConfig({ TPTM_DATA_DIR: dir, TPTM_SMTP_URL: 'http://mail.example.com', TPTM_PUBLIC_URL: 'https://k.example' })).toThrow(
      /smtp:\/\/ or smtps:\/\//,
    );
    expect(() => loadConfig({ TPTM_DATA_DIR: dir, TPTM_SMTP_FROM: 'no address\r\nBcc: x@y.z' })).toThrow(/TPTM_SMTP_FROM must be an address/);
    expect(() => loadConfig({ TPTM_DATA_DIR: dir, TPTM_PUBLIC_URL: 'https://a.example,https://b.example' })).toThrow(
      /TPTM_PUBLIC_URL must be one origin/,
    );
    // The SMTP password is never quoted back in an error.
    try {
      loadConfig({ TPTM_DATA_DIR: dir, TPTM_SMTP_URL: 'smtps://user:hunter2-secret@mail.example.com' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2-secret');
    }
  });

  it('lets anyone create organizations unless TPTM_ORG_CREATION says operators, who are the administrator and TPTM_OPERATOR_EMAILS', () => {
    const dir = dataDir();
    expect(loadConfig({ TPTM_DATA_DIR: dir })).toMatchObject({ organizationCreation: 'anyone', operatorEmails: [] });
    expect(
      loadConfig({ TPTM_DATA_DIR: dir, TPTM_ORG_CREATION: 'operators', TPTM_OPERATOR_EMAILS: ' Ops@Example.com, b@example.com ' }),
    ).toMatchObject({
      organizationCreation: 'operators',
      operatorEmails: ['ops@example.com', 'b@example.com'],
    });
    expect(() => loadConfig({ TPTM_DATA_DIR: dir, TPTM_ORG_CREATION: 'admins' })).toThrow(
      'TPTM_ORG_CREATION must be anyone or operators (got "admins")',
    );
    expect(() => loadConfig({ TPTM_DATA_DIR: dir, TPTM_OPERATOR_EMAILS: 'ops' })).toThrow(/TPTM_OPERATOR_EMAILS must list email addresses/);
  });

  it('counts key usage unless TPTM_KEY_USAGE_COUNTING turns it off, and refuses anything but a boolean', () => {
    const dir = dataDir();
    expect(loadConfig({ TPTM_DATA_DIR: dir }).keyUsageCounting).toBe(true);
    expect(loadConfig({ TPTM_DATA_DIR: dir, TPTM_KEY_USAGE_COUNTING: 'false' }).keyUsageCounting).toBe(false);
    expect(loadConfig({ TPTM_DATA_DIR: dir, TPTM_KEY_USAGE_COUNTING: 'true' }).keyUsageCounting).toBe(true);
    expect(() => loadConfig({ TPTM_DATA_DIR: dir, TPTM_KEY_USAGE_COUNTING: 'off' })).toThrow(
      'TPTM_KEY_USAGE_COUNTING must be true or false (got "off")',
    );
  });

  it('trusts no proxy by default, and only as many hops or the addresses it is told: never every hop', () => {
    const dir = dataDir();
    const trust = (value?: string) => loadConfig({ TPTM_DATA_DIR: dir, ...(value !== undefined && { TPTM_TRUST_PROXY: value }) }).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, ::1')).toEqual(['10.0.0.0/8', '::1']);
    expect(trust('192.168.1.10,fd00::/8,127.0.0.1/32')).toEqual(['192.168.1.10', 'fd00::/8', '127.0.0.1/32']);
    for (const everything of ['true', 'TRUE', 'yes']) {
      expect(() => trust(everything)).toThrow(
        /TPTM_TRUST_PROXY=true would trust every hop.*the number of proxies in front of the server \(such as 1\) or their addresses \(such as 10\.0\.0\.0\/8,::1\)/,
      );
    }
    for (const bad of ['maybe', '-1', '1.5', '0.0.0.0/0', '::/0', '10.0.0.0/33', '10.0.0.256', 'fd00::/129', '10.0.0.0/8,', 'loopback']) {
      expect(() => trust(bad)).toThrow(/TPTM_TRUST_PROXY must be/);
    }
  });

  it('bounds every wait by default, and takes other bounds only within reason', () => {
    const dir = dataDir();
    expect(loadConfig({ TPTM_DATA_DIR: dir })).toMatchObject({ requestTimeoutMs: 30_000, connectionTimeoutMs: 60_000, databaseTimeoutMs: 5_000 });
    expect(loadConfig({ TPTM_DATA_DIR: dir, TPTM_REQUEST_TIMEOUT_MS: '1000', TPTM_DATABASE_TIMEOUT_MS: '250' })).toMatchObject({
      requestTimeoutMs: 1_000,
      databaseTimeoutMs: 250,
    });
    for (const name of ['TPTM_REQUEST_TIMEOUT_MS', 'TPTM_CONNECTION_TIMEOUT_MS', 'TPTM_DATABASE_TIMEOUT_MS']) {
      for (const bad of ['0', '99', '600001', '30s', '1e4']) {
        expect(() => loadConfig({ TPTM_DATA_DIR: dir, [name]: bad })).toThrow(`${name} must be a whole number from 100 to 600000 (got "${bad}")`);
      }
    }
  });

  it('counts failed sign-ins per account in the per-address window, 50 by default', () => {
    const dir = dataDir();
    expect(loadConfig({ TPTM_DATA_DIR: dir, TPTM_LOGIN_FAILURE_WINDOW_SECONDS: '60' })).toMatchObject({
      loginFailures: { maxFailures: 10, windowSeconds: 60 },
      accountLoginFailures: { maxFailures: 50, windowSeconds: 60 },
    });
    expect(loadConfig({ TPTM_DATA_DIR: dir, TPTM_LOGIN_ACCOUNT_MAX_FAILURES: '20' }).accountLoginFailures.maxFailures).toBe(20);
    expect(() => loadConfig({ TPTM_DATA_DIR: dir, TPTM_LOGIN_ACCOUNT_MAX_FAILURES: '0' })).toThrow(/TPTM_LOGIN_ACCOUNT_MAX_FAILURES must be/);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        TPTM_JWT_SECRET: 'short',
        TPTM_ADMIN_PASSWORD: 'tiny',
        TPTM_LOG_LEVEL: 'loud',
        TPTM_TRUST_PROXY: 'maybe',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'DATABASE_URL must start with postgres:// or postgresql://',
        'TPTM_JWT_SECRET must be at least 32 characters long',
        'TPTM_IDEMPOTENCY_SECRET is required when DATABASE_URL is set, so that every server instance can read the answers ' +
          'the others stored for retried requests. Generate one with: openssl rand -base64 48',
        'TPTM_ADMIN_PASSWORD must be 12 to 256 characters long',
        'TPTM_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        'PORT must be a whole number from 0 to 65535 (got "eighty")',
        'TPTM_TRUST_PROXY must be false, the number of proxies in front of the server (1 to 10), or their addresses or CIDR ranges, such as 10.0.0.0/8,::1 (got "maybe")',
      ]);
    }
  });
});

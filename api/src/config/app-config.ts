import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface FailureLimit {
  /** Failed attempts allowed per client within the window before it gets 429. */
  maxFailures: number;
  windowSeconds: number;
}

export interface AppConfig {
  port: number;
  host: string;
  /** How long a client may take to send a whole request, headers and body; then 408. */
  requestTimeoutMs: number;
  /** How long a connection may stay silent, in the middle of a request or between two, before it is closed. */
  connectionTimeoutMs: number;
  /** How often a verification stream (`GET /keys/revocations`) sends a comment to keep idle proxies from closing it. */
  revocationHeartbeatMs: number;
  /** Unset means the embedded PGlite database under `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * A direct connection (not through a transaction-mode pooler, which drops
   * LISTEN) on which revocations are heard; DATABASE_URL unless set.
   */
  databaseListenUrl: string | undefined;
  /**
   * How long any one database call may wait (for a connection, or for a
   * statement, which PostgreSQL then cancels) before the request answers 503.
   */
  databaseTimeoutMs: number;
  dataDir: string;
  /** Where PGlite keeps its files (`memory://` for a throwaway database). */
  embeddedDatabase: string;
  jwtSecret: string;
  /** A secret whose tokens are still accepted (never used to sign): for rotating `jwtSecret`. */
  jwtPreviousSecret: string | undefined;
  /**
   * With the `Idempotency-Key` a client sends, what the stored answers to its
   * writes are sealed and found with; the same on every instance.
   */
  idempotencySecret: string;
  tokenTtlSeconds: number;
  /** How long a browser stays signed in without using the console; each refresh starts it again. */
  sessionIdleSeconds: number;
  /**
   * The origin people reach the console at, for links in invitations and
   * password-reset emails. Unset, an invitation link shown to the inviter uses
   * the origin of their own request; emailed links always use this.
   */
  publicUrl: string | undefined;
  /** `smtp://` or `smtps://` URL of the mail server; unset, nothing is emailed. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /**
   * Who may create organizations: any signed-in account, or only the
   * operators (the bootstrap administrator and `operatorEmails`). Every
   * Owner can invite any address, so without SMTP, where the inviter is
   * handed the link, this is what keeps strangers from inviting.
   */
  organizationCreation: 'anyone' | 'operators';
  /** The operators besides the bootstrap administrator, lower-case. */
  operatorEmails: string[];
  /**
   * Where the public keys that sign GitHub's secret scanning reports come
   * from: GitHub's published list (fetched and cached) or a file of the same
   * shape. With neither, every report is refused (401).
   */
  secretScanning: { keysUrl: string | undefined; keysFile: string | undefined };
  bootstrap: {
    email: string;
    password: string | undefined;
    organizationName: string;
    /** Whether a person is watching stdout, so a generated password may be shown there rather than left in a file. */
    terminal: boolean;
  };
  logLevel: LogLevel;
  /**
   * Which proxies' `X-Forwarded-For` entries are believed: none (`false`),
   * the nearest N hops, or the hops at these addresses or CIDR ranges. Never
   * every hop: the left-most entry is whatever the client wrote.
   */
  trustProxy: false | number | string[];
  corsOrigins: string[];
  loginFailures: FailureLimit;
  /**
   * Failed sign-ins per account (the email given, whether or not it has an
   * account), from any address, in the same window as `loginFailures`.
   */
  accountLoginFailures: FailureLimit;
  keyFailures: FailureLimit;
  lastUsedFlushMs: number;
  /**
   * Whether each authenticated request is counted per key and UTC day (the
   * usage chart). Off, only last-used times are recorded: for measuring what
   * counting costs, or to shed it.
   */
  keyUsageCounting: boolean;
  keyCache: { maxEntries: number; ttlSeconds: number };
  /** Cost of scrypt password hashing as log2(N); lowered only by tests. */
  passwordHashCost: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** More proxies than anyone chains; a larger number is more likely a typo for an address. */
const MAX_PROXY_HOPS = 10;

/**
 * An address, or a CIDR range that is not everything (`0.0.0.0/0`, `::/0`
 * would trust every hop again).
 */
function isProxyRange(range: string): boolean {
  const [address, prefix, extra] = range.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Reads and validates the whole configuration at once, so a misconfigured
 * server stops at boot with every problem listed instead of failing later on
 * the first request that touches a bad value.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const databaseUrl = read.string('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const databaseListenUrl = read.string('DATABASE_LISTEN_URL');
  if (databaseListenUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseListenUrl)) {
    problems.push('DATABASE_LISTEN_URL must start with postgres:// or postgresql://');
  }
  if (databaseListenUrl !== undefined && databaseUrl === undefined) {
    problems.push('DATABASE_LISTEN_URL needs DATABASE_URL: the embedded database hears revocations in process');
  }
  const dataDir = resolve(read.string('TPTM_DATA_DIR') ?? './.tptm-data');

  const jwtSecret = read.string('TPTM_JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('TPTM_JWT_SECRET must be at least 32 characters long');
  }
  if (jwtSecret === undefined && databaseUrl !== undefined) {
    problems.push(
      'TPTM_JWT_SECRET is required when DATABASE_URL is set, so that every server instance signs ' +
        'and accepts the same tokens. Generate one with: openssl rand -base64 48',
    );
  }

  const jwtPreviousSecret = read.string('TPTM_JWT_PREVIOUS_SECRET');
  if (jwtPreviousSecret !== undefined && jwtPreviousSecret.length < 32) {
    problems.push('TPTM_JWT_PREVIOUS_SECRET must be at least 32 characters long');
  }
  if (jwtPreviousSecret !== undefined && jwtPreviousSecret === jwtSecret) {
    problems.push('TPTM_JWT_PREVIOUS_SECRET must differ from TPTM_JWT_SECRET; unset it once rotation is done');
  }

  const idempotencySecret = read.string('TPTM_IDEMPOTENCY_SECRET');
  if (idempotencySecret !== undefined && idempotencySecret.length < 32) {
    problems.push('TPTM_IDEMPOTENCY_SECRET must be at least 32 characters long');
  }
  if (idempotencySecret === undefined && databaseUrl !== undefined) {
    problems.push(
      'TPTM_IDEMPOTENCY_SECRET is required when DATABASE_URL is set, so that every server instance can read the answers ' +
        'the others stored for retried requests. Generate one with: openssl rand -base64 48',
    );
  }
  if (idempotencySecret !== undefined && (idempotencySecret === jwtSecret || idempotencySecret === jwtPreviousSecret)) {
    problems.push('TPTM_IDEMPOTENCY_SECRET must differ from TPTM_JWT_SECRET and TPTM_JWT_PREVIOUS_SECRET');
  }

  const adminEmail = read.string('TPTM_ADMIN_EMAIL') ?? 'admin@example.com';
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) problems.push('TPTM_ADMIN_EMAIL must be an email address');
  const adminPassword = read.string('TPTM_ADMIN_PASSWORD');
  if (adminPassword !== undefined && (adminPassword.length < 12 || adminPassword.length > 256)) {
    problems.push('TPTM_ADMIN_PASSWORD must be 12 to 256 characters long');
  }

  const publicUrl = read.origins('TPTM_PUBLIC_URL');
  if (publicUrl.length > 1) problems.push('TPTM_PUBLIC_URL must be one origin, such as https://keys.example.com');
  const smtpUrl = read.string('TPTM_SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) {
    problems.push('TPTM_SMTP_URL must start with smtp:// or smtps://, such as smtps://user:password@mail.example.com');
  }
  if (smtpUrl !== undefined && publicUrl.length === 0) {
    problems.push('TPTM_SMTP_URL needs TPTM_PUBLIC_URL: emailed links must point at the console, not at whatever a request claimed as its host');
  }
  const smtpFrom = read.string('TPTM_SMTP_FROM') ?? 'TPTM API Keys <no-reply@localhost>';
  // `Name <address>` or a bare address; a name cannot hold `<`, so no two repetitions take the same characters (linear).
  if (!/^(?:[^\r\n<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(smtpFrom))
    problems.push('TPTM_SMTP_FROM must be an address, such as "TPTM <keys@example.com>"');

  const organizationCreation = read.string('TPTM_ORG_CREATION') ?? 'anyone';
  if (organizationCreation !== 'anyone' && organizationCreation !== 'operators') {
    problems.push(`TPTM_ORG_CREATION must be anyone or operators (got "${organizationCreation}")`);
  }
  const operatorEmails = (read.string('TPTM_OPERATOR_EMAILS') ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  for (const email of operatorEmails) {
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) problems.push(`TPTM_OPERATOR_EMAILS must list email addresses, separated by commas (got "${email}")`);
  }

  const keysUrl = read.string('TPTM_SECRET_SCANNING_KEYS_URL');
  if (keysUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(keysUrl)) {
    problems.push('TPTM_SECRET_SCANNING_KEYS_URL must be an http(s) URL, such as https://api.github.com/meta/public_keys/secret_scanning');
  }
  const keysFile = read.string('TPTM_SECRET_SCANNING_KEYS_FILE');
  if (keysFile !== undefined && keysUrl !== undefined) {
    problems.push('Set one of TPTM_SECRET_SCANNING_KEYS_URL and TPTM_SECRET_SCANNING_KEYS_FILE, not both');
  }
  if (keysFile !== undefined) {
    const problem = scanningKeysFileProblem(keysFile);
    if (problem) problems.push(`TPTM_SECRET_SCANNING_KEYS_FILE ${problem}`);
  }

  const logLevel = (read.string('TPTM_LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`TPTM_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const loginWindowSeconds = read.integer('TPTM_LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400);

  const config: AppConfig = {
    port: read.integer('PORT', 3000, 0, 65535),
    host: read.string('HOST') ?? '127.0.0.1',
    requestTimeoutMs: read.integer('TPTM_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    connectionTimeoutMs: read.integer('TPTM_CONNECTION_TIMEOUT_MS', 60_000, 100, 600_000),
    revocationHeartbeatMs: read.integer('TPTM_REVOCATION_HEARTBEAT_MS', 15_000, 10, 600_000),
    databaseUrl,
    databaseListenUrl: databaseListenUrl ?? databaseUrl,
    databaseTimeoutMs: read.integer('TPTM_DATABASE_TIMEOUT_MS', 5_000, 100, 600_000),
    dataDir,
    embeddedDatabase: join(dataDir, 'pgdata'),
    jwtSecret: '',
    jwtPreviousSecret,
    idempotencySecret: '',
    tokenTtlSeconds: read.integer('TPTM_TOKEN_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
    sessionIdleSeconds: read.integer('TPTM_SESSION_IDLE_SECONDS', 7 * 24 * 3600, 300, 90 * 24 * 3600),
    publicUrl: publicUrl[0],
    smtpUrl,
    smtpFrom,
    organizationCreation: organizationCreation as AppConfig['organizationCreation'],
    operatorEmails,
    secretScanning: { keysUrl, keysFile: keysFile === undefined ? undefined : resolve(keysFile) },
    bootstrap: {
      email: adminEmail,
      password: adminPassword,
      organizationName: read.string('TPTM_ORG_NAME') ?? 'My Organization',
      terminal: Boolean(process.stdout.isTTY),
    },
    logLevel,
    trustProxy: read.trustedProxies('TPTM_TRUST_PROXY'),
    corsOrigins: read.origins('TPTM_CORS_ORIGINS'),
    loginFailures: { maxFailures: read.integer('TPTM_LOGIN_MAX_FAILURES', 10, 1, 1_000_000), windowSeconds: loginWindowSeconds },
    accountLoginFailures: { maxFailures: read.integer('TPTM_LOGIN_ACCOUNT_MAX_FAILURES', 50, 1, 1_000_000), windowSeconds: loginWindowSeconds },
    keyFailures: {
      maxFailures: read.integer('TPTM_KEY_MAX_FAILURES', 60, 1, 1_000_000),
      windowSeconds: read.integer('TPTM_KEY_FAILURE_WINDOW_SECONDS', 60, 1, 86_400),
    },
    lastUsedFlushMs: read.integer('TPTM_LAST_USED_FLUSH_MS', 10_000, 10, 3_600_000),
    keyUsageCounting: read.boolean('TPTM_KEY_USAGE_COUNTING', true),
    keyCache: {
      maxEntries: read.integer('TPTM_KEY_CACHE_MAX_ENTRIES', 100_000, 0, 10_000_000),
      ttlSeconds: read.integer('TPTM_KEY_CACHE_TTL_SECONDS', 300, 1, 86_400),
    },
    passwordHashCost: read.integer('TPTM_PASSWORD_HASH_COST', 15, 10, 20),
  };

  if (problems.length > 0) throw new ConfigError(problems);

  config.jwtSecret = jwtSecret ?? readOrCreateLocalSecret(dataDir, 'jwt-secret');
  config.idempotencySecret = idempotencySecret ?? readOrCreateLocalSecret(dataDir, 'idempotency-secret');
  return config;
}

/**
 * The embedded setup must work with zero configuration, so its secrets (the
 * token signing one, the idempotency one) are generated once and kept beside
 * the database they belong to.
 */
function readOrCreateLocalSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    // Digits only: Number() would also read 1e4, 0x10 and 1_000 as numbers nobody meant to write.
    const value = /^[0-9]{1,15}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /**
   * Comma-separated origins allowed to call the API from a browser, each
   * exactly `scheme://host[:port]`: no wildcard, no path, so that what is
   * allowed is what is written.
   */
  origins(name: string): string[] {
    const origins = (this.string(name) ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of origins) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
        this.problems.push(`${name} must list origins like https://console.example.com, without a path or wildcard (got "${origin}")`);
      }
    }
    return origins;
  }

  /** A hop count (`1`, `2`…) or a comma-separated list of addresses and CIDR ranges; `false` or `0` trusts none. */
  trustedProxies(name: string): false | number | string[] {
    const raw = this.string(name);
    if (raw === undefined || ['false', 'no', '0'].includes(raw.toLowerCase())) return false;
    if (['true', 'yes'].includes(raw.toLowerCase())) {
      this.problems.push(
        `${name}=true would trust every hop of X-Forwarded-For, whose left-most address the client writes itself. ` +
          'Set the number of proxies in front of the server (such as 1) or their addresses (such as 10.0.0.0/8,::1)',
      );
      return false;
    }
    if (/^[0-9]+$/.test(raw) && Number(raw) <= MAX_PROXY_HOPS) return Number(raw);
    const ranges = raw.split(',').map((r) => r.trim());
    if (ranges.every(isProxyRange)) return ranges;
    this.problems.push(
      `${name} must be false, the number of proxies in front of the server (1 to ${MAX_PROXY_HOPS}), ` +
        `or their addresses or CIDR ranges, such as 10.0.0.0/8,::1 (got "${raw}")`,
    );
    return false;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }
}

/** What is wrong with a file of secret scanning keys (`{public_keys: [{key_identifier, key, is_current}]}`), if anything. */
function scanningKeysFileProblem(path: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return `must name a readable JSON file (${(error as Error).message})`;
  }
  const keys = (parsed as { public_keys?: unknown } | null)?.public_keys;
  const valid =
    Array.isArray(keys) &&
    keys.every(
      (k: { key_identifier?: unknown; key?: unknown }) =>
        typeof k?.key_identifier === 'string' && typeof k.key === 'string' && k.key.includes('BEGIN PUBLIC KEY'),
    );
  return valid ? undefined : 'must hold {"public_keys": [{"key_identifier", "key" (a PEM public key), "is_current"}]}';
}

import { createPublicKey, KeyObject, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { loggableError } from '../errors/to-problem';

/** How long a fetch of the published keys may take: a report waits on it. */
const FETCH_TIMEOUT_MS = 5_000;
/** An unknown identifier refetches the list at most this often, so forged reports cannot make us hammer GitHub. */
const MIN_REFETCH_INTERVAL_MS = 1_000;

interface PublishedKeys {
  public_keys?: { key_identifier?: unknown; key?: unknown }[];
}

/**
 * The public keys that sign secret scanning reports, by identifier: from
 * `TPTM_SECRET_SCANNING_KEYS_FILE` (read at start-up), or fetched from
 * `TPTM_SECRET_SCANNING_KEYS_URL`, cached, and fetched again (once per
 * report) when a report names an identifier the cache does not hold: GitHub
 * rotates its keys by publishing a new one.
 */
@Injectable()
export class SecretScanningKeys {
  private readonly logger = new Logger(SecretScanningKeys.name);
  private keys = new Map<string, KeyObject>();
  private fetchedAt = -Infinity;
  private fetching: Promise<void> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const file = config.secretScanning.keysFile;
    if (file) this.keys = parseKeys(JSON.parse(readFileSync(file, 'utf8')) as PublishedKeys);
  }

  /** Whether `signature` (base64 DER ECDSA P-256/SHA-256) over `body` is by the key named `identifier`. */
  async verify(identifier: string, signature: string, body: Buffer): Promise<boolean> {
    const key = await this.key(identifier);
    if (!key) return false;
    try {
      return verify('sha256', body, { key, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }

  private async key(identifier: string): Promise<KeyObject | undefined> {
    const url = this.config.secretScanning.keysUrl;
    if (url === undefined) return this.keys.get(identifier);
    if (!this.keys.has(identifier) && Date.now() - this.fetchedAt >= MIN_REFETCH_INTERVAL_MS) await this.refetch(url);
    return this.keys.get(identifier);
  }

  /** One fetch at a time: reports arriving meanwhile wait for it rather than each fetching. */
  private refetch(url: string): Promise<void> {
    this.fetching ??= this.fetch(url).finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async fetch(url: string): Promise<void> {
    this.fetchedAt = Date.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.keys = parseKeys((await response.json()) as PublishedKeys);
    } catch (error) {
      // The keys cached before still verify; a report signed by a new key is refused until a fetch succeeds.
      this.logger.warn({ err: loggableError(error) }, 'the secret scanning public keys could not be fetched');
    }
  }
}

function parseKeys(published: PublishedKeys): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const entry of published.public_keys ?? []) {
    if (typeof entry.key_identifier !== 'string' || typeof entry.key !== 'string') continue;
    try {
      keys.set(entry.key_identifier, createPublicKey(entry.key));
    } catch {
      // A key this server cannot read verifies nothing; the others still do.
    }
  }
  return keys;
}

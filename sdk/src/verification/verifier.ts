import { digestOfApiKey, isWellFormedApiKey } from './key-format.js';

export type VerificationCode =
  'VALID' | 'NOT_FOUND' | 'EXPIRED' | 'DISABLED' | 'RATE_LIMITED' | 'IP_NOT_ALLOWED' | 'POLICY_VIOLATION' | 'INSUFFICIENT_PERMISSIONS';

/** The answer of `POST /api/v1/keys/verify`. */
export interface KeyVerification {
  valid: boolean;
  code: VerificationCode;
  organization?: { id: string; name: string };
  apiKey?: { id: string; name: string; maskedKey: string; permissions: string[]; expiresAt: string | null };
  rateLimit?: { limit: number; remaining: number; resetSeconds: number };
}

export interface VerifyApiKeyOptions {
  /** Where TPTM runs, e.g. `https://keys.example.com`. */
  baseUrl: string;
  /** A service token (`npm run service-token -- create <name>` on the TPTM server). */
  serviceToken: string;
  /**
   * A `fetch` other than the global one, of the same shape (its answer's
   * `body` is read as a web stream). Typed without the DOM's or Node's own
   * types, which a program using the SDK need not have.
   */
  fetch?: VerificationFetch;
}

/** A `fetch` as verification calls it: the global one is one. */
export type VerificationFetch = (
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: string; signal?: unknown },
) => Promise<unknown>;

/** The fetch given, or the global one, as the global one's type (which only this file's own compilation sees). */
const fetchOf = (options: VerifyApiKeyOptions): typeof fetch => (options.fetch as typeof fetch | undefined) ?? fetch;

/** A bad service token, TPTM unreachable, or an answer that is no verification. */
export class TptmVerificationError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TptmVerificationError';
  }
}

/**
 * Verifies one key with TPTM: one call, no cache. A key that is not well
 * formed is answered `NOT_FOUND` without a call. A `VALID` answer counts as a
 * request of the key (usage, rate limit), as a REST request does.
 */
export async function verifyApiKey(
  options: VerifyApiKeyOptions,
  key: string,
  check: { permissions?: string[]; clientIp?: string } = {},
): Promise<KeyVerification> {
  if (!isWellFormedApiKey(key)) return { valid: false, code: 'NOT_FOUND' };
  const response = await fetchOf(options)(`${options.baseUrl.replace(/\/+$/, '')}/api/v1/keys/verify`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${options.serviceToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ key, ...check }),
  }).catch((error: unknown) => {
    throw new TptmVerificationError(`TPTM could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (response.status !== 200) {
    throw new TptmVerificationError(
      response.status === 401 ? 'TPTM refused the service token (unknown or revoked).' : `TPTM answered ${response.status} to a verification.`,
      response.status,
    );
  }
  return (await response.json()) as KeyVerification;
}

export interface VerifierLogger {
  warn(message: string, detail?: unknown): void;
  info?(message: string, detail?: unknown): void;
}

export interface CacheOptions {
  /** How long a valid answer is reused at most (it never outlives the key's expiry). Default 300 s; 0 turns the cache off. */
  ttlSeconds?: number;
  /** While the revocation stream is down, answers are reused this long at most. Default 5 s. */
  fallbackTtlSeconds?: number;
  /** Entries kept at most (the oldest go first). Default 10,000. */
  maxEntries?: number;
}

export interface KeyVerifierOptions extends VerifyApiKeyOptions {
  cache?: CacheOptions;
  /** Told when the revocation stream goes down (answers then live `fallbackTtlSeconds`) and when it is back. */
  logger?: VerifierLogger;
}

interface Entry {
  answer: KeyVerification;
  digest: string;
  until: number;
}

/**
 * Verifies keys with TPTM and remembers valid answers in memory, keyed by
 * the key's digest (and the caller's address: a key may be bound to some).
 * It listens to TPTM's revocation stream and drops exactly the entries whose
 * secret stopped working or changed; while the stream is down, entries live
 * only a few seconds, and the logger says so. Concurrent checks of one key
 * share one call. Keys with a rate limit are never served from the cache, so
 * their limit holds.
 */
export class TptmKeyVerifier {
  private readonly entries = new Map<string, Entry>();
  private readonly byDigest = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, Promise<KeyVerification>>();
  private readonly ttlMs: number;
  private readonly fallbackTtlMs: number;
  private readonly maxEntries: number;
  private streamLive = false;
  private lastEventId: string | undefined;
  private abort: AbortController | undefined;
  private stopped = false;
  private retryDelayMs = 250;
  private reconnect: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: KeyVerifierOptions) {
    this.ttlMs = (options.cache?.ttlSeconds ?? 300) * 1000;
    this.fallbackTtlMs = (options.cache?.fallbackTtlSeconds ?? 5) * 1000;
    this.maxEntries = options.cache?.maxEntries ?? 10_000;
    if (this.ttlMs > 0) void this.listen();
  }

  /** Whether the revocation stream is connected (cached answers then live their full TTL). */
  get live(): boolean {
    return this.streamLive;
  }

  /** The answer for `key` presented from `clientIp`, judged against `permissions` here, from the cache when it may. */
  async verify(key: string, clientIp?: string, permissions: string[] = []): Promise<KeyVerification> {
    if (!isWellFormedApiKey(key)) return { valid: false, code: 'NOT_FOUND' };
    const digest = await digestOfApiKey(key);
    const slot = `${digest}\n${clientIp ?? ''}`;
    const cached = this.entries.get(slot);
    let answer: KeyVerification;
    if (cached && cached.until > Date.now()) {
      answer = cached.answer;
    } else {
      let pending = this.inFlight.get(slot);
      if (!pending) {
        pending = this.ask(key, digest, slot, clientIp).finally(() => this.inFlight.delete(slot));
        this.inFlight.set(slot, pending);
      }
      answer = await pending;
    }
    if (answer.valid && !permissions.every((p) => answer.apiKey!.permissions.includes(p))) {
      return { ...answer, valid: false, code: 'INSUFFICIENT_PERMISSIONS' };
    }
    return answer;
  }

  /** Stops listening to the revocation stream and forgets every answer. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.reconnect);
    this.abort?.abort();
    this.entries.clear();
    this.byDigest.clear();
  }

  private async ask(key: string, digest: string, slot: string, clientIp: string | undefined): Promise<KeyVerification> {
    const answer = await verifyApiKey(this.options, key, clientIp === undefined ? {} : { clientIp });
    if (answer.valid && this.ttlMs > 0 && !answer.rateLimit) {
      const expiry = answer.apiKey?.expiresAt ? Date.parse(answer.apiKey.expiresAt) : Infinity;
      this.remember(slot, { answer, digest, until: Math.min(Date.now() + (this.streamLive ? this.ttlMs : this.fallbackTtlMs), expiry) });
    }
    return answer;
  }

  private remember(slot: string, entry: Entry): void {
    this.entries.delete(slot);
    this.entries.set(slot, entry);
    let slots = this.byDigest.get(entry.digest);
    if (!slots) this.byDigest.set(entry.digest, (slots = new Set()));
    slots.add(slot);
    while (this.entries.size > this.maxEntries) {
      const [oldest, old] = this.entries.entries().next().value as [string, Entry];
      this.forgetSlot(oldest, old.digest);
    }
  }

  private forgetSlot(slot: string, digest: string): void {
    this.entries.delete(slot);
    const slots = this.byDigest.get(digest);
    slots?.delete(slot);
    if (slots?.size === 0) this.byDigest.delete(digest);
  }

  /** Drops every answer about the secret with this digest. */
  private drop(digest: string): void {
    for (const slot of this.byDigest.get(digest) ?? []) this.entries.delete(slot);
    this.byDigest.delete(digest);
  }

  private shorten(): void {
    const until = Date.now() + this.fallbackTtlMs;
    for (const entry of this.entries.values()) entry.until = Math.min(entry.until, until);
  }

  private async listen(): Promise<void> {
    this.abort = new AbortController();
    try {
      const headers: Record<string, string> = { Authorization: `Bearer ${this.options.serviceToken}`, Accept: 'text/event-stream' };
      if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
      const response = await fetchOf(this.options)(`${this.options.baseUrl.replace(/\/+$/, '')}/api/v1/keys/revocations`, {
        headers,
        signal: this.abort.signal,
      });
      if (response.status !== 200 || !response.body) throw new Error(`the revocation stream answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the revocation stream ended');
        if (!this.streamLive) {
          this.streamLive = true;
          this.retryDelayMs = 250;
          this.options.logger?.info?.('TPTM revocation stream connected: verified keys are cached in full');
        }
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.handle(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      if (this.stopped) return;
      const wasLive = this.streamLive;
      this.streamLive = false;
      this.shorten();
      if (wasLive || this.retryDelayMs === 250) {
        this.options.logger?.warn(
          `TPTM revocation stream down (${error instanceof Error ? error.message : String(error)}); cached answers now live ${this.fallbackTtlMs / 1000} s`,
        );
      }
      this.reconnect = setTimeout(() => void this.listen(), this.retryDelayMs);
      (this.reconnect as { unref?: () => void }).unref?.();
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, 10_000);
    }
  }

  private handle(block: string): void {
    let event = 'message';
    let data = '';
    let id: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
      else if (line.startsWith('id: ')) id = line.slice(4);
    }
    if (id) this.lastEventId = id;
    if (event === 'reset') {
      this.entries.clear();
      this.byDigest.clear();
    } else if (event === 'revoked') {
      this.drop((JSON.parse(data) as { digest: string }).digest);
    }
  }
}

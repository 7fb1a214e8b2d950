// The SDK's HTTP transport: per-call timeouts and cancellation, an
// Idempotency-Key per write kept across its retries, retries with backoff,
// request ids, encoded path parameters, strict JSON, a logger, and a fetch of
// the caller's choosing.
import type { ApiRequestOptions } from './generated/core/ApiRequestOptions.js';
import { parseRateLimit, TptmApiError, TptmConnectionError, TptmUsageError, type TptmProblem } from './errors.js';
import { TptmPromise, type TptmResponse } from './promise.js';
import { SDK_VERSION } from './version.js';

/**
 * The part of an `AbortSignal` the SDK uses; any `AbortSignal` (browser or
 * Node) fits.
 */
export interface TptmAbortSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Options for one call, passed after its parameters: `client.me.getMe({ timeout: 5000 })`. */
export interface TptmRequestOptions {
  /**
   * Aborts the call; it then rejects with the signal's `reason` (an `AbortError`,
   * as `fetch` does). A signal already aborted, or aborted before the request
   * goes out, sends nothing.
   */
  signal?: TptmAbortSignal | undefined;
  /** Milliseconds this call may take, retries included; overrides the client's `timeout`. 0 for no limit. */
  timeout?: number | undefined;
  /** Headers for this call only, over the client's `headers` (e.g. `{ 'X-Request-Id': id }`). */
  headers?: Record<string, string> | undefined;
  /** How many times this call is retried; overrides the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /**
   * The `Idempotency-Key` of this POST, PATCH, PUT or DELETE (1–255 printable
   * ASCII characters), instead of the random one the SDK makes per call: pass
   * the same one when your own job sends the same request again after a crash,
   * and the server answers it from the first run. Keep it as secret as the
   * answer it guards (a created key's secret is stored encrypted under it).
   */
  idempotencyKey?: string | undefined;
}

/** What the SDK passes to `fetch`; the global `fetch`'s `RequestInit` accepts it. */
export interface TptmFetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** An `AbortSignal` (of the DOM's or Node's type, where the program has one). */
  signal: GlobalAbortSignal;
}

/** `AbortSignal` where the program's types declare it (DOM or Node), else the part of it the SDK uses. */
type GlobalAbortSignal = typeof globalThis extends { AbortSignal: { prototype: infer S } } ? S : TptmAbortSignal;

/** The part of a fetch `Response` the SDK reads. */
export interface TptmFetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { forEach(callback: (value: string, name: string) => void): void };
  text(): Promise<string>;
}

/** A `fetch`: the global one, or any with the same shape (a test double, a proxy-aware one). */
export type TptmFetch = (url: string, init: TptmFetchInit) => Promise<TptmFetchResponse>;

/**
 * What the SDK reports to a `logger`: each attempt as it starts, each retry
 * with its reason and wait, and each answer. URLs never hold a secret path
 * parameter; no event holds credentials, bodies or the Idempotency-Key.
 */
export type TptmLogEvent =
  | { type: 'request'; method: string; url: string; attempt: number; requestId: string }
  | {
      type: 'retry';
      method: string;
      url: string;
      /** The attempt that failed. */
      attempt: number;
      /** `connection` (no answer), or the status that is retried: `503`, `429`, `409 idempotency-key-in-use`, … */
      reason: string;
      /** Milliseconds the SDK waits before the next attempt. */
      waitMs: number;
    }
  | { type: 'response'; method: string; url: string; attempt: number; status: number; requestId: string | null; durationMs: number };

/** Receives the SDK's log events; what it throws is ignored. */
export type TptmLogger = (event: TptmLogEvent) => void;

/** A console user's access token, or a function returning the current one. */
export type TptmAccessToken = string | (() => string | undefined | Promise<string | undefined>);

export interface TransportSettings {
  /** The server's origin, without a trailing slash. */
  baseUrl: string;
  /** The bearer token, or a function asked for it before every request. */
  token: TptmAccessToken | undefined;
  headers: Readonly<Record<string, string>>;
  /** Milliseconds a call may take, retries included; 0 for no limit. */
  timeout: number;
  /** How many times a failed call is retried. */
  maxRetries: number;
  /** The fetch to send with; the global one when absent (looked up per request). */
  fetch: TptmFetch | undefined;
  logger: TptmLogger | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** The longest a `Retry-After` is honoured for, in seconds. */
export const MAX_RETRY_AFTER_S = 60;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;
/**
 * Statuses after which the same request is sent again, whatever its method:
 * the server stores no answer for them, so a write sent again with the same
 * Idempotency-Key runs at most once.
 */
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Methods that change something, and so carry an Idempotency-Key. */
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const KEY_IN_USE = 'urn:tptm:problem:idempotency-key-in-use';
/** The contract's Idempotency-Key: 1–255 printable ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e][\x20-\x7e]{0,254}$/;
/** Path parameters that are secrets in themselves: the token of an invitation or a password-reset link. */
const SECRET_PARAMETER = /token|secret|password/i;

const IS_NODE = typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';

/** The delay before retry number `retry` (1, 2, …): exponential, with jitter so clients spread out. */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_BASE_MS * 2 ** (retry - 1), BACKOFF_MAX_MS);
  return ceiling / 2 + random() * (ceiling / 2);
}

function randomId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  throw new TptmUsageError('This runtime has no crypto.randomUUID (a secure context is needed in a browser); pass an idempotencyKey per call.');
}

function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (item !== undefined && item !== null) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`);
    }
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/**
 * The request URL, each path parameter encoded whole, so `/`, `?` and `#` in
 * a value stay in it; with `redact`, a secret parameter's value as `[REDACTED]`,
 * for errors and logs.
 */
function urlOf(baseUrl: string, options: ApiRequestOptions, redact: boolean): string {
  const path = options.url.replace(/{(.*?)}/g, (whole: string, name: string) => {
    if (!options.path || !Object.hasOwn(options.path, name)) return whole;
    const value = String(options.path[name]);
    // A URL resolves `.` and `..` (even as %2E) as a step up the path, which no encoding prevents.
    if (value === '' || value === '.' || value === '..') {
      throw new TptmUsageError(`The path parameter ${name} must not be ${JSON.stringify(value)}.`);
    }
    return redact && SECRET_PARAMETER.test(name) ? '[REDACTED]' : encodeURIComponent(value);
  });
  return `${baseUrl}${path}${queryString(options.query)}`;
}

function headersOf(response: TptmFetchResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return headers;
}

function isJsonType(contentType: string | undefined): boolean {
  return contentType === undefined || /^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType.trim());
}

function messageOf(error: unknown): string | undefined {
  // Duck-typed: Node's fetch errors may come from another realm, where instanceof Error fails.
  return typeof error === 'object' && error !== null && typeof (error as Error).message === 'string' ? (error as Error).message : undefined;
}

function abortError(signal: TptmAbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const error = new Error('This operation was aborted');
  error.name = 'AbortError';
  return error;
}

/** Why a failed attempt is sent again, or null when it is not. */
function retryReason(failure: Failure): string | null {
  if (failure.kind === 'connection') return 'connection';
  const { status, problem } = failure.error;
  if (RETRIED_STATUSES.has(status)) return String(status);
  if (status === 409 && problem.type === KEY_IN_USE) return '409 idempotency-key-in-use';
  return null;
}

type Failure = { kind: 'answer'; error: TptmApiError } | { kind: 'connection'; error: unknown };

/**
 * Sends the generated services' requests. Failed answers reject with
 * TptmApiError, calls that get none with TptmConnectionError.
 */
export class TptmTransport {
  constructor(private readonly settings: TransportSettings) {}

  request<T>(options: ApiRequestOptions, call: TptmRequestOptions = {}): TptmPromise<T> {
    return new TptmPromise(this.send<T>(options, call));
  }

  private async send<T>(options: ApiRequestOptions, call: TptmRequestOptions): Promise<TptmResponse<T>> {
    const { settings } = this;
    const { signal } = call;
    // Read before anything is awaited: a signal aborted by then stops the call before it is sent.
    let stopped: 'signal' | 'timeout' | undefined = signal?.aborted ? 'signal' : undefined;
    const controller = new AbortController();
    const stop = (why: 'signal' | 'timeout') => {
      if (stopped) return;
      stopped = why;
      controller.abort();
    };
    const onSignal = () => stop('signal');
    signal?.addEventListener('abort', onSignal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const method = options.method;
      const timeout = call.timeout ?? settings.timeout;
      const maxRetries = call.maxRetries ?? settings.maxRetries;
      if (!(typeof timeout === 'number' && timeout >= 0)) throw new TptmUsageError('timeout must be a number of milliseconds, 0 or more.');
      if (!(Number.isInteger(maxRetries) && maxRetries >= 0)) throw new TptmUsageError('maxRetries must be a whole number, 0 or more.');
      const url = urlOf(settings.baseUrl, options, false);
      const shownUrl = urlOf(settings.baseUrl, options, true);
      const deadline = timeout > 0 && Number.isFinite(timeout) ? Date.now() + timeout : Infinity;
      if (deadline !== Infinity) timer = setTimeout(() => stop('timeout'), timeout);

      const headers: Record<string, string> = { accept: 'application/json' };
      for (const source of [settings.headers, options.headers as Record<string, unknown> | undefined, call.headers]) {
        for (const [name, value] of Object.entries(source ?? {})) if (value !== undefined) headers[name.toLowerCase()] = String(value);
      }
      if (IS_NODE && headers['user-agent'] === undefined) headers['user-agent'] = `tptm-sdk/${SDK_VERSION}`;
      if (call.idempotencyKey !== undefined) {
        if (!WRITE_METHODS.has(method)) throw new TptmUsageError(`idempotencyKey is for POST, PATCH, PUT and DELETE; this call is a ${method}.`);
        if (!IDEMPOTENCY_KEY.test(call.idempotencyKey)) throw new TptmUsageError('idempotencyKey must be 1–255 printable ASCII characters.');
        headers['idempotency-key'] = call.idempotencyKey;
      } else if (WRITE_METHODS.has(method) && headers['idempotency-key'] === undefined) {
        // One per call, the same on each of its retries: the server runs the call once however often it arrives.
        headers['idempotency-key'] = randomId();
      }
      const requestId = headers['x-request-id'] || randomId();
      let body: string | undefined;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] = options.mediaType ?? 'application/json';
      }
      const log = (event: TptmLogEvent) => {
        try {
          settings.logger?.(event);
        } catch {
          // A logger's failure is no reason to fail the call.
        }
      };
      const connectionError = (cause: unknown, attemptId: string): unknown => {
        if (stopped === 'signal' && signal) return abortError(signal);
        const timedOut = stopped === 'timeout';
        const why = timedOut ? `timed out after ${timeout} ms` : (messageOf(cause) ?? String(cause));
        const inner = timedOut ? undefined : messageOf((cause as { cause?: unknown } | null)?.cause);
        return new TptmConnectionError(`${method} ${shownUrl} got no answer: ${why}${inner ? ` (${inner})` : ''} (request ${attemptId})`, {
          cause,
          timedOut,
          method,
          url: shownUrl,
          requestId: attemptId,
        });
      };

      for (let attempt = 1; ; attempt += 1) {
        const attemptId = attempt === 1 ? requestId : `${requestId}-${attempt}`;
        const token = typeof settings.token === 'function' ? await settings.token() : settings.token;
        // Checked after the last await before sending: an abort up to here sends nothing.
        if (stopped) throw connectionError(new Error('aborted before it was sent'), attemptId);
        const attemptHeaders: Record<string, string> = { ...headers, 'x-request-id': attemptId };
        if (token && attemptHeaders.authorization === undefined) attemptHeaders.authorization = `Bearer ${token}`;
        const init: TptmFetchInit = { method, headers: attemptHeaders, signal: controller.signal as GlobalAbortSignal };
        if (body !== undefined) init.body = body;
        const started = Date.now();
        log({ type: 'request', method, url: shownUrl, attempt, requestId: attemptId });
        let failure: Failure;
        try {
          const fetch = settings.fetch ?? (globalThis.fetch as unknown as TptmFetch);
          const response = await fetch(url, init);
          const text = await response.text();
          const answer = this.answerOf<T>(options, method, shownUrl, response, text);
          log({
            type: 'response',
            method,
            url: shownUrl,
            attempt,
            status: response.status,
            requestId: answer.requestId,
            durationMs: Date.now() - started,
          });
          if (answer.kind === 'ok') return answer.response;
          failure = { kind: 'answer', error: answer.error };
        } catch (error) {
          if (stopped) throw connectionError(error, attemptId);
          failure = { kind: 'connection', error };
        }

        const reason = retryReason(failure);
        const retryAfter = failure.kind === 'answer' ? failure.error.retryAfter : null;
        const delay = retryAfter !== null ? Math.min(retryAfter, MAX_RETRY_AFTER_S) * 1000 : backoffDelay(attempt);
        if (reason === null || attempt > maxRetries || Date.now() + delay >= deadline) {
          throw failure.kind === 'answer' ? failure.error : connectionError(failure.error, attemptId);
        }
        log({ type: 'retry', method, url: shownUrl, attempt, reason, waitMs: delay });
        await this.sleep(delay, controller.signal);
      }
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onSignal);
    }
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        done();
      }
      signal.addEventListener('abort', finish);
    });
  }

  private answerOf<T>(
    options: ApiRequestOptions,
    method: string,
    url: string,
    response: TptmFetchResponse,
    text: string,
  ): ({ kind: 'ok'; response: TptmResponse<T> } | { kind: 'error'; error: TptmApiError }) & { requestId: string | null } {
    const headers = headersOf(response);
    const requestId = headers['x-request-id'] ?? null;
    const contentType = headers['content-type'];
    const { ok, status, statusText } = response;
    const failed = (body: unknown, problem?: TptmProblem) => ({
      kind: 'error' as const,
      requestId,
      error: new TptmApiError({ method, url, status, statusText, body, headers, ...(problem ? { problem } : {}) }),
    });
    const succeeded = (data: T) => ({
      kind: 'ok' as const,
      requestId,
      response: { data, status, headers, requestId, rateLimit: parseRateLimit(headers), replayed: headers['idempotent-replayed'] === 'true' },
    });
    if (!ok) {
      let body: unknown = text === '' ? undefined : text;
      if (text !== '' && isJsonType(contentType)) {
        try {
          body = JSON.parse(text);
        } catch {
          // Not JSON after all: the raw text stays on `body`.
        }
      }
      return failed(body);
    }
    if (options.responseHeader !== undefined) {
      const value = headers[options.responseHeader.toLowerCase()];
      if (value !== undefined) return succeeded(value as T);
    }
    // A 202 (a password reset request) promises no body; any other 2xx without one is as broken as one with bad JSON.
    if (status === 204 || status === 205 || method === 'HEAD' || (status === 202 && text === '')) return succeeded(undefined as T);
    // The one answer that is not JSON: an export the spec documents as text/csv (audit events), returned as its text.
    if (contentType !== undefined && /^text\/csv\b/i.test(contentType.trim())) return succeeded(text as T);
    let problem: string | undefined;
    if (!isJsonType(contentType)) {
      problem = `expected JSON, got ${contentType}`;
    } else {
      try {
        return succeeded(JSON.parse(text) as T);
      } catch (error) {
        problem = messageOf(error) ?? String(error);
      }
    }
    return failed(text, { type: 'about:blank', title: 'The response is not valid JSON', status, detail: problem });
  }
}

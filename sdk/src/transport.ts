// The SDK's HTTP transport, in place of the generator's: per-call timeouts
// and cancellation, retries with backoff, request ids, encoded path
// parameters, strict JSON, and a fetch of the caller's choosing.
import type { ApiRequestOptions } from './generated/core/ApiRequestOptions.js';
import { BaseHttpRequest } from './generated/core/BaseHttpRequest.js';
import { CancelablePromise, CancelError } from './generated/core/CancelablePromise.js';
import type { OpenAPIConfig } from './generated/core/OpenAPI.js';
import { getHeaders, getQueryString, getRequestBody } from './generated/core/request.js';
import { TptmApiError, TptmConnectionError } from './errors.js';
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
  /** Aborts the call; it then rejects with the signal's `reason` (an `AbortError`, as `fetch` does). */
  signal?: TptmAbortSignal;
  /** Milliseconds this call may take, retries included; overrides the client's `timeout`. 0 for no limit. */
  timeout?: number;
  /** Headers for this call only, over the client's `headers` (e.g. `{ 'X-Request-Id': id }`). */
  headers?: Record<string, string>;
}

/** What the SDK passes to `fetch`; the global `fetch`'s `RequestInit` accepts it. */
export interface TptmFetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** An `AbortSignal`. */
  signal: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- AbortSignal, without requiring the DOM types
  credentials?: 'include' | 'omit' | 'same-origin';
}

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

export interface TransportSettings {
  /** Milliseconds a call may take, retries included; 0 for no limit. */
  timeout: number;
  /** How many times a failed call is retried. */
  maxRetries: number;
  /** The fetch to send with; the global one when absent (looked up per request). */
  fetch?: TptmFetch;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** The longest a `Retry-After` is honoured for, in seconds. */
export const MAX_RETRY_AFTER_S = 60;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;
const RETRIED_STATUSES = new Set([429, 503]);
/** Methods safe to send again when no answer came back; POST (and PATCH) may have taken effect. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

const IS_NODE = typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';

/** The delay before retry number `retry` (1, 2, …): exponential, with jitter so clients spread out. */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_BASE_MS * 2 ** (retry - 1), BACKOFF_MAX_MS);
  return ceiling / 2 + random() * (ceiling / 2);
}

function newRequestId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
}

/** The request URL, each path parameter encoded whole, so `/`, `?` and `#` in a value stay in it. */
function urlOf(config: OpenAPIConfig, options: ApiRequestOptions): string {
  const encode = config.ENCODE_PATH ?? encodeURIComponent;
  const path = options.url.replace('{api-version}', config.VERSION).replace(/{(.*?)}/g, (whole: string, name: string) => {
    if (!options.path || !Object.hasOwn(options.path, name)) return whole;
    const value = String(options.path[name]);
    // A URL resolves `.` and `..` (even as %2E) as a step up the path, which no encoding prevents.
    if (value === '' || value === '.' || value === '..') {
      throw new TypeError(`The path parameter ${name} must not be ${JSON.stringify(value)}.`);
    }
    return encode(value);
  });
  return `${config.BASE}${path}${options.query ? getQueryString(options.query) : ''}`;
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

type Failure = { kind: 'answer'; error: TptmApiError } | { kind: 'connection'; error: unknown };

/**
 * The generated client's transport with the SDK's own request loop. Failed
 * answers reject with TptmApiError, calls that get none with TptmConnectionError.
 */
export class TptmHttpRequest extends BaseHttpRequest {
  /** The options of the call being started, set by the client's service wrappers just around it. */
  private nextCallOptions: TptmRequestOptions | undefined;
  readonly settings: TransportSettings;

  constructor(config: OpenAPIConfig, settings: Partial<TransportSettings> = {}) {
    super(config);
    this.settings = {
      timeout: settings.timeout ?? DEFAULT_TIMEOUT_MS,
      maxRetries: settings.maxRetries ?? DEFAULT_MAX_RETRIES,
      fetch: settings.fetch,
    };
  }

  /** Runs `start` (a generated service method) with `options` applying to the request it makes. */
  withCallOptions<T>(options: TptmRequestOptions | undefined, start: () => T): T {
    this.nextCallOptions = options;
    try {
      return start();
    } finally {
      this.nextCallOptions = undefined;
    }
  }

  override request<T>(options: ApiRequestOptions): CancelablePromise<T> {
    const call = this.nextCallOptions ?? {};
    this.nextCallOptions = undefined;
    return new CancelablePromise<T>((resolve, reject, onCancel) => {
      this.send<T>(options, call, onCancel).then(resolve, reject);
    });
  }

  private async send<T>(options: ApiRequestOptions, call: TptmRequestOptions, onCancel: (handler: () => void) => void): Promise<T> {
    const { config, settings } = this;
    const method = options.method;
    const url = urlOf(config, options);
    const timeout = call.timeout ?? settings.timeout;
    const deadline = timeout > 0 && Number.isFinite(timeout) ? Date.now() + timeout : Infinity;

    const headers: Record<string, string> = {};
    (await getHeaders(config, options)).forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    for (const [name, value] of Object.entries(call.headers ?? {})) headers[name.toLowerCase()] = value;
    if (IS_NODE && headers['user-agent'] === undefined) headers['user-agent'] = `tptm-sdk/${SDK_VERSION}`;
    const requestId = headers['x-request-id'] || newRequestId();
    const body = getRequestBody(options) as string | undefined;

    // One controller for the whole call: cancel(), the caller's signal and the deadline all abort it.
    const controller = new AbortController();
    let stopped: 'cancel' | 'signal' | 'timeout' | undefined;
    const stop = (why: 'cancel' | 'signal' | 'timeout') => {
      if (stopped) return;
      stopped = why;
      controller.abort();
    };
    onCancel(() => stop('cancel'));
    const onSignal = () => stop('signal');
    call.signal?.addEventListener('abort', onSignal);
    if (call.signal?.aborted) stop('signal');
    const timer = deadline === Infinity ? undefined : setTimeout(() => stop('timeout'), timeout);

    const connectionError = (cause: unknown, attemptId: string): Error => {
      if (stopped === 'signal') return (call.signal?.reason as Error | undefined) ?? new CancelError('Request aborted');
      if (stopped === 'cancel') return new CancelError('Request aborted');
      const timedOut = stopped === 'timeout';
      // Duck-typed: Node's fetch errors may come from another realm, where instanceof Error fails.
      const messageOf = (error: unknown): string | undefined =>
        typeof error === 'object' && error !== null && typeof (error as Error).message === 'string' ? (error as Error).message : undefined;
      const why = timedOut ? `timed out after ${timeout} ms` : (messageOf(cause) ?? String(cause));
      const inner = timedOut ? undefined : messageOf((cause as { cause?: unknown } | null)?.cause);
      const detail = inner ? ` (${inner})` : '';
      return new TptmConnectionError(`${method} ${url} got no answer: ${why}${detail} (request ${attemptId})`, {
        cause,
        timedOut,
        method,
        url,
        requestId: attemptId,
      });
    };

    try {
      for (let attempt = 1; ; attempt += 1) {
        const attemptId = attempt === 1 ? requestId : `${requestId}-${attempt}`;
        let failure: Failure;
        if (stopped) throw connectionError(new Error('aborted'), attemptId);
        try {
          const fetch = settings.fetch ?? (globalThis.fetch as unknown as TptmFetch);
          const init: TptmFetchInit = { method, headers: { ...headers, 'x-request-id': attemptId }, body, signal: controller.signal };
          if (config.WITH_CREDENTIALS) init.credentials = config.CREDENTIALS;
          const response = await fetch(url, init);
          const text = await response.text();
          const result = this.resultOf<T>(options, url, response, text);
          if (result.kind === 'ok') return result.value;
          failure = { kind: 'answer', error: result.error };
        } catch (error) {
          if (stopped) throw connectionError(error, attemptId);
          failure = { kind: 'connection', error };
        }

        const retryable = failure.kind === 'answer' ? RETRIED_STATUSES.has(failure.error.status) : IDEMPOTENT_METHODS.has(method);
        const retryAfter = failure.kind === 'answer' ? failure.error.retryAfter : null;
        const delay = retryAfter !== null ? Math.min(retryAfter, MAX_RETRY_AFTER_S) * 1000 : backoffDelay(attempt);
        if (!retryable || attempt > settings.maxRetries || Date.now() + delay >= deadline) {
          throw failure.kind === 'answer' ? failure.error : connectionError(failure.error, attemptId);
        }
        await this.sleep(delay, controller.signal);
      }
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      call.signal?.removeEventListener('abort', onSignal);
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

  private resultOf<T>(
    options: ApiRequestOptions,
    url: string,
    response: TptmFetchResponse,
    text: string,
  ): { kind: 'ok'; value: T } | { kind: 'error'; error: TptmApiError } {
    const headers = headersOf(response);
    const contentType = headers['content-type'];
    const { ok, status, statusText } = response;
    const info = { url, ok, status, statusText };
    if (!ok) {
      let body: unknown = text === '' ? undefined : text;
      if (text !== '' && contentType !== undefined && isJsonType(contentType)) {
        try {
          body = JSON.parse(text);
        } catch {
          // Not JSON after all: the raw text stays on `body`.
        }
      }
      return { kind: 'error', error: new TptmApiError(options, { ...info, body }, { headers }) };
    }
    if (options.responseHeader !== undefined) {
      const value = headers[options.responseHeader.toLowerCase()];
      if (value !== undefined) return { kind: 'ok', value: value as T };
    }
    if (status === 204 || status === 205 || options.method === 'HEAD') return { kind: 'ok', value: undefined as T };
    // The one answer that is not JSON: an export the spec documents as text/csv (audit events), returned as its text.
    if (contentType !== undefined && /^text\/csv\b/i.test(contentType.trim())) return { kind: 'ok', value: text as T };
    let problem: string | undefined;
    if (!isJsonType(contentType)) {
      problem = `expected JSON, got ${contentType}`;
    } else {
      try {
        return { kind: 'ok', value: JSON.parse(text) as T };
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
    }
    return {
      kind: 'error',
      error: new TptmApiError(
        options,
        { ...info, body: text },
        { headers, problem: { type: 'about:blank', title: 'The response is not valid JSON', status, detail: problem } },
      ),
    };
  }
}

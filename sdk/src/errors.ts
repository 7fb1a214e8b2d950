import type { Problem } from './generated/models/Problem.js';

/**
 * Marks instances across copies of this package: an app that loads both the
 * ESM and the CommonJS build has two TptmApiError classes, and `instanceof`
 * only knows one of them.
 */
const BRAND = Symbol.for('@tptm/sdk:TptmApiError');
const CONNECTION_BRAND = Symbol.for('@tptm/sdk:TptmConnectionError');

/**
 * The problem types the API documents (docs/errors.md), and `about:blank` for
 * an answer that was no problem+json (a proxy's 502 page). A newer server may
 * send one this version does not list.
 */
export type TptmProblemType =
  | 'about:blank'
  | 'urn:tptm:problem:already-member'
  | 'urn:tptm:problem:built-in-role'
  | 'urn:tptm:problem:forbidden'
  | 'urn:tptm:problem:headers-too-large'
  | 'urn:tptm:problem:idempotency-key-in-use'
  | 'urn:tptm:problem:idempotency-key-reused'
  | 'urn:tptm:problem:internal-error'
  | 'urn:tptm:problem:ip-not-allowed'
  | 'urn:tptm:problem:last-owner'
  | 'urn:tptm:problem:method-not-allowed'
  | 'urn:tptm:problem:name-taken'
  | 'urn:tptm:problem:not-configured'
  | 'urn:tptm:problem:not-found'
  | 'urn:tptm:problem:payload-too-large'
  | 'urn:tptm:problem:previous-secret-still-working'
  | 'urn:tptm:problem:rate-limited'
  | 'urn:tptm:problem:request-timeout'
  | 'urn:tptm:problem:service-unavailable'
  | 'urn:tptm:problem:too-many-invitations'
  | 'urn:tptm:problem:too-many-requests'
  | 'urn:tptm:problem:unauthorized'
  | 'urn:tptm:problem:unsupported-media-type'
  | 'urn:tptm:problem:validation-failed';

/** An RFC 9457 problem body: `type` to switch on, `detail` to show, and any extension members (such as `previousKeyExpiresAt`). */
export type TptmProblem = Omit<Problem, 'type'> & { type: TptmProblemType; [extension: string]: unknown };

/** What the transport knows of a failed answer. */
export interface TptmApiErrorDetails {
  method: string;
  /** The request URL, a secret path parameter (an invitation or reset token) as `[REDACTED]`. */
  url: string;
  status: number;
  statusText: string;
  /** The response body: the parsed problem, or the raw text of a non-JSON answer. */
  body: unknown;
  /** The response headers, names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** A problem standing in for the body's, such as for a 2xx whose body is not JSON. */
  problem?: TptmProblem;
}

/**
 * How every call through the SDK fails when the server answers with an error
 * status: the status and the RFC 9457 problem body the API sends, the
 * response's `X-Request-Id` and `Retry-After`, and its headers. (A request
 * that never gets an answer rejects with TptmConnectionError instead.)
 *
 * It holds what was asked (method and URL) but never the request's body or
 * headers: errors get logged whole, a failed sign-in's body is a password,
 * and the headers carry the credentials.
 */
export class TptmApiError extends Error {
  readonly method: string;
  /** The request URL, with any secret path parameter (an invitation or reset token) as `[REDACTED]`. */
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  /**
   * The problem+json body. Switch on `type` (e.g. `urn:tptm:problem:name-taken`);
   * show `detail` to people; `errors` lists invalid fields.
   */
  readonly problem: TptmProblem;
  /** The raw response body: the problem object, or the text of a non-JSON answer. */
  readonly body: unknown;
  /** The server's `X-Request-Id` for this request, to quote to support; null when the answer had none. */
  readonly requestId: string | null;
  /** How many seconds `Retry-After` asks to wait (from delta-seconds or an HTTP date); null without one. */
  readonly retryAfter: number | null;
  /** The response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The key's rate limit as the answer's RateLimit headers state it (a `rate-limited` 429 has `remaining: 0`); null without them. */
  readonly rateLimit: TptmRateLimit | null;

  constructor(details: TptmApiErrorDetails) {
    const problem = details.problem ?? problemOf(details);
    const requestId = details.headers['x-request-id'] ?? null;
    super(`${problem.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}${requestId ? ` (request ${requestId})` : ''}`);
    this.name = 'TptmApiError';
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.statusText = details.statusText;
    this.problem = problem;
    this.body = details.body;
    this.headers = details.headers;
    this.requestId = requestId;
    this.retryAfter = parseRetryAfter(details.headers['retry-after']);
    this.rateLimit = parseRateLimit(details.headers);
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * The field errors keyed by field (`name`, `roleIds.0`, `limit`, `body`),
   * ready to show beside each input; several messages for one field are
   * joined with "; ". Empty when the problem names no field.
   */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, message } of this.problem.errors ?? []) {
      byField[field] = Object.hasOwn(byField, field) ? `${byField[field]}; ${message}` : message;
    }
    return byField;
  }
}

/**
 * The SDK used wrongly: a bad `baseUrl`, option or path parameter, found
 * before anything is sent. Its own class, neither a TptmApiError nor a
 * TypeError (which TptmConnectionError extends), so a retry loop never retries it.
 */
export class TptmUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TptmUsageError';
  }
}

/** Whether a caught error is a TptmApiError, from whichever build of the SDK threw it. */
export function isTptmApiError(error: unknown): error is TptmApiError {
  return error instanceof TptmApiError || (typeof error === 'object' && error !== null && BRAND in error);
}

/**
 * How a call fails when no answer came back: the connection was refused or
 * dropped, the name did not resolve, or the call ran past its `timeout`.
 * `cause` holds what `fetch` threw (or the timeout). It extends TypeError,
 * as `fetch`'s own network errors do, so code that checked for those still works.
 */
export class TptmConnectionError extends TypeError {
  /** What went wrong underneath: fetch's error, or the timeout's. */
  declare readonly cause: unknown;
  /** True when the call gave up because it ran past its `timeout`. */
  readonly timedOut: boolean;
  /** The request's method and URL. */
  readonly method: string;
  readonly url: string;
  /** The `X-Request-Id` the last attempt was sent with. */
  readonly requestId: string | null;

  constructor(message: string, details: { cause: unknown; timedOut?: boolean; method: string; url: string; requestId?: string | null }) {
    super(message);
    this.name = 'TptmConnectionError';
    Object.defineProperty(this, 'cause', { value: details.cause, writable: true, configurable: true });
    this.timedOut = details.timedOut ?? false;
    this.method = details.method;
    this.url = details.url;
    this.requestId = details.requestId ?? null;
    Object.defineProperty(this, CONNECTION_BRAND, { value: true });
  }
}

/** Whether a caught error is a TptmConnectionError, from whichever build of the SDK threw it. */
export function isTptmConnectionError(error: unknown): error is TptmConnectionError {
  return error instanceof TptmConnectionError || (typeof error === 'object' && error !== null && CONNECTION_BRAND in error);
}

/** Seconds to wait from a `Retry-After` value: delta-seconds, or an HTTP date (0 once it is past). */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === undefined || value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The API always answers errors with a problem body; anything else (a proxy's
 * HTML page, an empty 502) becomes a minimal problem for its status, and the
 * raw body stays on `body`.
 */
function problemOf(response: { body: unknown; status: number; statusText: string }): TptmProblem {
  const body: unknown = response.body;
  if (isProblem(body)) return body;
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
}

function isProblem(body: unknown): body is TptmProblem {
  if (typeof body !== 'object' || body === null) return false;
  const { type, title, status, errors } = body as Record<string, unknown>;
  return typeof type === 'string' && typeof title === 'string' && typeof status === 'number' && (errors === undefined || Array.isArray(errors));
}

/** An API key's rate limit, from the IETF RateLimit-Policy and RateLimit headers its answers carry. */
export interface TptmRateLimit {
  /** Requests the key may make per window, across every server instance. */
  limit: number;
  windowSeconds: number;
  /** Requests left now. */
  remaining: number;
  /** Seconds until the whole quota is available again. */
  resetSeconds: number;
}

/**
 * Reads `RateLimit-Policy: "key";q=100;w=60` and `RateLimit: "key";r=42;t=58`
 * (draft-ietf-httpapi-ratelimit-headers) from response headers, names in lower
 * case; null unless both are there and well formed. Answers to a key without a
 * limit carry neither.
 */
export function parseRateLimit(headers: Readonly<Record<string, string | undefined>>): TptmRateLimit | null {
  const policy = parameters(headers['ratelimit-policy']);
  const state = parameters(headers['ratelimit']);
  if (!policy || !state) return null;
  const [limit, windowSeconds, remaining, resetSeconds] = [policy.q, policy.w, state.r, state.t];
  return [limit, windowSeconds, remaining, resetSeconds].every((n) => n !== undefined) ? { limit, windowSeconds, remaining, resetSeconds } : null;
}

/** The integer parameters of the `"key"` item of a structured field, by name; undefined when it is absent or malformed. */
function parameters(field: string | undefined): Record<string, number> | undefined {
  const item = field?.split(',').find((part) => part.trim().startsWith('"key"'));
  if (!item) return undefined;
  const found: Record<string, number> = {};
  for (const parameter of item.trim().slice('"key"'.length).split(';').slice(1)) {
    const [name, value] = parameter.trim().split('=');
    if (!/^\d{1,15}$/.test(value ?? '')) return undefined;
    found[name] = Number(value);
  }
  return found;
}

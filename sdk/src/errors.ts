import { ApiError } from './generated/core/ApiError.js';
import type { ApiRequestOptions } from './generated/core/ApiRequestOptions.js';
import type { ApiResult } from './generated/core/ApiResult.js';
import type { Problem } from './generated/models/Problem.js';

/**
 * Marks instances across copies of this package: an app that loads both the
 * ESM and the CommonJS build has two TptmApiError classes, and `instanceof`
 * only knows one of them.
 */
const BRAND = Symbol.for('@tptm/sdk:TptmApiError');
const CONNECTION_BRAND = Symbol.for('@tptm/sdk:TptmConnectionError');

/** What the transport knows of the answer beyond status and body. */
export interface TptmResponseInfo {
  /** The response headers, names in lower case. */
  headers?: Readonly<Record<string, string>>;
  /** A problem standing in for the body's, such as for a 2xx whose body is not JSON. */
  problem?: Problem;
}

/**
 * How every call through the SDK fails when the server answers with an error
 * status: the status and the RFC 9457 problem body the API sends, the
 * response's `X-Request-Id` and `Retry-After`, and its headers. (A request
 * that never gets an answer rejects with TptmConnectionError instead.)
 */
export class TptmApiError extends ApiError {
  /**
   * The problem+json body. Switch on `type` (e.g. `urn:tptm:problem:name-taken`);
   * show `detail` to people; `errors` lists invalid fields.
   */
  readonly problem: Problem;
  /** The raw response body: the problem object, or the text of a non-JSON answer. */
  declare readonly body: unknown;
  /** The server's `X-Request-Id` for this request, to quote to support; null when the answer had none. */
  readonly requestId: string | null;
  /** How many seconds `Retry-After` asks to wait (from delta-seconds or an HTTP date); null without one. */
  readonly retryAfter: number | null;
  /** The response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The key's rate limit as the answer's RateLimit headers state it (a `rate-limited` 429 has `remaining: 0`); null without them. */
  readonly rateLimit: TptmRateLimit | null;
  /**
   * What was asked: method, route, path and query parameters. Never the body,
   * form data, headers or cookies, and a secret in the path (an invitation or
   * reset token) as `[REDACTED]`: errors get logged whole, and a failed
   * sign-in's body is a password.
   */
  declare readonly request: ApiRequestOptions;

  constructor(request: ApiRequestOptions, response: ApiResult, info: TptmResponseInfo = {}) {
    const problem = info.problem ?? problemOf(response);
    const headers = info.headers ?? {};
    const requestId = headers['x-request-id'] ?? null;
    super(
      withoutSecrets(request),
      { ...response, url: redactedUrl(response.url, request) },
      `${problem.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}${requestId ? ` (request ${requestId})` : ''}`,
    );
    this.name = 'TptmApiError';
    this.problem = problem;
    this.headers = headers;
    this.requestId = requestId;
    this.retryAfter = parseRetryAfter(headers['retry-after']);
    this.rateLimit = parseRateLimit(headers);
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

/** Path parameters that are secrets in themselves: the token of an invitation or a password-reset link. */
const SECRET_PARAMETER = /token|secret|password/i;

/**
 * The request as an error may keep it. The generated ApiError stores the
 * options it is given, so they are cut down before they reach it: the body,
 * form data, headers and cookies stay out, whatever the operation.
 */
function withoutSecrets(request: ApiRequestOptions): ApiRequestOptions {
  const path =
    request.path &&
    Object.fromEntries(Object.entries(request.path).map(([name, value]) => [name, SECRET_PARAMETER.test(name) ? '[REDACTED]' : value]));
  return { method: request.method, url: request.url, path, query: request.query, mediaType: request.mediaType, errors: request.errors };
}

/** The response URL with any secret path parameter's value replaced. */
function redactedUrl(url: string, request: ApiRequestOptions): string {
  return Object.entries(request.path ?? {})
    .filter(([name, value]) => SECRET_PARAMETER.test(name) && typeof value === 'string' && value !== '')
    .reduce((text, [, value]) => text.replaceAll(encodeURIComponent(value as string), '[REDACTED]'), url);
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
function problemOf(response: ApiResult): Problem {
  const body: unknown = response.body;
  if (isProblem(body)) return body;
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
}

function isProblem(body: unknown): body is Problem {
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

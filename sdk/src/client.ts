import { TptmUsageError } from './errors.js';
import type { ApiKeyPage } from './generated/models/ApiKeyPage.js';
import type { ApiKeyResponse } from './generated/models/ApiKeyResponse.js';
import type { AuditEventPage } from './generated/models/AuditEventPage.js';
import type { AuditEventResponse } from './generated/models/AuditEventResponse.js';
import type { ApiKeysService } from './generated/services/ApiKeysService.js';
import type { AuditService } from './generated/services/AuditService.js';
import type { AuthService } from './generated/services/AuthService.js';
import type { HealthService } from './generated/services/HealthService.js';
import type { IntegrationService } from './generated/services/IntegrationService.js';
import type { InvitationsService } from './generated/services/InvitationsService.js';
import type { KeyVerificationService } from './generated/services/KeyVerificationService.js';
import type { LeakedKeysService } from './generated/services/LeakedKeysService.js';
import type { MeService } from './generated/services/MeService.js';
import type { MembersService } from './generated/services/MembersService.js';
import type { OrganizationsService } from './generated/services/OrganizationsService.js';
import type { PermissionsService } from './generated/services/PermissionsService.js';
import type { RolesService } from './generated/services/RolesService.js';
import { SERVICES } from './generated/services.js';
import type { TptmPromise } from './promise.js';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  TptmTransport,
  type TptmAccessToken,
  type TptmFetch,
  type TptmLogger,
  type TptmRequestOptions,
} from './transport.js';

/** A generated service whose every method also takes call options after its parameters. */
export type TptmService<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => TptmPromise<infer R> ? (...args: [...A, options?: TptmRequestOptions]) => TptmPromise<R> : S[K];
};

type ListApiKeysParams = Parameters<ApiKeysService['listApiKeys']>[0];
type ListAuditEventsParams = Parameters<AuditService['listAuditEvents']>[0];

/** `apiKeys`, with `pages` and `listAllApiKeys` walking every page. */
export type TptmApiKeysService = TptmService<ApiKeysService> & {
  /**
   * The organization's API keys (whose name contains `q`, if given) a page at
   * a time, newest first, fetched as the loop reaches them. Each page's
   * `nextCursor` is where the next one starts: save it, and pass it back as
   * `cursor` to carry on from there in another run.
   */
  pages(params: ListApiKeysParams, options?: TptmRequestOptions): AsyncGenerator<ApiKeyPage, void, undefined>;
  /**
   * Every API key of the organization (whose name contains `q`, if given),
   * newest first, from `cursor` if given, fetching the pages (`limit` keys
   * each, default 50) as the loop reaches them:
   * `for await (const key of client.apiKeys.listAllApiKeys({ orgId })) …`.
   */
  listAllApiKeys(params: ListApiKeysParams, options?: TptmRequestOptions): AsyncGenerator<ApiKeyResponse, void, undefined>;
};

/** `audit`, with `pages` and `listAllAuditEvents` walking every page. */
export type TptmAuditService = TptmService<AuditService> & {
  /**
   * The audit events the filters (`action`, `actorId`, `targetId`, `from`,
   * `to`) keep, a page at a time, newest first; pass a page's `nextCursor`
   * back as `cursor` (with the same filters) to carry on from there.
   */
  pages(params: ListAuditEventsParams, options?: TptmRequestOptions): AsyncGenerator<AuditEventPage, void, undefined>;
  /**
   * Every audit event of the organization that the filters keep, newest
   * first, from `cursor` if given, fetching the pages as the loop reaches them.
   */
  listAllAuditEvents(params: ListAuditEventsParams, options?: TptmRequestOptions): AsyncGenerator<AuditEventResponse, void, undefined>;
};

async function* pagesFrom<P extends { nextCursor: string | null }>(
  cursor: string | undefined,
  fetchPage: (cursor: string | undefined) => PromiseLike<P>,
): AsyncGenerator<P, void, undefined> {
  do {
    const page = await fetchPage(cursor);
    yield page;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

async function* itemsOf<T>(pages: AsyncIterable<{ items: T[] }>): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) yield* page.items;
}

/** What every client takes, whatever its identity. */
export interface TptmClientBaseOptions {
  /**
   * The server's origin, such as `https://tptm.example.com` or
   * `http://localhost:3000`; `''` in a browser page served by the server itself.
   */
  baseUrl: string;
  /** Headers sent with every request, such as `X-Request-Id`. */
  headers?: Record<string, string> | undefined;
  /**
   * Milliseconds a call may take, retries and their waits included, before it
   * rejects with TptmConnectionError (`timedOut: true`). Default 30000; 0 for no limit.
   */
  timeout?: number | undefined;
  /**
   * How many times a call is retried (default 2, 0 for never), whatever its
   * method: when no answer came, and on 429, 500, 502, 503, 504 and
   * `409 idempotency-key-in-use`; waiting as `Retry-After` says (up to 60 s)
   * or backing off exponentially with jitter. A POST, PATCH, PUT or DELETE
   * carries one Idempotency-Key over all its attempts, so it runs once.
   */
  maxRetries?: number | undefined;
  /** The `fetch` to send requests with; default the global one. */
  fetch?: TptmFetch | undefined;
  /** Told of each request, retry (with its reason and wait) and response: for logs and metrics, instead of wrapping `fetch`. */
  logger?: TptmLogger | undefined;
}

/**
 * Options for `createTptmClient`: the base options with one identity, an
 * integration's `apiKey` or a console user's `accessToken`, or none. An
 * `apiKey` that may be undefined (`process.env.TPTM_API_KEY`) does not
 * compile: check it first, rather than get a client without credentials.
 */
export type TptmClientOptions = TptmClientBaseOptions &
  (
    | {
        /** An integration API key (`tptm_` and 46 letters and digits), sent as `Authorization: Bearer <key>`. */
        apiKey: string;
        accessToken?: never;
      }
    | {
        /**
         * A console user's access token from `client.auth.login`, or a function
         * returning the current one, asked before every request (so a refreshed
         * token is picked up). Returning undefined sends no credentials.
         */
        accessToken: TptmAccessToken;
        apiKey?: never;
      }
    | { apiKey?: never; accessToken?: never }
  );

const API_KEY_PATTERN = /^tptm_[0-9A-Za-z]{46}$/;

/** The settings the options stand for, or a TptmUsageError saying what is wrong with them. */
function checked(options: TptmClientOptions) {
  const fail = (message: string) => {
    throw new TptmUsageError(`TptmClient: ${message}`);
  };
  if (typeof options !== 'object' || options === null) fail('pass the options, at least { baseUrl }.');
  const { baseUrl, accessToken, apiKey, headers, timeout, maxRetries, fetch, logger } = options;
  if (typeof baseUrl !== 'string')
    fail("baseUrl is missing; pass the server's origin, such as https://tptm.example.com ('' in a page the server served).");
  if (baseUrl !== '') {
    let url: URL | undefined;
    try {
      url = new URL(baseUrl);
    } catch {
      fail(`baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL; pass one such as https://tptm.example.com.`);
    }
    if (url && url.protocol !== 'https:' && url.protocol !== 'http:') fail(`baseUrl must be http:// or https://, not ${url.protocol}//.`);
    // Never the URL itself in this message: its credentials are what is wrong with it.
    if (url && (url.username !== '' || url.password !== '')) fail('baseUrl must not hold a user name or password; pass apiKey or accessToken.');
    if (url && (url.search !== '' || url.hash !== '')) fail('baseUrl must be an origin (and path), without ? or #.');
  }
  if (accessToken !== undefined && apiKey !== undefined) fail('pass accessToken or apiKey, not both; they are different identities.');
  if (apiKey !== undefined && (typeof apiKey !== 'string' || !API_KEY_PATTERN.test(apiKey))) {
    // Never the key itself in the message: it may end up in a log.
    fail(
      apiKey === ''
        ? 'apiKey is empty; pass an API key (tptm_…) or leave apiKey out.'
        : 'apiKey is not a TPTM API key; one is tptm_ followed by 46 letters and digits.',
    );
  }
  if (accessToken !== undefined && typeof accessToken !== 'string' && typeof accessToken !== 'function')
    fail('accessToken must be a string or a function returning one.');
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout >= 0)) fail('timeout must be a number of milliseconds, 0 or more.');
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) fail('maxRetries must be a whole number, 0 or more.');
  if (fetch !== undefined && typeof fetch !== 'function') fail('fetch must be a function like the global fetch.');
  if (logger !== undefined && typeof logger !== 'function') fail('logger must be a function taking one event.');
  return {
    // The spec's paths start with /api/v1, so a trailing slash would double it.
    baseUrl: baseUrl.replace(/\/+$/, ''),
    token: apiKey ?? accessToken,
    headers: { ...headers },
    timeout: timeout ?? DEFAULT_TIMEOUT_MS,
    maxRetries: maxRetries ?? DEFAULT_MAX_RETRIES,
    fetch,
    logger,
  };
}

/**
 * A client for one identity: a console user (`accessToken`), an integration
 * (`apiKey`), or nobody (for `auth.login` and `health`). One property per API
 * area (`apiKeys`, `auth`, `me`, `integration`, …), each call typed from the
 * OpenAPI spec and taking call options (`{ signal, timeout, headers,
 * maxRetries, idempotencyKey }`) after its parameters. Calls return a Promise
 * of the body with `withResponse()` for the status, headers, request id and
 * rate limit. Failed calls reject with TptmApiError, or TptmConnectionError
 * when no answer came; wrong options throw TptmUsageError.
 */
export class TptmClient {
  declare readonly apiKeys: TptmApiKeysService;
  declare readonly audit: TptmAuditService;
  declare readonly auth: TptmService<AuthService>;
  declare readonly health: TptmService<HealthService>;
  declare readonly integration: TptmService<IntegrationService>;
  declare readonly invitations: TptmService<InvitationsService>;
  declare readonly keyVerification: TptmService<KeyVerificationService>;
  declare readonly leakedKeys: TptmService<LeakedKeysService>;
  declare readonly me: TptmService<MeService>;
  declare readonly members: TptmService<MembersService>;
  declare readonly organizations: TptmService<OrganizationsService>;
  declare readonly permissions: TptmService<PermissionsService>;
  declare readonly roles: TptmService<RolesService>;

  constructor(options: TptmClientOptions) {
    const transport = new TptmTransport(checked(options));
    for (const [name, Service] of Object.entries(SERVICES)) {
      const wrapped: Record<string, unknown> = {};
      for (const key of Object.getOwnPropertyNames(Service.prototype)) {
        const method = (Service.prototype as unknown as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof method !== 'function') continue;
        // Every generated method takes one parameters object, or none; the call options come after.
        const arity = method.length;
        wrapped[key] = (...args: unknown[]) => {
          const call = args[arity] as TptmRequestOptions | undefined;
          const service = { httpRequest: { request: (request: Parameters<TptmTransport['request']>[0]) => transport.request(request, call) } };
          return method.apply(service, args.slice(0, arity));
        };
      }
      Object.defineProperty(this, name, { value: wrapped, enumerable: true });
    }
    const apiKeys = this.apiKeys as { pages: TptmApiKeysService['pages']; listAllApiKeys: TptmApiKeysService['listAllApiKeys'] };
    apiKeys.pages = (params, options) => pagesFrom(params.cursor, (cursor) => this.apiKeys.listApiKeys({ ...params, cursor }, options));
    apiKeys.listAllApiKeys = (params, options) => itemsOf(apiKeys.pages(params, options));
    const audit = this.audit as { pages: TptmAuditService['pages']; listAllAuditEvents: TptmAuditService['listAllAuditEvents'] };
    audit.pages = (params, options) => pagesFrom(params.cursor, (cursor) => this.audit.listAuditEvents({ ...params, cursor }, options));
    audit.listAllAuditEvents = (params, options) => itemsOf(audit.pages(params, options));
  }
}

// Every generated service has its declared property above; a service the API adds fails the build here until it has one.
const everyServiceDeclared: Exclude<keyof typeof SERVICES, keyof TptmClient> extends never ? true : never = true;
void everyServiceDeclared;

/** `new TptmClient(options)`: a client for one identity (see TptmClientOptions). */
export function createTptmClient(options: TptmClientOptions): TptmClient {
  return new TptmClient(options);
}

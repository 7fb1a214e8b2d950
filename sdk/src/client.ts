import type { BaseHttpRequest } from './generated/core/BaseHttpRequest.js';
import type { OpenAPIConfig } from './generated/core/OpenAPI.js';
import type { ApiKeyResponse } from './generated/models/ApiKeyResponse.js';
import type { AuditEventResponse } from './generated/models/AuditEventResponse.js';
import type { ApiKeysService } from './generated/services/ApiKeysService.js';
import type { AuditService } from './generated/services/AuditService.js';
import type { AuthService } from './generated/services/AuthService.js';
import type { HealthService } from './generated/services/HealthService.js';
import type { IntegrationService } from './generated/services/IntegrationService.js';
import type { InvitationsService } from './generated/services/InvitationsService.js';
import type { MeService } from './generated/services/MeService.js';
import type { MembersService } from './generated/services/MembersService.js';
import type { OrganizationsService } from './generated/services/OrganizationsService.js';
import type { PermissionsService } from './generated/services/PermissionsService.js';
import type { RolesService } from './generated/services/RolesService.js';
import { TptmClient as GeneratedTptmClient } from './generated/TptmClient.js';
import { TptmHttpRequest, type TptmFetch, type TptmRequestOptions, type TransportSettings } from './transport.js';

/** A generated service whose every method also takes call options after its parameters. */
export type TptmService<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => infer R ? (...args: [...A, options?: TptmRequestOptions]) => R : S[K];
};

/** `apiKeys`, with `listAllApiKeys` walking every page. */
export type TptmApiKeysService = TptmService<ApiKeysService> & {
  /**
   * Every API key of the organization (whose name contains `q`, if given),
   * newest first, fetching the pages (`limit` keys each, default 50) as the loop reaches them:
   * `for await (const key of client.apiKeys.listAllApiKeys({ orgId })) …`.
   */
  listAllApiKeys(
    params: Omit<Parameters<ApiKeysService['listApiKeys']>[0], 'cursor'>,
    options?: TptmRequestOptions,
  ): AsyncGenerator<ApiKeyResponse, void, undefined>;
};

/** `audit`, with `listAllAuditEvents` walking every page. */
export type TptmAuditService = TptmService<AuditService> & {
  /**
   * Every audit event of the organization that the filters (`action`,
   * `actorId`, `targetId`, `from`, `to`) keep, newest first, fetching the
   * pages as the loop reaches them.
   */
  listAllAuditEvents(
    params: Omit<Parameters<AuditService['listAuditEvents']>[0], 'cursor'>,
    options?: TptmRequestOptions,
  ): AsyncGenerator<AuditEventResponse, void, undefined>;
};

async function* allItems<T>(
  fetchPage: (cursor: string | undefined) => PromiseLike<{ items: T[]; nextCursor: string | null }>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * The generated client: one property per API area (`apiKeys`, `auth`, `me`,
 * `integration`, …), each call typed from the OpenAPI spec and taking
 * optional call options (`{ signal, timeout, headers }`) after its
 * parameters. Failed calls reject with TptmApiError, or TptmConnectionError
 * when no answer came. Build one with `createTptmClient`.
 */
export class TptmClient extends GeneratedTptmClient {
  declare readonly apiKeys: TptmApiKeysService;
  declare readonly audit: TptmAuditService;
  declare readonly auth: TptmService<AuthService>;
  declare readonly health: TptmService<HealthService>;
  declare readonly integration: TptmService<IntegrationService>;
  declare readonly invitations: TptmService<InvitationsService>;
  declare readonly me: TptmService<MeService>;
  declare readonly members: TptmService<MembersService>;
  declare readonly organizations: TptmService<OrganizationsService>;
  declare readonly permissions: TptmService<PermissionsService>;
  declare readonly roles: TptmService<RolesService>;

  constructor(
    config?: Partial<OpenAPIConfig>,
    HttpRequest: new (config: OpenAPIConfig) => BaseHttpRequest = TptmHttpRequest,
    transport: Partial<TransportSettings> = {},
  ) {
    super(
      config,
      HttpRequest === TptmHttpRequest
        ? class extends TptmHttpRequest {
            constructor(config: OpenAPIConfig) {
              super(config, transport);
            }
          }
        : HttpRequest,
    );
    const request = this.request;
    const self = this as unknown as Record<string, unknown>;
    for (const name of Object.keys(this)) {
      const service = self[name] as Record<string, unknown> | null;
      if (typeof service !== 'object' || service === null || service.httpRequest !== request) continue;
      const wrapped = Object.create(service) as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(Object.getPrototypeOf(service))) {
        const method = service[key];
        if (key === 'constructor' || typeof method !== 'function') continue;
        const arity = method.length;
        wrapped[key] = (...args: unknown[]) => {
          const params = args.slice(0, arity);
          const options = args[arity] as TptmRequestOptions | undefined;
          return request instanceof TptmHttpRequest
            ? request.withCallOptions(options, () => method.apply(service, params))
            : method.apply(service, params);
        };
      }
      Object.defineProperty(this, name, { value: wrapped, enumerable: true, writable: false, configurable: true });
    }
    const apiKeys = this.apiKeys as { listAllApiKeys: TptmApiKeysService['listAllApiKeys'] };
    apiKeys.listAllApiKeys = (params, options) => allItems((cursor) => this.apiKeys.listApiKeys({ ...params, cursor }, options));
    const audit = this.audit as { listAllAuditEvents: TptmAuditService['listAllAuditEvents'] };
    audit.listAllAuditEvents = (params, options) => allItems((cursor) => this.audit.listAuditEvents({ ...params, cursor }, options));
  }
}

/** What every client takes, whatever its identity. */
export interface TptmClientBaseOptions {
  /**
   * The server's origin, such as `https://tptm.example.com` or
   * `http://localhost:3000`; `''` in a browser page served by the server itself.
   */
  baseUrl: string;
  /** Headers sent with every request, such as `X-Request-Id`. */
  headers?: Record<string, string>;
  /**
   * Milliseconds a call may take, retries and their waits included, before it
   * rejects with TptmConnectionError (`timedOut: true`). Default 30000; 0 for no limit.
   */
  timeout?: number;
  /**
   * How many times a call is retried (default 2, 0 for never): on 429 and 503
   * for every method, and when no answer came for GET, PUT and DELETE; waiting
   * as `Retry-After` says (up to 60 s) or backing off exponentially with jitter.
   */
  maxRetries?: number;
  /** The `fetch` to send requests with; default the global one. */
  fetch?: TptmFetch;
}

/** A console user's access token, or a function returning the current one. */
export type TptmAccessToken = string | (() => string | undefined | Promise<string | undefined>);

/**
 * Options for `createTptmClient`: the base options with one identity, an
 * integration's `apiKey` or a console user's `accessToken`, or none.
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
    | { apiKey?: undefined; accessToken?: undefined }
  );

const API_KEY_PATTERN = /^tptm_[0-9A-Za-z]{46}$/;

/**
 * A client for one identity: a console user (`accessToken`), an integration
 * (`apiKey`), or nobody (for `auth.login` and `health`).
 */
export function createTptmClient(options: TptmClientOptions): TptmClient {
  const { baseUrl, accessToken, apiKey, headers, timeout, maxRetries, fetch } = options;
  if (accessToken !== undefined && apiKey !== undefined) {
    throw new TypeError('createTptmClient: pass accessToken or apiKey, not both; they are different identities.');
  }
  if (apiKey !== undefined && (typeof apiKey !== 'string' || !API_KEY_PATTERN.test(apiKey))) {
    // Never the key itself in the message: it may end up in a log.
    throw new TypeError(
      apiKey === ''
        ? 'createTptmClient: apiKey is empty; pass an API key (tptm_…) or leave apiKey out.'
        : 'createTptmClient: apiKey is not a TPTM API key; one is tptm_ followed by 46 letters and digits.',
    );
  }
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout >= 0)) {
    throw new TypeError('createTptmClient: timeout must be a number of milliseconds, 0 or more.');
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new TypeError('createTptmClient: maxRetries must be a whole number, 0 or more.');
  }
  const token = apiKey ?? accessToken;
  return new TptmClient(
    {
      // The spec's paths start with /api/v1, so a trailing slash would double it.
      BASE: baseUrl.replace(/\/+$/, ''),
      // The generator's token resolver must yield a string; an empty one sends no Authorization header.
      TOKEN: typeof token === 'function' ? async () => (await token()) ?? '' : token,
      HEADERS: headers,
    },
    TptmHttpRequest,
    { timeout, maxRetries, fetch },
  );
}

import { ApiError } from './generated/core/ApiError.js';
import type { ApiRequestOptions } from './generated/core/ApiRequestOptions.js';
import type { BaseHttpRequest } from './generated/core/BaseHttpRequest.js';
import { CancelablePromise } from './generated/core/CancelablePromise.js';
import { FetchHttpRequest } from './generated/core/FetchHttpRequest.js';
import type { OpenAPIConfig } from './generated/core/OpenAPI.js';
import { TptmClient as GeneratedTptmClient } from './generated/TptmClient.js';
import { TptmApiError } from './errors.js';

/** The generated fetch transport, rejecting with TptmApiError instead of the generator's bare ApiError. */
class TptmHttpRequest extends FetchHttpRequest {
  override request<T>(options: ApiRequestOptions): CancelablePromise<T> {
    const sent = super.request<T>(options);
    return new CancelablePromise<T>((resolve, reject, onCancel) => {
      onCancel(() => sent.cancel());
      sent.then(resolve, (error: unknown) => {
        if (!(error instanceof ApiError)) return reject(error);
        const { url, status, statusText, body } = error;
        reject(new TptmApiError(error.request, { url, ok: false, status, statusText, body }));
      });
    });
  }
}

/**
 * The generated client: one property per API area (`apiKeys`, `auth`, `me`,
 * `integration`, …), each call typed from the OpenAPI spec. Failed calls
 * reject with TptmApiError. Build one with `createTptmClient`.
 */
export class TptmClient extends GeneratedTptmClient {
  constructor(
    config?: Partial<OpenAPIConfig>,
    HttpRequest: new (config: OpenAPIConfig) => BaseHttpRequest = TptmHttpRequest,
  ) {
    super(config, HttpRequest);
  }
}

export interface TptmClientOptions {
  /**
   * The server's origin, such as `https://tptm.example.com` or
   * `http://localhost:3000`; `''` in a browser page served by the server itself.
   */
  baseUrl: string;
  /**
   * A console user's access token from `client.auth.login`, or a function
   * returning the current one, asked before every request (so a refreshed
   * token is picked up). Returning undefined sends no credentials.
   */
  accessToken?: string | (() => string | undefined | Promise<string | undefined>);
  /** An integration API key (`tptm_…`), sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Headers sent with every request, such as `X-Request-Id`. */
  headers?: Record<string, string>;
}

/**
 * A client for one identity: a console user (`accessToken`), an integration
 * (`apiKey`), or nobody (for `auth.login` and `health`).
 */
export function createTptmClient(options: TptmClientOptions): TptmClient {
  const { baseUrl, accessToken, apiKey, headers } = options;
  if (accessToken !== undefined && apiKey !== undefined) {
    throw new TypeError('createTptmClient: pass accessToken or apiKey, not both; they are different identities.');
  }
  const token = apiKey ?? accessToken;
  return new TptmClient({
    // The spec's paths start with /api/v1, so a trailing slash would double it.
    BASE: baseUrl.replace(/\/+$/, ''),
    // The generator's token resolver must yield a string; an empty one sends no Authorization header.
    TOKEN: typeof token === 'function' ? async () => (await token()) ?? '' : token,
    HEADERS: headers,
  });
}

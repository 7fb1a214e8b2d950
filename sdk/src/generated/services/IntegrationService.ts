/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { PingResponse } from '../models/PingResponse.js';
import type { WhoamiResponse } from '../models/WhoamiResponse.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class IntegrationService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * Check that the API is reachable, without a key
   * Answers without credentials, so an integration can tell a network problem from a key problem.
   * @returns PingResponse The API is reachable.
   * @throws TptmApiError
   */
  public ping(): TptmPromise<PingResponse> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/integration/ping',
      errors: {
        400: `An unknown query parameter: this route takes none.`,
      },
    });
  }
  /**
   * The organization and API key this request is authenticated as
   * Checks an API key, sent as `Authorization: Bearer <key>` or `X-API-Key: <key>`. A key acts for its own organization only.
   * @returns WhoamiResponse The key is valid: its organization and the key's identity (masked).
   * @throws TptmApiError
   */
  public whoami(): TptmPromise<WhoamiResponse> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/integration/whoami',
      errors: {
        401: `No API key, or an unknown, expired, disabled or deleted one.`,
        403: `The key may not be used from this address (\`ip-not-allowed\`).`,
        429: `Too many failed key checks from this client, or the key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
}

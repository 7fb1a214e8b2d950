/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { VerifyApiKeyRequest } from '../models/VerifyApiKeyRequest.js';
import type { VerifyApiKeyResponse } from '../models/VerifyApiKeyResponse.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class KeyVerificationService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * A stream of the key secrets that stop working or change
   * Server-Sent Events. Each `revoked` event (`id:` an increasing event id) carries `{keyId, organizationId, digest, reason}`: `digest` is the lowercase hex SHA-256 of the full key, `reason` one of `deleted`, `rolled`, `expired`, `disabled`, `exposed`, `changed` (still working, with other permissions or limits: verify it again). Sent within 100 ms of the change, on every instance. A comment line every 15 s keeps the stream open. Send `Last-Event-ID` to resume after an event (within the last hour, on any instance); an older or unknown id gets a `reset` event first: forget every cached verification.
   * @returns string The stream, open until the client or the server closes it.
   * @throws TptmApiError
   */
  public revocations({
    lastEventId,
  }: {
    /**
     * The id of the last event received, to resume after it.
     */
    lastEventId?: string | undefined,
  }): TptmPromise<string> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/keys/revocations',
      headers: {
        'Last-Event-ID': lastEventId,
      },
      errors: {
        400: `\`Last-Event-ID\` is not an event id.`,
        401: `No service token, or an unknown or revoked one.`,
        429: `Too many failed credential checks from this client; see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Verify an API key a caller of your service presented
   * Always 200 with the outcome in `code` (only a bad service token is an error). Judged exactly as a REST request with the key: a `VALID` answer counts as one request of the key (usage, last used, rate limit); every other outcome counts nothing. `Idempotency-Key` is ignored here. The per-client limit on failed key checks does not apply: a service verifies for many clients.
   * @returns VerifyApiKeyResponse The outcome, with the key and its organization whenever the key exists.
   * @throws TptmApiError
   */
  public verifyApiKey({
    requestBody,
  }: {
    requestBody: VerifyApiKeyRequest,
  }): TptmPromise<VerifyApiKeyResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/keys/verify',
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `The body is not \`{key: string, permissions?: [string], clientIp?: string}\`.`,
        401: `No service token, or an unknown or revoked one.`,
        429: `Too many failed credential checks from this client; see \`Retry-After\`.`,
      },
    });
  }
}

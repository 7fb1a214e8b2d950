/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ApiKeyPage } from '../models/ApiKeyPage.js';
import type { CreateApiKeyRequest } from '../models/CreateApiKeyRequest.js';
import type { CreatedApiKeyResponse } from '../models/CreatedApiKeyResponse.js';
import type { CancelablePromise } from '../core/CancelablePromise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class ApiKeysService {
  constructor(public readonly httpRequest: BaseHttpRequest) {}
  /**
   * List the organization's API keys, newest first (masked)
   * Keys are masked: the full key is only ever in the response that created it. Pass `nextCursor` back as `cursor` for the next page, until it is null.
   * @returns ApiKeyPage One page of keys, newest first.
   * @throws ApiError
   */
  public listApiKeys({
    orgId,
    limit,
    cursor,
  }: {
    /**
     * The organization.
     */
    orgId: string,
    /**
     * How many items to return, 1–100.
     */
    limit?: number,
    /**
     * The `nextCursor` of the previous page; omit it for the first page.
     */
    cursor?: string,
  }): CancelablePromise<ApiKeyPage> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/api-keys',
      path: {
        'orgId': orgId,
      },
      query: {
        'limit': limit,
        'cursor': cursor,
      },
      errors: {
        400: `A bad \`limit\` or \`cursor\`.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The signed-in user lacks \`key:manage\` in this organization.`,
        404: `No such organization, or the user is not a member of it.`,
      },
    });
  }
  /**
   * Create an API key
   * The response holds the full key. It is shown this once and can never be retrieved again.
   * @returns CreatedApiKeyResponse The new key, with the full `key`.
   * @throws ApiError
   */
  public createApiKey({
    orgId,
    requestBody,
  }: {
    /**
     * The organization.
     */
    orgId: string,
    requestBody: CreateApiKeyRequest,
  }): CancelablePromise<CreatedApiKeyResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/orgs/{orgId}/api-keys',
      path: {
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A bad name.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The signed-in user lacks \`key:manage\` in this organization.`,
        404: `No such organization, or the user is not a member of it.`,
        409: `A key with this name already exists (ignoring case).`,
      },
    });
  }
  /**
   * Delete an API key
   * Permanent. From the moment this returns, every request with the key is refused.
   * @returns void
   * @throws ApiError
   */
  public deleteApiKey({
    keyId,
    orgId,
  }: {
    /**
     * The API key.
     */
    keyId: string,
    /**
     * The organization.
     */
    orgId: string,
  }): CancelablePromise<void> {
    return this.httpRequest.request({
      method: 'DELETE',
      url: '/api/v1/orgs/{orgId}/api-keys/{keyId}',
      path: {
        'keyId': keyId,
        'orgId': orgId,
      },
      errors: {
        400: `\`keyId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The signed-in user lacks \`key:manage\` in this organization.`,
        404: `No such API key in this organization.
        No such organization, or the user is not a member of it.`,
      },
    });
  }
}

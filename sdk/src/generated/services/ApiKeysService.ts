/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ApiKeyPage } from '../models/ApiKeyPage.js';
import type { ApiKeyResponse } from '../models/ApiKeyResponse.js';
import type { ApiKeySort } from '../models/ApiKeySort.js';
import type { ApiKeyStatus } from '../models/ApiKeyStatus.js';
import type { ApiKeyUsageResponse } from '../models/ApiKeyUsageResponse.js';
import type { CreateApiKeyRequest } from '../models/CreateApiKeyRequest.js';
import type { CreatedApiKeyResponse } from '../models/CreatedApiKeyResponse.js';
import type { Permission } from '../models/Permission.js';
import type { RollApiKeyRequest } from '../models/RollApiKeyRequest.js';
import type { UpdateApiKeyRequest } from '../models/UpdateApiKeyRequest.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class ApiKeysService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * List the organization's API keys (masked), filtered and sorted, newest first by default
   * Keys are masked: the full key is only ever in the response that created (or rolled) it. Expired keys are listed too. Pass `q` to list only keys whose name contains it, ignoring case; `status` (repeatable: any of them), `createdBy` and `permission` narrow further, and all the filters combine with AND. `total` counts every key matching them. Pass `nextCursor` back as `cursor` (with the same filters and sort) for the next page, until it is null.
   * @returns ApiKeyPage One page of keys, and how many match.
   * @throws TptmApiError
   */
  public listApiKeys({
    orgId,
    status,
    permission,
    sort,
    limit,
    cursor,
    q,
    createdBy,
  }: {
    /**
     * The organization.
     */
    orgId: string,
    /**
     * Only keys in any of these states (repeat the parameter for several): `expiring` expires within 14 days,
     * `unused` was never used or not in the last 90 days.
     */
    status?: Array<ApiKeyStatus> | undefined,
    /**
     * Only keys holding this permission.
     */
    permission?: Permission | undefined,
    /**
     * The order: newest first by default; `-` sorts descending. Keys never used come last with `-lastUsedAt`, keys that never expire last with `expiresAt`.
     */
    sort?: ApiKeySort | undefined,
    /**
     * How many items to return, 1–100.
     */
    limit?: number | undefined,
    /**
     * The `nextCursor` of the previous page, with the same filters and sort; omit it for the first page.
     */
    cursor?: string | undefined,
    /**
     * Only keys whose name contains this, ignoring case.
     */
    q?: string | undefined,
    /**
     * Only keys created by this user.
     */
    createdBy?: string | undefined,
  }): TptmPromise<ApiKeyPage> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/api-keys',
      path: {
        'orgId': orgId,
      },
      query: {
        'status': status,
        'permission': permission,
        'sort': sort,
        'limit': limit,
        'cursor': cursor,
        'q': q,
        'createdBy': createdBy,
      },
      errors: {
        400: `A bad \`limit\`, \`cursor\`, \`q\`, \`status\`, \`createdBy\`, \`permission\` or \`sort\`.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The signed-in user lacks \`key:manage\` in this organization; API keys cannot call this route.`,
        404: `No such organization, or the user is not a member of it.`,
      },
    });
  }
  /**
   * Create an API key
   * The response holds the full key. It is shown this once and can never be retrieved again. With `expiresAt`, the key is refused from that instant on.
   * @returns CreatedApiKeyResponse The new key, with the full `key`.
   * @throws TptmApiError
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
  }): TptmPromise<CreatedApiKeyResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/orgs/{orgId}/api-keys',
      path: {
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A bad name, or an \`expiresAt\` that is not a future RFC 3339 date and time.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The key would hold a permission the caller lacks.
        The signed-in user lacks \`key:manage\` in this organization; API keys cannot call this route.`,
        404: `No such organization, or the user is not a member of it.`,
        409: `A key with this name already exists (ignoring case).`,
        422: `The key would break the organization's key policy (\`policy-violation\`; \`errors\` name each field and rule).`,
      },
    });
  }
  /**
   * Get an API key (masked)
   * @returns ApiKeyResponse The key.
   * @throws TptmApiError
   */
  public getApiKey({
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
  }): TptmPromise<ApiKeyResponse> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/api-keys/{keyId}',
      path: {
        'keyId': keyId,
        'orgId': orgId,
      },
      errors: {
        400: `\`keyId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The signed-in user lacks \`key:manage\` in this organization; API keys cannot call this route.`,
        404: `No such API key in this organization.
        No such organization, or the user is not a member of it.`,
      },
    });
  }
  /**
   * Rename an API key
   * The key and its secrets keep working as before. The audit event `api_key.updated` records the old and the new name (`changes: [{field: "name", before: [old], after: [new]}]`).
   * @returns ApiKeyResponse The renamed key.
   * @throws TptmApiError
   */
  public updateApiKey({
    keyId,
    orgId,
    requestBody,
  }: {
    /**
     * The API key.
     */
    keyId: string,
    /**
     * The organization.
     */
    orgId: string,
    requestBody: UpdateApiKeyRequest,
  }): TptmPromise<ApiKeyResponse> {
    return this.httpRequest.request({
      method: 'PATCH',
      url: '/api/v1/orgs/{orgId}/api-keys/{keyId}',
      path: {
        'keyId': keyId,
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A bad name, or none.
        \`keyId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `New permissions were sent, and the key would hold afterwards one the caller lacks.
        The signed-in user lacks \`key:manage\` in this organization; API keys cannot call this route.`,
        404: `No such API key in this organization.
        No such organization, or the user is not a member of it.`,
        409: `A key with this name already exists (ignoring case).`,
        422: `What the change sets would break the organization's key policy (\`policy-violation\`).`,
      },
    });
  }
  /**
   * Delete an API key
   * Permanent. From the moment this returns, every request with the key is refused.
   * @returns void
   * @throws TptmApiError
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
  }): TptmPromise<void> {
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
        403: `The signed-in user lacks \`key:manage\` in this organization; API keys cannot call this route.`,
        404: `No such API key in this organization.
        No such organization, or the user is not a member of it.`,
      },
    });
  }
  /**
   * Roll an API key: give it a new secret
   * Same key id, name and expiry; a new secret, shown this once in `key`. The secret it replaces keeps working until `previousKeyExpiresAt` (now + `gracePeriodSeconds`); with 0 (the default) it is refused at once, like a deleted key. A secret replaced by an earlier roll is refused at once. The audit event `api_key.rolled` records the grace period (`changes: [{field: "gracePeriodSeconds", before: [], after: ["86400"]}]`). While a secret replaced by an earlier roll still works, a roll is refused (409) unless `replacePrevious` is true.
   * @returns CreatedApiKeyResponse The key, with its new full `key`.
   * @throws TptmApiError
   */
  public rollApiKey({
    keyId,
    orgId,
    requestBody,
  }: {
    /**
     * The API key.
     */
    keyId: string,
    /**
     * The organization.
     */
    orgId: string,
    requestBody: RollApiKeyRequest,
  }): TptmPromise<CreatedApiKeyResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/orgs/{orgId}/api-keys/{keyId}/roll',
      path: {
        'keyId': keyId,
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A bad \`gracePeriodSeconds\`.
        \`keyId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The key holds a permission the caller lacks: its new secret would hand it over.
        The signed-in user lacks \`key:manage\` in this organization; API keys cannot call this route.`,
        404: `No such API key in this organization.
        No such organization, or the user is not a member of it.`,
        409: `The secret an earlier roll replaced still works (\`previous-secret-still-working\`, with \`previousKeyExpiresAt\`); send \`"replacePrevious": true\` to stop it at once and roll anyway.`,
        422: `The key breaks the organization's key policy: fix it before giving it a new secret (\`policy-violation\`).`,
      },
    });
  }
  /**
   * An API key's requests per UTC day
   * Every request the key authenticated (with either secret after a roll), per UTC day, from every server instance, exactly: `days` entries (default 30), oldest first, the last one today, days without requests as 0. Counts reach the database in batches, so the last few seconds may not show yet.
   * @returns ApiKeyUsageResponse The daily counts.
   * @throws TptmApiError
   */
  public getApiKeyUsage({
    keyId,
    orgId,
    days,
  }: {
    /**
     * The API key.
     */
    keyId: string,
    /**
     * The organization.
     */
    orgId: string,
    /**
     * How many UTC days, ending today: 1 to 90.
     */
    days?: number | undefined,
  }): TptmPromise<ApiKeyUsageResponse> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/api-keys/{keyId}/usage',
      path: {
        'keyId': keyId,
        'orgId': orgId,
      },
      query: {
        'days': days,
      },
      errors: {
        400: `A bad \`days\`.
        \`keyId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The signed-in user lacks \`key:manage\` in this organization; API keys cannot call this route.`,
        404: `No such API key in this organization.
        No such organization, or the user is not a member of it.`,
      },
    });
  }
}

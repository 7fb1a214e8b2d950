/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AttentionResponse } from '../models/AttentionResponse.js';
import type { CreateOrganizationRequest } from '../models/CreateOrganizationRequest.js';
import type { OrganizationResponse } from '../models/OrganizationResponse.js';
import type { CancelablePromise } from '../core/CancelablePromise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class OrganizationsService {
  constructor(public readonly httpRequest: BaseHttpRequest) {}
  /**
   * Create an organization; the signed-in user becomes its Owner
   * Open to any signed-in user, unless the server sets `TPTM_ORG_CREATION=operators`: then to its operators only. The organization starts with the built-in Owner, Admin and Member roles.
   * @returns OrganizationResponse The new organization.
   * @throws ApiError
   */
  public createOrganization({
    requestBody,
  }: {
    requestBody: CreateOrganizationRequest,
  }): CancelablePromise<OrganizationResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/orgs',
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A bad name.`,
        401: `No valid access token.`,
        403: `This server lets only its operators create organizations.
        API keys cannot call this route: it is for people signed in to the console.`,
      },
    });
  }
  /**
   * What needs attention in the organization, as counts
   * Keys expiring within 14 days, expired, unused for 90 days; invitations pending and lapsed. Each count matches a filter of its list. Counts of what the caller may not list (keys need `key:manage`, invitations `member:manage`) are null.
   * @returns AttentionResponse The counts.
   * @throws ApiError
   */
  public getAttention({
    orgId,
  }: {
    /**
     * The organization.
     */
    orgId: string,
  }): CancelablePromise<AttentionResponse> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/attention',
      path: {
        'orgId': orgId,
      },
      errors: {
        400: `\`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The signed-in user, or the API key, lacks \`key:manage\` or \`member:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such organization, or the caller belongs to another one.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
}

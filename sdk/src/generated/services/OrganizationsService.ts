/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AttentionResponse } from '../models/AttentionResponse.js';
import type { CreateOrganizationRequest } from '../models/CreateOrganizationRequest.js';
import type { KeyPolicy } from '../models/KeyPolicy.js';
import type { KeyPolicyDryRun } from '../models/KeyPolicyDryRun.js';
import type { OrganizationResponse } from '../models/OrganizationResponse.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class OrganizationsService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * Create an organization; the signed-in user becomes its Owner
   * Open to any signed-in user, unless the server sets `TPTM_ORG_CREATION=operators`: then to its operators only. The organization starts with the built-in Owner, Admin and Member roles.
   * @returns OrganizationResponse The new organization.
   * @throws TptmApiError
   */
  public createOrganization({
    requestBody,
  }: {
    requestBody: CreateOrganizationRequest,
  }): TptmPromise<OrganizationResponse> {
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
   * @throws TptmApiError
   */
  public getAttention({
    orgId,
  }: {
    /**
     * The organization.
     */
    orgId: string,
  }): TptmPromise<AttentionResponse> {
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
  /**
   * The organization's key policy: the rules its keys must follow, and what happens to a leaked key
   * @returns KeyPolicy The policy (the defaults if it was never set).
   * @throws TptmApiError
   */
  public getKeyPolicy({
    orgId,
  }: {
    /**
     * The organization.
     */
    orgId: string,
  }): TptmPromise<KeyPolicy> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/key-policy',
      path: {
        'orgId': orgId,
      },
      errors: {
        400: `\`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The signed-in user lacks \`org:manage\` in this organization; API keys cannot call this route.`,
        404: `No such organization, or the user is not a member of it.`,
      },
    });
  }
  /**
   * Replace the organization's key policy
   * Takes the whole policy. Creating, changing or rolling a key that breaks it is refused (`422` `policy-violation`); keys made before it are not changed, but are listed with `policyViolations` and refused at use (`403` `policy-violation`) until fixed, on every instance from the next request. Audited as `key_policy.updated`.
   * @returns KeyPolicy The policy now in force.
   * @throws TptmApiError
   */
  public putKeyPolicy({
    orgId,
    requestBody,
  }: {
    /**
     * The organization.
     */
    orgId: string,
    requestBody: KeyPolicy,
  }): TptmPromise<KeyPolicy> {
    return this.httpRequest.request({
      method: 'PUT',
      url: '/api/v1/orgs/{orgId}/key-policy',
      path: {
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A missing or bad field.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The signed-in user lacks \`org:manage\` in this organization; API keys cannot call this route.`,
        404: `No such organization, or the user is not a member of it.`,
      },
    });
  }
  /**
   * How many keys a key policy would refuse, without saving it
   * For stating the consequences of a policy before saving it. Changes nothing.
   * @returns KeyPolicyDryRun The count.
   * @throws TptmApiError
   */
  public dryRunKeyPolicy({
    orgId,
    requestBody,
  }: {
    /**
     * The organization.
     */
    orgId: string,
    requestBody: KeyPolicy,
  }): TptmPromise<KeyPolicyDryRun> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/orgs/{orgId}/key-policy/dry-run',
      path: {
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A missing or bad field.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The signed-in user lacks \`org:manage\` in this organization; API keys cannot call this route.`,
        404: `No such organization, or the user is not a member of it.`,
      },
    });
  }
}

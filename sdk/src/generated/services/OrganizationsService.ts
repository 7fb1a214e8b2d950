/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { CreateOrganizationRequest } from '../models/CreateOrganizationRequest.js';
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
}

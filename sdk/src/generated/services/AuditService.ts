/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AuditEventPage } from '../models/AuditEventPage.js';
import type { CancelablePromise } from '../core/CancelablePromise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class AuditService {
  constructor(public readonly httpRequest: BaseHttpRequest) {}
  /**
   * List the organization's audit events, newest first
   * Every change to keys, roles and members, append-only. Pass `nextCursor` back as `cursor` for the next page, until it is null.
   * @returns AuditEventPage One page of events, newest first.
   * @throws ApiError
   */
  public listAuditEvents({
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
  }): CancelablePromise<AuditEventPage> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/audit-events',
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
        403: `The signed-in user lacks \`audit:read\` in this organization.`,
        404: `No such organization, or the user is not a member of it.`,
      },
    });
  }
}

/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AuditAction } from '../models/AuditAction.js';
import type { AuditEventPage } from '../models/AuditEventPage.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class AuditService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * List the organization's audit events, newest first
   * Every change to keys, roles, members and invitations, append-only. Filters (`action`, `actorId`, `targetId`, `from`, `to`) combine with AND; `targetId` gives one key's, role's or member's history. Pass `nextCursor` back as `cursor` (with the same filters) for the next page, until it is null.
   * @returns AuditEventPage One page of events, newest first.
   * @throws TptmApiError
   */
  public listAuditEvents({
    orgId,
    action,
    limit,
    cursor,
    actorId,
    targetId,
    from,
    to,
  }: {
    /**
     * The organization.
     */
    orgId: string,
    /**
     * Only events with this action.
     */
    action?: AuditAction | undefined,
    /**
     * How many items to return, 1–100.
     */
    limit?: number | undefined,
    /**
     * The `nextCursor` of the previous page; omit it for the first page.
     */
    cursor?: string | undefined,
    /**
     * Only events caused by this user or API key.
     */
    actorId?: string | undefined,
    /**
     * Only events about this key, role, member or organization: one target's history.
     */
    targetId?: string | undefined,
    /**
     * Only events at or after this instant (RFC 3339).
     */
    from?: string | undefined,
    /**
     * Only events before this instant (RFC 3339); not before `from`.
     */
    to?: string | undefined,
  }): TptmPromise<AuditEventPage> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/audit-events',
      path: {
        'orgId': orgId,
      },
      query: {
        'action': action,
        'limit': limit,
        'cursor': cursor,
        'actorId': actorId,
        'targetId': targetId,
        'from': from,
        'to': to,
      },
      errors: {
        400: `A bad \`limit\`, \`cursor\` or filter.
        \`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The signed-in user, or the API key, lacks \`audit:read\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such organization, or the caller belongs to another one.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Export the organization's audit events as CSV, newest first
   * The events `listAuditEvents` would list with the same filters, all of them, as one RFC 4180 file (UTF-8, CRLF, a header row). It is streamed as it is read, so an export of any size takes little memory on either side. Columns: `occurred_at`, `action`, `actor_type`, `actor_id`, `actor_name`, `target_type`, `target_id`, `target_name`, `changes` (JSON, as in the list), `ip`, `user_agent`. A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`.
   * @returns string The events as CSV, newest first, sent as an attachment.
   * @throws TptmApiError
   */
  public exportAuditEvents({
    orgId,
    action,
    actorId,
    targetId,
    from,
    to,
  }: {
    /**
     * The organization.
     */
    orgId: string,
    /**
     * Only events with this action.
     */
    action?: AuditAction | undefined,
    /**
     * Only events caused by this user or API key.
     */
    actorId?: string | undefined,
    /**
     * Only events about this key, role, member or organization: one target's history.
     */
    targetId?: string | undefined,
    /**
     * Only events at or after this instant (RFC 3339).
     */
    from?: string | undefined,
    /**
     * Only events before this instant (RFC 3339); not before `from`.
     */
    to?: string | undefined,
  }): TptmPromise<string> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/audit-events.csv',
      path: {
        'orgId': orgId,
      },
      query: {
        'action': action,
        'actorId': actorId,
        'targetId': targetId,
        'from': from,
        'to': to,
      },
      errors: {
        400: `A bad filter.
        \`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The signed-in user, or the API key, lacks \`audit:read\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such organization, or the caller belongs to another one.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
}

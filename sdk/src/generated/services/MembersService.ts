/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AddMemberRequest } from '../models/AddMemberRequest.js';
import type { InvitationCreatedResponse } from '../models/InvitationCreatedResponse.js';
import type { InvitationList } from '../models/InvitationList.js';
import type { MemberList } from '../models/MemberList.js';
import type { MemberResponse } from '../models/MemberResponse.js';
import type { SetMemberRolesRequest } from '../models/SetMemberRolesRequest.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class MembersService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * List the invitations not yet accepted
   * Newest first. Expired ones stay listed (status `expired`) until renewed or revoked.
   * @returns InvitationList The organization's pending invitations.
   * @throws TptmApiError
   */
  public listInvitations({
    orgId,
  }: {
    /**
     * The organization.
     */
    orgId: string,
  }): TptmPromise<InvitationList> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/invitations',
      path: {
        'orgId': orgId,
      },
      errors: {
        400: `\`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The signed-in user, or the API key, lacks \`member:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such organization, or the caller belongs to another one.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Revoke an invitation
   * Its link stops working at once.
   * @returns void
   * @throws TptmApiError
   */
  public revokeInvitation({
    invitationId,
    orgId,
  }: {
    /**
     * The invitation.
     */
    invitationId: string,
    /**
     * The organization.
     */
    orgId: string,
  }): TptmPromise<void> {
    return this.httpRequest.request({
      method: 'DELETE',
      url: '/api/v1/orgs/{orgId}/invitations/{invitationId}',
      path: {
        'invitationId': invitationId,
        'orgId': orgId,
      },
      errors: {
        400: `\`invitationId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The signed-in user, or the API key, lacks \`member:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such invitation in this organization.
        No such organization, or the caller belongs to another one.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Renew an invitation: a new link, valid 7 days
   * The old link stops working at once. With SMTP configured the new one is emailed to the invited address only; without, it is in this response only. Emails count against the limits on invitation emails.
   * @returns InvitationCreatedResponse The invitation, and its new link when the server sends no email.
   * @throws TptmApiError
   */
  public renewInvitation({
    invitationId,
    orgId,
  }: {
    /**
     * The invitation.
     */
    invitationId: string,
    /**
     * The organization.
     */
    orgId: string,
  }): TptmPromise<InvitationCreatedResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/orgs/{orgId}/invitations/{invitationId}/renew',
      path: {
        'invitationId': invitationId,
        'orgId': orgId,
      },
      errors: {
        400: `No TPTM_PUBLIC_URL, and the Host header is not a plain host[:port] to make the link with.
        \`invitationId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The invitation grants a permission the caller lacks.
        The signed-in user, or the API key, lacks \`member:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such invitation in this organization.
        No such organization, or the caller belongs to another one.`,
        429: `The caller, the organization or the address has reached its limit of invitation emails; see Retry-After.
        The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
  /**
   * List the organization's members and their roles
   * Every member, with the roles each holds here.
   * @returns MemberList The organization's members.
   * @throws TptmApiError
   */
  public listMembers({
    orgId,
  }: {
    /**
     * The organization.
     */
    orgId: string,
  }): TptmPromise<MemberList> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/members',
      path: {
        'orgId': orgId,
      },
      errors: {
        400: `\`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The signed-in user, or the API key, lacks \`member:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such organization, or the caller belongs to another one.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Invite someone by email to become a member
   * Creates an invitation; nobody becomes a member until the invitee accepts it with the link. The answer is the same whether or not the email has an account. With SMTP configured the link is emailed to that address only and is not in the answer; without, `inviteUrl` is in this response only, for the caller to hand over. Inviting an email with a pending invitation replaces it: the old link stops working.
   * @returns InvitationCreatedResponse The invitation, and its link (shown this once) when the server sends no email.
   * @throws TptmApiError
   */
  public addMember({
    orgId,
    requestBody,
  }: {
    /**
     * The organization.
     */
    orgId: string,
    requestBody: AddMemberRequest,
  }): TptmPromise<InvitationCreatedResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/orgs/{orgId}/members',
      path: {
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A bad email, name or role id; or no TPTM_PUBLIC_URL and a Host header that is not a plain host[:port].
        \`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `A role to give carries a permission the caller lacks, or is Owner and the caller is not one.
        The signed-in user, or the API key, lacks \`member:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such organization, or the caller belongs to another one.`,
        409: `That email is already a member.`,
        429: `The caller, the organization or the address has reached its limit of invitation emails; see Retry-After.
        The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Remove a member from the organization; takes effect on their next request
   * Their account stays; only their membership and roles here go.
   * @returns void
   * @throws TptmApiError
   */
  public removeMember({
    userId,
    orgId,
  }: {
    /**
     * The member (their user id).
     */
    userId: string,
    /**
     * The organization.
     */
    orgId: string,
  }): TptmPromise<void> {
    return this.httpRequest.request({
      method: 'DELETE',
      url: '/api/v1/orgs/{orgId}/members/{userId}',
      path: {
        'userId': userId,
        'orgId': orgId,
      },
      errors: {
        400: `\`userId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The member is an Owner and the caller is not one.
        The signed-in user, or the API key, lacks \`member:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such member in this organization.
        No such organization, or the caller belongs to another one.`,
        409: `This is the last Owner.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Replace a member's roles; takes effect on their next request
   * The roles sent become the complete set; roles left out are taken away.
   * @returns MemberResponse The member with their new roles.
   * @throws TptmApiError
   */
  public setMemberRoles({
    userId,
    orgId,
    requestBody,
  }: {
    /**
     * The member (their user id).
     */
    userId: string,
    /**
     * The organization.
     */
    orgId: string,
    requestBody: SetMemberRolesRequest,
  }): TptmPromise<MemberResponse> {
    return this.httpRequest.request({
      method: 'PUT',
      url: '/api/v1/orgs/{orgId}/members/{userId}/roles',
      path: {
        'userId': userId,
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A bad role id.
        \`userId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `A role to give carries a permission the caller lacks, or Owner changes and the caller is not one.
        The signed-in user, or the API key, lacks \`member:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such member in this organization.
        No such organization, or the caller belongs to another one.`,
        409: `This would leave the organization without an Owner.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
}

/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AddedMemberResponse } from '../models/AddedMemberResponse.js';
import type { AddMemberRequest } from '../models/AddMemberRequest.js';
import type { MemberList } from '../models/MemberList.js';
import type { MemberResponse } from '../models/MemberResponse.js';
import type { SetMemberRolesRequest } from '../models/SetMemberRolesRequest.js';
import type { CancelablePromise } from '../core/CancelablePromise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class MembersService {
  constructor(public readonly httpRequest: BaseHttpRequest) {}
  /**
   * List the organization's members and their roles
   * Every member, with the roles each holds here.
   * @returns MemberList The organization's members.
   * @throws ApiError
   */
  public listMembers({
    orgId,
  }: {
    /**
     * The organization.
     */
    orgId: string,
  }): CancelablePromise<MemberList> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/members',
      path: {
        'orgId': orgId,
      },
      errors: {
        400: `\`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `The signed-in user lacks \`member:manage\` in this organization.`,
        404: `No such organization, or the user is not a member of it.`,
      },
    });
  }
  /**
   * Add a member by email
   * An email with no account yet gets a new account, whose temporary password is in this response only.
   * @returns AddedMemberResponse The new member; `temporaryPassword` is set when an account was created.
   * @throws ApiError
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
  }): CancelablePromise<AddedMemberResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/orgs/{orgId}/members',
      path: {
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A bad email, name or role id.
        \`orgId\` is not a UUID.`,
        401: `No valid access token.`,
        403: `A role to give carries a permission the caller lacks, or is Owner and the caller is not one.
        The signed-in user lacks \`member:manage\` in this organization.`,
        404: `No such organization, or the user is not a member of it.`,
        409: `That email is already a member.`,
      },
    });
  }
  /**
   * Remove a member from the organization; takes effect on their next request
   * Their account stays; only their membership and roles here go.
   * @returns void
   * @throws ApiError
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
  }): CancelablePromise<void> {
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
        401: `No valid access token.`,
        403: `The member is an Owner and the caller is not one.
        The signed-in user lacks \`member:manage\` in this organization.`,
        404: `No such member in this organization.
        No such organization, or the user is not a member of it.`,
        409: `This is the last Owner.`,
      },
    });
  }
  /**
   * Replace a member's roles; takes effect on their next request
   * The roles sent become the complete set; roles left out are taken away.
   * @returns MemberResponse The member with their new roles.
   * @throws ApiError
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
  }): CancelablePromise<MemberResponse> {
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
        401: `No valid access token.`,
        403: `A role to give carries a permission the caller lacks, or Owner changes and the caller is not one.
        The signed-in user lacks \`member:manage\` in this organization.`,
        404: `No such member in this organization.
        No such organization, or the user is not a member of it.`,
        409: `This would leave the organization without an Owner.`,
      },
    });
  }
}

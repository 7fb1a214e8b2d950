/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { CreateRoleRequest } from '../models/CreateRoleRequest.js';
import type { RoleList } from '../models/RoleList.js';
import type { RoleResponse } from '../models/RoleResponse.js';
import type { UpdateRoleRequest } from '../models/UpdateRoleRequest.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class RolesService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * List the organization's roles and the permissions each grants
   * Needs Role: Manage, or Member: Manage (to pick roles for members). `builtIn` marks Owner, Admin and Member.
   * @returns RoleList The organization's roles.
   * @throws TptmApiError
   */
  public listRoles({
    orgId,
  }: {
    /**
     * The organization.
     */
    orgId: string,
  }): TptmPromise<RoleList> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/orgs/{orgId}/roles',
      path: {
        'orgId': orgId,
      },
      errors: {
        400: `\`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The signed-in user, or the API key, lacks \`role:manage\` or \`member:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such organization, or the caller belongs to another one.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Create a custom role
   * Nobody can create a role with a permission they lack themselves.
   * @returns RoleResponse The new role.
   * @throws TptmApiError
   */
  public createRole({
    orgId,
    requestBody,
  }: {
    /**
     * The organization.
     */
    orgId: string,
    requestBody: CreateRoleRequest,
  }): TptmPromise<RoleResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/orgs/{orgId}/roles',
      path: {
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A bad name, description or permission list.
        \`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The role would grant a permission the caller lacks.
        The signed-in user, or the API key, lacks \`role:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such organization, or the caller belongs to another one.`,
        409: `A role with this name already exists, or one that looks the same (ignoring case and look-alike letters).`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Change a custom role's name, description or permissions
   * Only the fields sent change. Members holding the role get its new permissions on their next request.
   * @returns RoleResponse The updated role.
   * @throws TptmApiError
   */
  public updateRole({
    roleId,
    orgId,
    requestBody,
  }: {
    /**
     * The role.
     */
    roleId: string,
    /**
     * The organization.
     */
    orgId: string,
    requestBody: UpdateRoleRequest,
  }): TptmPromise<RoleResponse> {
    return this.httpRequest.request({
      method: 'PATCH',
      url: '/api/v1/orgs/{orgId}/roles/{roleId}',
      path: {
        'roleId': roleId,
        'orgId': orgId,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `A bad name, description or permission list.
        \`roleId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `New permissions were sent, and the role would hold afterwards one the caller lacks.
        The signed-in user, or the API key, lacks \`role:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such role in this organization.
        No such organization, or the caller belongs to another one.`,
        409: `The role is built in, or the new name is taken or looks the same as another role’s name.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Delete a custom role; members who held it lose its permissions at once
   * Built-in roles cannot be deleted.
   * @returns void
   * @throws TptmApiError
   */
  public deleteRole({
    roleId,
    orgId,
  }: {
    /**
     * The role.
     */
    roleId: string,
    /**
     * The organization.
     */
    orgId: string,
  }): TptmPromise<void> {
    return this.httpRequest.request({
      method: 'DELETE',
      url: '/api/v1/orgs/{orgId}/roles/{roleId}',
      path: {
        'roleId': roleId,
        'orgId': orgId,
      },
      errors: {
        400: `\`roleId\` is not a UUID.
        \`orgId\` is not a UUID.`,
        401: `No valid access token or API key.`,
        403: `The signed-in user, or the API key, lacks \`role:manage\` in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`,
        404: `No such role in this organization.
        No such organization, or the caller belongs to another one.`,
        409: `The role is built in.`,
        429: `The API key's rate limit is reached (\`rate-limited\`); see \`Retry-After\`.`,
      },
    });
  }
}

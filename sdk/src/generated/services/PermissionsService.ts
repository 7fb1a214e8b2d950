/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { PermissionList } from '../models/PermissionList.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class PermissionsService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * The permission catalog: every permission a role can grant, with its display name
   * Open to any signed-in user. Roles and `GET /api/v1/me` name permissions by these ids.
   * @returns PermissionList Every permission.
   * @throws TptmApiError
   */
  public listPermissions(): TptmPromise<PermissionList> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/permissions',
      errors: {
        401: `No valid access token.`,
        403: `API keys cannot call this route: it is for people signed in to the console.`,
      },
    });
  }
}

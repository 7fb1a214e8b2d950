/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ChangePasswordRequest } from '../models/ChangePasswordRequest.js';
import type { MeResponse } from '../models/MeResponse.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class MeService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * The signed-in user, their organizations, roles and permissions
   * The console reads the permissions of each membership to decide what to show.
   * @returns MeResponse The signed-in user.
   * @throws TptmApiError
   */
  public getMe(): TptmPromise<MeResponse> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/me',
      errors: {
        401: `No valid access token.`,
        403: `API keys cannot call this route: it is for people signed in to the console.`,
      },
    });
  }
  /**
   * Change the signed-in user's password
   * Needs the current password; the new one must be 12 to 256 characters. Every other session of the account ends; this one carries on.
   * @returns void
   * @throws TptmApiError
   */
  public changePassword({
    requestBody,
  }: {
    requestBody: ChangePasswordRequest,
  }): TptmPromise<void> {
    return this.httpRequest.request({
      method: 'PUT',
      url: '/api/v1/me/password',
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `The current password is wrong, or the new one is too short.`,
        401: `No valid access token.`,
        403: `API keys cannot call this route: it is for people signed in to the console.`,
        429: `Too many wrong passwords from this client; see Retry-After.`,
      },
    });
  }
}

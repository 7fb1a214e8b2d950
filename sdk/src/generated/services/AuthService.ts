/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AccessTokenResponse } from '../models/AccessTokenResponse.js';
import type { LoginRequest } from '../models/LoginRequest.js';
import type { CancelablePromise } from '../core/CancelablePromise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class AuthService {
  constructor(public readonly httpRequest: BaseHttpRequest) {}
  /**
   * Sign in to the console with email and password
   * Returns an access token for console calls, sent as `Authorization: Bearer <accessToken>`. A wrong email and a wrong password get the same 401.
   * @returns AccessTokenResponse Signed in: the access token and how long it lasts.
   * @throws ApiError
   */
  public login({
    requestBody,
  }: {
    requestBody: LoginRequest,
  }): CancelablePromise<AccessTokenResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `The body is not {email, password}.`,
        401: `The email or password is incorrect.`,
        429: `Too many failed sign-ins from this client; see Retry-After.`,
      },
    });
  }
}

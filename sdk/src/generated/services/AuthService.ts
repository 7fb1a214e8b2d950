/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AccessTokenResponse } from '../models/AccessTokenResponse.js';
import type { CompletePasswordResetRequest } from '../models/CompletePasswordResetRequest.js';
import type { LoginRequest } from '../models/LoginRequest.js';
import type { PasswordResetDetails } from '../models/PasswordResetDetails.js';
import type { PasswordResetRequest } from '../models/PasswordResetRequest.js';
import type { SignInOptions } from '../models/SignInOptions.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class AuthService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * Sign in to the console with email and password
   * Returns an access token for console calls, sent as `Authorization: Bearer <accessToken>`. A wrong email and a wrong password get the same 401. Also sets the `tptm_session` cookie (HttpOnly, SameSite=Strict, sent only to `/api/v1/auth`), with which a browser renews its access token through `POST /auth/refresh` in any tab.
   * @returns AccessTokenResponse Signed in: the access token and how long it lasts.
   * @throws TptmApiError
   */
  public login({
    requestBody,
  }: {
    requestBody: LoginRequest,
  }): TptmPromise<AccessTokenResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `The body is not {email, password}.`,
        401: `The email or password is incorrect.`,
        429: `Too many failed sign-ins from this client, or for this email; see Retry-After.`,
      },
    });
  }
  /**
   * Sign out: end this session on the server
   * The access token and the session cookie stop working at once, in every tab.
   * @returns void
   * @throws TptmApiError
   */
  public logout(): TptmPromise<void> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/auth/logout',
      errors: {
        401: `No valid access token.`,
        403: `API keys cannot call this route: it is for people signed in to the console.`,
      },
    });
  }
  /**
   * What the sign-in page may offer on this server
   * Whether a forgotten password can be reset by email.
   * @returns SignInOptions The sign-in options.
   * @throws TptmApiError
   */
  public getSignInOptions(): TptmPromise<SignInOptions> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/auth/options',
      errors: {
        400: `An unknown query parameter: this route takes none.`,
      },
    });
  }
  /**
   * Email a password-reset link
   * Always 202, whether or not the email has an account, so the answer tells nobody who has one. The link works once, for one hour. Needs SMTP (TPTM_SMTP_URL).
   * @returns any If the email has an account, a link is on its way.
   * @throws TptmApiError
   */
  public requestPasswordReset({
    requestBody,
  }: {
    requestBody: PasswordResetRequest,
  }): TptmPromise<unknown> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `The body is not {email}.`,
        403: `This server cannot send email (no SMTP is configured); its operator can run \`npm run reset-password\`.`,
      },
    });
  }
  /**
   * Check a password-reset link
   * The account it resets, for the page that sets the new password.
   * @returns PasswordResetDetails The link is good.
   * @throws TptmApiError
   */
  public getPasswordReset({
    token,
  }: {
    /**
     * The token from the reset link.
     */
    token: string,
  }): TptmPromise<PasswordResetDetails> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/auth/password-reset/{token}',
      path: {
        'token': token,
      },
      errors: {
        404: `Unknown, used or expired link, or the password changed after it was made.`,
      },
    });
  }
  /**
   * Set a new password with a reset link, and sign in
   * Every other session of the account ends. The link stops working. Also sets the `tptm_session` cookie (HttpOnly, SameSite=Strict, sent only to `/api/v1/auth`), with which a browser renews its access token through `POST /auth/refresh` in any tab.
   * @returns AccessTokenResponse The password is changed and the caller is signed in.
   * @throws TptmApiError
   */
  public completePasswordReset({
    token,
    requestBody,
  }: {
    /**
     * The token from the reset link.
     */
    token: string,
    requestBody: CompletePasswordResetRequest,
  }): TptmPromise<AccessTokenResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/auth/password-reset/{token}',
      path: {
        'token': token,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `The new password is not 12 to 256 characters.`,
        404: `Unknown, used or expired link, or the password changed after it was made.`,
      },
    });
  }
  /**
   * Renew the browser session's access token
   * Reads the `tptm_session` cookie that sign-in set and answers a new access token, rotating the cookie. A cookie that was already replaced is refused and ends its session, since only a copy can still present it.
   * @returns AccessTokenResponse A new access token for the same session.
   * @throws TptmApiError
   */
  public refresh(): TptmPromise<AccessTokenResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      errors: {
        401: `No session cookie, or its session has ended.`,
      },
    });
  }
}

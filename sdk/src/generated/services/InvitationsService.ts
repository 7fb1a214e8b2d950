/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AcceptInvitationRequest } from '../models/AcceptInvitationRequest.js';
import type { InvitationAcceptedResponse } from '../models/InvitationAcceptedResponse.js';
import type { InvitationDetails } from '../models/InvitationDetails.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class InvitationsService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * What an invitation link is for
   * The organization and the address invited. It never says whether the address has an account: the page offers both signing in as it and creating it.
   * @returns InvitationDetails The invitation.
   * @throws TptmApiError
   */
  public getInvitation({
    token,
  }: {
    /**
     * The token from the invitation link (`…/invite/<token>`).
     */
    token: string,
  }): TptmPromise<InvitationDetails> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/v1/invitations/{token}',
      path: {
        'token': token,
      },
      errors: {
        404: `Unknown, used, revoked or expired link.`,
      },
    });
  }
  /**
   * Accept an invitation and join the organization
   * For an address with no account, send `{name, password}` with no access token: the account is created. For an existing account, send that account's access token (`Authorization: Bearer …`). A refusal depends on the request alone, not on whether the address has an account. Either way the membership starts with the invited roles, the link stops working, and the answer signs the caller in (and sets the `tptm_session` cookie, as sign-in does).
   * @returns InvitationAcceptedResponse Joined: an access token, and the organization.
   * @throws TptmApiError
   */
  public acceptInvitation({
    token,
    requestBody,
  }: {
    /**
     * The token from the invitation link (`…/invite/<token>`).
     */
    token: string,
    requestBody: AcceptInvitationRequest,
  }): TptmPromise<InvitationAcceptedResponse> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/invitations/{token}/accept',
      path: {
        'token': token,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `No access token, and no password of 12 to 256 characters for a new account.`,
        401: `A password for a new account, but the address already has one: sign in as it.
        An access token was sent but is not valid.`,
        403: `Signed in as another account than the one invited.`,
        404: `Unknown, used, revoked or expired link.`,
        409: `Already a member of that organization.`,
      },
    });
  }
}

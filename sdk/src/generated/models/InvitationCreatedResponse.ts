/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { InvitationResponse } from './InvitationResponse.js';
export type InvitationCreatedResponse = {
  invitation: InvitationResponse;
  /**
   * Only when the server sends no email: the invitee's only way in, shown
   * this once, for the inviter to hand over. With SMTP configured the link
   * is emailed to the invited address alone and this is absent.
   * Single use, valid 7 days.
   */
  inviteUrl?: string | undefined;
};


/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { InvitationResponse } from './InvitationResponse.js';
export type InvitationCreatedResponse = {
  invitation: InvitationResponse;
  /**
   * The invitee's only way in, shown this once: hand it to them (it is also
   * emailed when the server can send email). Single use, valid 7 days.
   */
  inviteUrl: string;
};


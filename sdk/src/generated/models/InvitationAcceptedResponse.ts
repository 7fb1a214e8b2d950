/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AcceptedOrganization } from './AcceptedOrganization.js';
export type InvitationAcceptedResponse = {
  /**
   * A signed token to send as `Authorization: Bearer <accessToken>`.
   */
  accessToken: string;
  /**
   * Seconds until the token expires.
   */
  expiresIn: number;
  /**
   * The organization just joined.
   */
  organization: AcceptedOrganization;
  tokenType: string;
};


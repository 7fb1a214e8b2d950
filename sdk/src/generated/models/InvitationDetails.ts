/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { InvitationOrganization } from './InvitationOrganization.js';
export type InvitationDetails = {
  /**
   * The address invited. Whether it has an account is never said: accept
   * while signed in as it, or, if it has none, create it with a name and password.
   */
  email: string;
  organization: InvitationOrganization;
};


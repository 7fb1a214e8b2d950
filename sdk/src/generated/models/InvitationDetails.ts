/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { InvitationOrganization } from './InvitationOrganization.js';
export type InvitationDetails = {
  /**
   * Whether that address has an account: if so, accept while signed in as
   * it; if not, accepting creates it with a name and password.
   */
  accountExists: boolean;
  /**
   * The address invited.
   */
  email: string;
  organization: InvitationOrganization;
};


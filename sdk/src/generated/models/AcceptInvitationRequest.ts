/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AcceptInvitationRequest = {
  /**
   * For a new account: the name to show. Defaults to the one the inviter gave.
   */
  name?: string | undefined;
  /**
   * For a new account: its password, 12 to 256 characters. Not needed when signed in as the account invited.
   */
  password?: string | undefined;
};


/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AddMemberRequest = {
  email: string;
  /**
   * Used when the email has no account yet.
   */
  name: string;
  /**
   * Roles to give in this organization.
   */
  roleIds: Array<string>;
};


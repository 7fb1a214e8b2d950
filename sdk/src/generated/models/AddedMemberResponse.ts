/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { RoleRef } from './RoleRef.js';
export type AddedMemberResponse = {
  email: string;
  /**
   * The member's user id.
   */
  id: string;
  /**
   * When they joined this organization.
   */
  joinedAt: string;
  name: string;
  roles: Array<RoleRef>;
  /**
   * Set only when the email had no account yet: the new user's password,
   * shown this once. Hand it over securely.
   */
  temporaryPassword: string | null;
};


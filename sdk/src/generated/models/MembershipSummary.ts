/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { OrganizationResponse } from './OrganizationResponse.js';
import type { Permission } from './Permission.js';
import type { RoleRef } from './RoleRef.js';
export type MembershipSummary = {
  organization: OrganizationResponse;
  /**
   * Everything the user's roles grant in this organization.
   */
  permissions: Array<Permission>;
  roles: Array<RoleRef>;
};


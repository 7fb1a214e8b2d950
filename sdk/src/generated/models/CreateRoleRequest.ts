/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Permission } from './Permission.js';
export type CreateRoleRequest = {
  description?: string | undefined;
  /**
   * Unique within the organization, ignoring case.
   */
  name: string;
  permissions: Array<Permission>;
};


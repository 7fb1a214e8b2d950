/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Permission } from './Permission.js';
export type RoleResponse = {
  /**
   * Owner, Admin and Member come with every organization and cannot be changed.
   */
  builtIn: boolean;
  createdAt: string;
  description: string;
  id: string;
  /**
   * How many members hold this role.
   */
  memberCount: number;
  name: string;
  permissions: Array<Permission>;
};


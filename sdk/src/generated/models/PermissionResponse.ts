/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Permission } from './Permission.js';
export type PermissionResponse = {
  description: string;
  /**
   * Whether an API key may hold it (every permission but `key:manage`).
   */
  grantableToApiKeys: boolean;
  id: Permission;
  /**
   * How the console shows it.
   */
  name: string;
};


/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { Permission } from './Permission.js';
export type UpdateApiKeyRequest = {
  /**
   * The new name: unique within the organization, ignoring case.
   */
  name?: string;
  /**
   * The key's permissions from now on (the whole set); takes effect on its next request, on every instance.
   */
  permissions?: Array<Permission>;
};


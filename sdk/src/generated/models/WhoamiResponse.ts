/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ApiKeyIdentity } from './ApiKeyIdentity.js';
import type { OrganizationResponse } from './OrganizationResponse.js';
export type WhoamiResponse = {
  apiKey: ApiKeyIdentity;
  /**
   * The organization the key acts for.
   */
  organization: OrganizationResponse;
};


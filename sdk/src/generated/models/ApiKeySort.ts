/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type ApiKeySort = '-createdAt' | 'createdAt' | 'name' | '-lastUsedAt' | 'lastUsedAt' | 'expiresAt';

/** Every ApiKeySort, by name. */
export const ApiKeySort = {
  CREATED_AT_DESC: '-createdAt',
  CREATED_AT: 'createdAt',
  NAME: 'name',
  LAST_USED_AT_DESC: '-lastUsedAt',
  LAST_USED_AT: 'lastUsedAt',
  EXPIRES_AT: 'expiresAt',
} as const satisfies Record<string, ApiKeySort>;

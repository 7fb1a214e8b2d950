/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export enum ApiKeySort {
  _CREATED_AT = '-createdAt',
  CREATED_AT = 'createdAt',
  NAME = 'name',
  _LAST_USED_AT = '-lastUsedAt',
  LAST_USED_AT = 'lastUsedAt',
  EXPIRES_AT = 'expiresAt',
}

/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export enum AuditTargetType {
  API_KEY = 'api_key',
  ROLE = 'role',
  MEMBER = 'member',
  INVITATION = 'invitation',
  ORGANIZATION = 'organization',
}

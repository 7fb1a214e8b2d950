/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AuditTargetType = 'api_key' | 'role' | 'member' | 'invitation' | 'organization';

/** Every AuditTargetType, by name. */
export const AuditTargetType = {
  API_KEY: 'api_key',
  ROLE: 'role',
  MEMBER: 'member',
  INVITATION: 'invitation',
  ORGANIZATION: 'organization',
} as const satisfies Record<string, AuditTargetType>;

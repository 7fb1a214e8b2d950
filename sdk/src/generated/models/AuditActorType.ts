/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AuditActorType = 'user' | 'apiKey' | 'system';

/** Every AuditActorType, by name. */
export const AuditActorType = {
  USER: 'user',
  API_KEY: 'apiKey',
  SYSTEM: 'system',
} as const satisfies Record<string, AuditActorType>;

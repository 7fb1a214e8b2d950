/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
/**
 * What happens to a key reported as leaked: revoked, disabled, or left working (its owners are told).
 */
export type ExposureAction = 'revoke' | 'disable' | 'notify';

/** Every ExposureAction, by name. */
export const ExposureAction = {
  REVOKE: 'revoke',
  DISABLE: 'disable',
  NOTIFY: 'notify',
} as const satisfies Record<string, ExposureAction>;

/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
/**
 * `email` when this server can email a reset link (the console then offers
 * "Forgot password?"); `operator` when only the server's operator can make one.
 */
export type PasswordResetMode = 'email' | 'operator';

/** Every PasswordResetMode, by name. */
export const PasswordResetMode = {
  EMAIL: 'email',
  OPERATOR: 'operator',
} as const satisfies Record<string, PasswordResetMode>;

/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
/**
 * `expired` once `expiresAt` has passed: renew it to send a new link.
 */
export type InvitationStatus = 'pending' | 'expired';

/** Every InvitationStatus, by name. */
export const InvitationStatus = {
  PENDING: 'pending',
  EXPIRED: 'expired',
} as const satisfies Record<string, InvitationStatus>;

/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { InvitationStatus } from './InvitationStatus.js';
import type { InvitedBy } from './InvitedBy.js';
import type { RoleRef } from './RoleRef.js';
export type InvitationResponse = {
  createdAt: string;
  email: string;
  expiresAt: string;
  id: string;
  /**
   * Who invited them; null only for invitations made before the maker was recorded.
   */
  invitedBy: InvitedBy | null;
  /**
   * The roles the invitee gets on accepting.
   */
  roles: Array<RoleRef>;
  /**
   * `expired` once `expiresAt` has passed: renew it to send a new link.
   */
  status: InvitationStatus;
};


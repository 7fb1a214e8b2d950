/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { InviterType } from './InviterType.js';
export type InvitedBy = {
  /**
   * The member's user id, or the key's id.
   */
  id: string;
  /**
   * For a key: its masked form, as the key list shows it.
   */
  maskedKey?: string | undefined;
  /**
   * The member's name, or the key's.
   */
  name: string;
  type: InviterType;
};


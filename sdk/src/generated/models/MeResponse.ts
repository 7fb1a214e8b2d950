/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { MembershipSummary } from './MembershipSummary.js';
export type MeResponse = {
  email: string;
  id: string;
  /**
   * Every organization the user belongs to, by name.
   */
  memberships: Array<MembershipSummary>;
  name: string;
};


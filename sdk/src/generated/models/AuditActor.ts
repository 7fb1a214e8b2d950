/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AuditActorType } from './AuditActorType.js';
export type AuditActor = {
  /**
   * A member's email when they acted; null for a key or the system.
   */
  email: string | null;
  /**
   * Null for the system itself.
   */
  id: string | null;
  /**
   * A key's masked form when it acted; null for a member or the system.
   */
  maskedKey: string | null;
  /**
   * The display name, which anyone may choose: show `email` or `maskedKey` beside it.
   */
  name: string;
  type: AuditActorType;
};


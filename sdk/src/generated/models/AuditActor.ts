/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AuditActorType } from './AuditActorType.js';
export type AuditActor = {
  /**
   * Null for the system itself.
   */
  id: string | null;
  name: string;
  type: AuditActorType;
};


/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AuditActor } from './AuditActor.js';
import type { AuditChangeResponse } from './AuditChangeResponse.js';
import type { AuditTarget } from './AuditTarget.js';
export type AuditEventResponse = {
  action: string;
  actor: AuditActor;
  /**
   * What changed, on events that record it (`member.roles_updated`); null otherwise.
   */
  changes: Array<AuditChangeResponse> | null;
  id: string;
  ip: string | null;
  occurredAt: string;
  target: AuditTarget;
  userAgent: string | null;
};


/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AuditAction } from './AuditAction.js';
import type { AuditActor } from './AuditActor.js';
import type { AuditChangeResponse } from './AuditChangeResponse.js';
import type { AuditTarget } from './AuditTarget.js';
export type AuditEventResponse = {
  /**
   * What happened, one of the actions the audit log records.
   */
  action: AuditAction;
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


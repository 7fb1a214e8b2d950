/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { AuditTargetType } from './AuditTargetType.js';
export type AuditTarget = {
  id: string;
  /**
   * The target's name when the event happened.
   */
  name: string;
  type: AuditTargetType;
};


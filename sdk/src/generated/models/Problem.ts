/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { FieldError } from './FieldError.js';
export type Problem = {
  /**
   * What went wrong this time, and what to do about it.
   */
  detail?: string | undefined;
  /**
   * One entry per invalid field, on validation and conflict errors.
   */
  errors?: Array<FieldError> | undefined;
  /**
   * On `previous-secret-still-working` only: until when the secret a roll
   * replaced keeps working.
   */
  previousKeyExpiresAt?: string | undefined;
  /**
   * The HTTP status code.
   */
  status: number;
  /**
   * Short summary of the kind of problem.
   */
  title: string;
  /**
   * Identifies the kind of problem; stable, safe to switch on.
   */
  type: string;
};


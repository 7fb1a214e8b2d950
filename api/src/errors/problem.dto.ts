import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldError {
  /** The offending field, as a dotted path into the request (`name`, `roleIds.0`, `limit`, `body`). @example name */
  field: string;
  /** What is wrong with it, in words a person can act on. @example "must be 1 to 100 characters long (after trimming spaces)" */
  message: string;
}

/** RFC 9457 problem details: the body of every error response. */
export class Problem {
  /** Identifies the kind of problem; stable, safe to switch on. @example urn:tptm:problem:validation-failed */
  type: string;
  /** Short summary of the kind of problem. @example "Invalid request" */
  title: string;
  /** The HTTP status code. @example 400 */
  status: number;
  /** What went wrong this time, and what to do about it. @example "must be 1 to 100 characters long (after trimming spaces)" */
  detail?: string;
  /** One entry per invalid field, on validation and conflict errors. */
  errors?: FieldError[];
  /**
   * On `previous-secret-still-working` only: until when the secret a roll
   * replaced keeps working. @example 2026-12-09T12:00:00.000Z
   */
  previousKeyExpiresAt?: string;
}

/** Documents an error response as application/problem+json with the shared Problem schema. */
export function ApiProblem(status: number, description: string) {
  return applyDecorators(
    ApiExtraModels(Problem, FieldError),
    ApiResponse({
      status,
      description,
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } },
    }),
  );
}

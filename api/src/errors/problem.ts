import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Problem types are URNs: stable identifiers a client can switch on, listed in
 * docs/errors.md, which no client is tempted to fetch.
 */
const typeUri = (slug: string) => `urn:tptm:problem:${slug}`;

export const ProblemType = {
  validation: { type: typeUri('validation-failed'), title: 'Invalid request', status: HttpStatus.BAD_REQUEST },
  unauthorized: { type: typeUri('unauthorized'), title: 'Authentication required', status: HttpStatus.UNAUTHORIZED },
  forbidden: { type: typeUri('forbidden'), title: 'Permission denied', status: HttpStatus.FORBIDDEN },
  notFound: { type: typeUri('not-found'), title: 'Not found', status: HttpStatus.NOT_FOUND },
  nameTaken: { type: typeUri('name-taken'), title: 'Name already in use', status: HttpStatus.CONFLICT },
  alreadyMember: { type: typeUri('already-member'), title: 'Already a member', status: HttpStatus.CONFLICT },
  lastOwner: { type: typeUri('last-owner'), title: 'An organization needs an Owner', status: HttpStatus.CONFLICT },
  notConfigured: { type: typeUri('not-configured'), title: 'Turned off on this server', status: HttpStatus.FORBIDDEN },
  builtInRole: { type: typeUri('built-in-role'), title: 'Built-in roles are read-only', status: HttpStatus.CONFLICT },
  payloadTooLarge: { type: typeUri('payload-too-large'), title: 'Request body too large', status: HttpStatus.PAYLOAD_TOO_LARGE },
  unsupportedMediaType: {
    type: typeUri('unsupported-media-type'),
    title: 'Unsupported media type',
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  },
  methodNotAllowed: { type: typeUri('method-not-allowed'), title: 'Method not allowed', status: HttpStatus.METHOD_NOT_ALLOWED },
  requestTimeout: { type: typeUri('request-timeout'), title: 'Request timeout', status: HttpStatus.REQUEST_TIMEOUT },
  headersTooLarge: { type: typeUri('headers-too-large'), title: 'Request headers too large', status: 431 },
  ipNotAllowed: { type: typeUri('ip-not-allowed'), title: 'Address not allowed', status: HttpStatus.FORBIDDEN },
  idempotencyKeyReused: {
    type: typeUri('idempotency-key-reused'),
    title: 'Idempotency-Key used for another request',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
  },
  idempotencyKeyInUse: { type: typeUri('idempotency-key-in-use'), title: 'Idempotency-Key in use', status: HttpStatus.CONFLICT },
  previousSecretStillWorking: {
    type: typeUri('previous-secret-still-working'),
    title: 'The replaced secret still works',
    status: HttpStatus.CONFLICT,
  },
  policyViolation: { type: typeUri('policy-violation'), title: 'Key policy violated', status: HttpStatus.UNPROCESSABLE_ENTITY },
  /** The same problem at use: a key made before a stricter policy is refused until fixed. */
  policyRefused: { type: typeUri('policy-violation'), title: 'Key policy violated', status: HttpStatus.FORBIDDEN },
  rateLimited: { type: typeUri('rate-limited'), title: 'Rate limit exceeded', status: HttpStatus.TOO_MANY_REQUESTS },
  tooManyRequests: { type: typeUri('too-many-requests'), title: 'Too many failed attempts', status: HttpStatus.TOO_MANY_REQUESTS },
  tooManyInvitations: { type: typeUri('too-many-invitations'), title: 'Too many invitation emails', status: HttpStatus.TOO_MANY_REQUESTS },
  unavailable: { type: typeUri('service-unavailable'), title: 'Service unavailable', status: HttpStatus.SERVICE_UNAVAILABLE },
  internal: { type: typeUri('internal-error'), title: 'Internal server error', status: HttpStatus.INTERNAL_SERVER_ERROR },
} as const satisfies Record<string, Omit<ProblemBody, 'detail' | 'errors'>>;

export type ProblemKind = keyof typeof ProblemType;

/** Thrown by application code for any expected failure; the filter renders it. */
export class ProblemException extends Error {
  readonly headers: Record<string, string>;

  constructor(
    readonly kind: ProblemKind,
    readonly detail?: string,
    readonly errors?: FieldError[],
    headers: Record<string, string> = {},
    /** Top-level members this problem type adds to the body. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    // An expected outcome, not a bug: capturing a stack trace through Nest's deep call
    // chain would make every refused request markedly slower than an accepted one.
    const { stackTraceLimit } = Error;
    Error.stackTraceLimit = 0;
    super(detail ?? ProblemType[kind].title);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'ProblemException';
    this.headers = headers;
  }

  get status(): number {
    return ProblemType[this.kind].status;
  }

  toBody(): ProblemBody {
    return {
      ...this.extensions,
      ...ProblemType[this.kind],
      ...(this.detail !== undefined && { detail: this.detail }),
      ...(this.errors !== undefined && { errors: this.errors }),
    };
  }
}

export const UNAUTHORIZED_DETAIL =
  'Missing, invalid or expired credentials. Send a console access token or an API key as "Authorization: Bearer <token>".';

/**
 * Every authentication failure looks the same, whatever the reason, so a
 * caller cannot tell an unknown key from a deleted one or an expired token.
 */
export function unauthorized(detail = UNAUTHORIZED_DETAIL): ProblemException {
  return new ProblemException('unauthorized', detail, undefined, {
    'WWW-Authenticate': 'Bearer realm="tptm"',
  });
}

export function validationFailed(errors: FieldError[]): ProblemException {
  const detail = errors.length === 1 ? errors[0].message : `${errors.length} fields are invalid; see errors.`;
  return new ProblemException('validation', detail, errors);
}

export function notFound(what: string, hint?: string): ProblemException {
  return new ProblemException('notFound', hint ? `${what} was not found. ${hint}` : `${what} was not found.`);
}

import { HttpException, HttpStatus } from '@nestjs/common';
import { ConnectionException, DriverException } from '@mikro-orm/core';
import { ProblemBody, ProblemException, ProblemKind, unauthorized } from './problem';

export interface RenderedProblem {
  body: ProblemBody;
  headers: Record<string, string>;
  /** Set when the failure is ours, not the client's: it must be logged. */
  serverFault: boolean;
  /** Set when a client's bad value got as far as the database: a 4xx, logged as a warning so validation can be added. */
  reachedDatabase?: boolean;
}

const STATUS_KIND: Partial<Record<number, ProblemKind>> = {
  [HttpStatus.BAD_REQUEST]: 'validation',
  [HttpStatus.FORBIDDEN]: 'forbidden',
  [HttpStatus.NOT_FOUND]: 'notFound',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'methodNotAllowed',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'payloadTooLarge',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'unsupportedMediaType',
  [HttpStatus.TOO_MANY_REQUESTS]: 'tooManyRequests',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'unavailable',
};

/** Messages for framework errors, written here because theirs may quote the request body. */
const FASTIFY_ERRORS: Record<string, () => ProblemException> = {
  FST_ERR_CTP_INVALID_JSON_BODY: bodyNotJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new ProblemException('validation', 'The request body is empty; send a JSON object.', [{ field: 'body', message: 'must be a JSON object' }]),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new ProblemException('payloadTooLarge', 'The request body is larger than this endpoint accepts.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new ProblemException('unsupportedMediaType', 'Send the request body as application/json.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new ProblemException('validation', 'The Content-Length header does not match the body.'),
  FST_ERR_BAD_URL: () =>
    new ProblemException('validation', 'The URL is not correctly percent-encoded.', [{ field: 'path', message: 'is not valid percent-encoding' }]),
  FST_ERR_MAX_PARAM_LENGTH: () =>
    new ProblemException('validation', 'A path segment is too long; ids in this API are UUIDs.', [
      { field: 'path', message: 'has a segment that is too long' },
    ]),
};

function bodyNotJson(): ProblemException {
  return new ProblemException('validation', 'The request body is not valid JSON.', [{ field: 'body', message: 'is not valid JSON' }]);
}

export function toProblem(error: unknown): RenderedProblem {
  const problem = classify(error);
  if (problem) {
    return { body: problem.toBody(), headers: problem.headers, serverFault: problem.status >= 500, reachedDatabase: isDataException(error) };
  }
  return {
    body: new ProblemException('internal', 'Something went wrong on our side. Try again; if it keeps happening, contact support.').toBody(),
    headers: {},
    serverFault: true,
  };
}

function classify(error: unknown): ProblemException | undefined {
  if (error instanceof ProblemException) return error;
  if (error instanceof ConnectionException || isPoolTimeout(error) || isConnectionLost(error)) {
    return new ProblemException('unavailable', 'The database is not answering. Try again in a few seconds.', undefined, {
      'Retry-After': '5',
    });
  }
  if (isDataException(error)) {
    return new ProblemException(
      'validation',
      'A value in the request (a cursor, for example) is outside what this API accepts. Send only a nextCursor this API returned, or start again without one.',
    );
  }
  if (isDatabaseError(error)) return undefined;
  if (error instanceof HttpException) return fromHttpException(error);

  const fastify = error as { code?: unknown; statusCode?: unknown };
  if (typeof fastify?.code === 'string' && fastify.code in FASTIFY_ERRORS) return FASTIFY_ERRORS[fastify.code]();
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) return bodyNotJson();
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return fromStatus(fastify.statusCode);
  }
  return undefined;
}

function fromHttpException(error: HttpException): ProblemException | undefined {
  const status = error.getStatus();
  if (status === HttpStatus.UNAUTHORIZED) return unauthorized();
  if (status === HttpStatus.NOT_FOUND) {
    return new ProblemException('notFound', 'There is no endpoint at this path. The API is described at /api/docs.');
  }
  return fromStatus(status);
}

function fromStatus(status: number): ProblemException | undefined {
  if (status === HttpStatus.UNAUTHORIZED) return unauthorized();
  const kind = STATUS_KIND[status];
  return kind ? new ProblemException(kind) : undefined;
}

function isPoolTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'KnexTimeoutError';
}

/**
 * SQLSTATEs of a lost or refused connection (class 08, a terminated or
 * starting server 57P0x, too many clients) and of a statement PostgreSQL
 * cancelled (57014: its statement_timeout, TPTM_DATABASE_TIMEOUT_MS).
 */
const CONNECTION_SQLSTATE = /^(08|57P0[1-4]|57014|53300)/;
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * What the pg driver and the pool say, with no code at all, when a socket
 * closes or a connect, query or wait for a connection times out, or a query
 * reaches a pooled client whose connection the server has just ended; knex
 * puts the SQL in front (`select … - Query read timeout`).
 */
const DRIVER_CONNECTION_MESSAGE =
  /(^| - )(Connection terminated|timeout expired|Query read timeout|Client has encountered a connection error|Client was closed and is not queryable|Knex: Timeout acquiring a connection)/;

/**
 * MikroORM converts PostgreSQL's own error codes but wraps a dropped,
 * refused or timed-out connection in a bare DriverException, and a query
 * made through the query builder's knex can surface pg's own DatabaseError
 * unwrapped (57P01 when the server terminates the connection); these mean
 * the database is away (503), not that the request was wrong or the code
 * broken.
 */
function isConnectionLost(error: unknown): boolean {
  if (!isDatabaseError(error) && !(error instanceof DriverException)) return false;
  const code = typeof error.code === 'string' ? error.code : '';
  return CONNECTION_SQLSTATE.test(code) || NETWORK_ERRORS.has(code) || DRIVER_CONNECTION_MESSAGE.test(error.message);
}

/** A PostgreSQL SQLSTATE: five digits or upper-case letters (`22007`, `08P01`). */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Whether `error` came from a database: a MikroORM DriverException, or what
 * the drivers raise unconverted (pg's and PGlite's DatabaseError, from a
 * query builder or raw SQL), recognized by a SQLSTATE code or the fields
 * they carry the SQL and its parameters in.
 */
function isDatabaseError(error: unknown): error is Error & { code?: unknown } {
  if (error instanceof DriverException) return true;
  if (!(error instanceof Error)) return false;
  const e = error as unknown as Record<string, unknown>;
  return (
    (typeof e.code === 'string' && SQLSTATE.test(e.code) && ('severity' in e || 'routine' in e || 'position' in e || 'file' in e)) ||
    'query' in e ||
    'sql' in e ||
    'params' in e ||
    'bindings' in e
  );
}

/** The SQLSTATE of a database error, looking through MikroORM's wrapper. */
function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && SQLSTATE.test(code) ? code : undefined;
}

/**
 * A data exception (SQLSTATE class 22: a value out of range, a date the
 * database cannot read, such as a forged cursor with the year +275760, a
 * malformed UUID) means a value from the request got past validation; it
 * is the request that is wrong, so 400, though still logged (as the class
 * and SQLSTATE only) so the missing validation can be added.
 */
export function isDataException(error: unknown): boolean {
  return isDatabaseError(error) && (sqlState(error)?.startsWith('22') ?? false);
}

/**
 * What of a server-side error may reach the logs. Database errors quote the
 * SQL with its parameters (key digests, emails) in their message, stack and
 * other fields, on either database, so only their class and SQLSTATE are
 * kept.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (isDatabaseError(error)) {
    const type = error instanceof DriverException ? error.name : error.constructor.name || error.name;
    return { type, code: sqlState(error) ?? (typeof error.code === 'string' ? error.code : undefined) };
  }
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}

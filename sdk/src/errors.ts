import { ApiError } from './generated/core/ApiError.js';
import type { ApiRequestOptions } from './generated/core/ApiRequestOptions.js';
import type { ApiResult } from './generated/core/ApiResult.js';
import type { Problem } from './generated/models/Problem.js';

/**
 * Marks instances across copies of this package: an app that loads both the
 * ESM and the CommonJS build has two TptmApiError classes, and `instanceof`
 * only knows one of them.
 */
const BRAND = Symbol.for('@tptm/sdk:TptmApiError');

/**
 * How every call through the SDK fails when the server answers with an error
 * status: the status and the RFC 9457 problem body the API sends.
 * (A request that never gets an answer, such as a refused connection, rejects
 * with the error `fetch` gave instead.)
 */
export class TptmApiError extends ApiError {
  /**
   * The problem+json body. Switch on `type` (e.g. `urn:tptm:problem:name-taken`);
   * show `detail` to people; `errors` lists invalid fields.
   */
  readonly problem: Problem;

  constructor(request: ApiRequestOptions, response: ApiResult) {
    const problem = problemOf(response);
    super(request, response, `${problem.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'TptmApiError';
    this.problem = problem;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * The field errors keyed by field (`name`, `roleIds.0`, `limit`, `body`),
   * ready to show beside each input; several messages for one field are
   * joined with "; ". Empty when the problem names no field.
   */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, message } of this.problem.errors ?? []) {
      byField[field] = Object.hasOwn(byField, field) ? `${byField[field]}; ${message}` : message;
    }
    return byField;
  }
}

/** Whether a caught error is a TptmApiError, from whichever build of the SDK threw it. */
export function isTptmApiError(error: unknown): error is TptmApiError {
  return error instanceof TptmApiError || (typeof error === 'object' && error !== null && BRAND in error);
}

/**
 * The API always answers errors with a problem body; anything else (a proxy's
 * HTML page, an empty 502) becomes a minimal problem for its status, and the
 * raw body stays on `body`.
 */
function problemOf(response: ApiResult): Problem {
  const body: unknown = response.body;
  if (isProblem(body)) return body;
  return { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const { type, title, status, errors } = body as Record<string, unknown>;
  return typeof type === 'string' && typeof title === 'string' && typeof status === 'number' && (errors === undefined || Array.isArray(errors));
}

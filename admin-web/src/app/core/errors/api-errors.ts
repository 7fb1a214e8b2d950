import { inject, Injectable } from '@angular/core';
import { isTptmApiError } from '@tptm/sdk';
import { AuthService } from '../session/auth.service';
import { CurrentUser } from '../session/current-user';

export interface Failure {
  /** What to tell the person. */
  message: string;
  /** The HTTP status, when the API answered. */
  status?: number;
}

export const SESSION_EXPIRED = 'Your session has expired. Please sign in again.';
const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/**
 * Turns a failed SDK call into words a person can act on. The API's problem
 * details already carry such words. A 401 also ends the session; a 403 means
 * the user's roles changed since the console last looked, so it looks again.
 */
@Injectable({ providedIn: 'root' })
export class ApiErrors {
  private readonly auth = inject(AuthService);
  private readonly user = inject(CurrentUser);

  handle(error: unknown): Failure {
    if (!isTptmApiError(error)) {
      // fetch rejects with a TypeError when the server cannot be reached.
      return { message: error instanceof TypeError ? UNREACHABLE : 'Something went wrong. Please try again.' };
    }
    if (error.status === 401) {
      this.auth.expire();
      return { message: SESSION_EXPIRED, status: 401 };
    }
    if (error.status === 403) this.user.refresh().catch(() => undefined);
    return { message: error.problem.detail ?? error.problem.title, status: error.status };
  }

  /** The API's per-field messages (`name` → "is already in use"), empty for other errors. */
  fieldErrors(error: unknown): Record<string, string> {
    return isTptmApiError(error) ? error.fieldErrors() : {};
  }
}

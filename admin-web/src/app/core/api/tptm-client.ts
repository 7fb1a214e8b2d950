import { DOCUMENT } from '@angular/common';
import { inject, InjectionToken } from '@angular/core';
import { createTptmClient, TptmClient } from '@tptm/sdk';
import { SessionStore } from '../session/session.store';

/**
 * The console's only way to the API: the SDK, on the server that served the
 * console, with the current session's token. Tests provide a stub here.
 */
export const TPTM_CLIENT = new InjectionToken<TptmClient>('TptmClient', {
  providedIn: 'root',
  factory: () => {
    const session = inject(SessionStore);
    return createTptmClient({
      baseUrl: inject(DOCUMENT).location.origin,
      accessToken: () => session.validToken(),
    });
  },
});

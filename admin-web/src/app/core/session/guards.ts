import { inject } from '@angular/core';
import { CanMatchFn, Router, UrlTree } from '@angular/router';
import { isTptmApiError, Permission } from '@tptm/sdk';
import { CurrentUser } from './current-user';
import { SessionStore } from './session.store';

/** Where the navigation in progress is going, to come back to after signing in. */
function targetUrl(router: Router): string {
  const navigation = router.currentNavigation();
  return navigation ? router.serializeUrl(navigation.initialUrl) : router.url;
}

function toSignIn(router: Router, reason?: 'expired'): UrlTree {
  const returnUrl = targetUrl(router);
  return router.createUrlTree(['/sign-in'], {
    queryParams: { reason, returnUrl: returnUrl === '/' ? undefined : returnUrl },
  });
}

/** The console needs a session and the user's memberships before it shows anything. */
export const signedIn: CanMatchFn = async () => {
  const session = inject(SessionStore);
  const user = inject(CurrentUser);
  const router = inject(Router);
  if (!session.signedIn()) return toSignIn(router);
  if (!session.validToken()) {
    session.clear();
    return toSignIn(router, 'expired');
  }
  try {
    await user.ensureLoaded();
  } catch (error) {
    if (isTptmApiError(error) && error.status === 401) {
      session.clear();
      return toSignIn(router, 'expired');
    }
    // Any other failure is the shell's to show, with a way to try again.
  }
  return true;
};

export const signedOut: CanMatchFn = () => {
  return inject(SessionStore).validToken() ? inject(Router).createUrlTree(['/']) : true;
};

/**
 * Matches a page only with its permission in the current organization; the
 * next route for the same path then says the user lacks it. A user whose
 * memberships could not be loaded sees the shell's error, not this page.
 */
export function withPermission(permission: Permission): CanMatchFn {
  return async () => {
    const user = inject(CurrentUser);
    try {
      await user.ensureLoaded();
    } catch {
      return true;
    }
    return user.has(permission);
  };
}

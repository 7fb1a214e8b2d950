import { inject } from '@angular/core';
import { CanMatchFn, Router, UrlTree } from '@angular/router';
import { isTptmApiError, Permission } from '@tptm/sdk';
import { AuthService } from './auth.service';
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
  const auth = inject(AuthService);
  const session = inject(SessionStore);
  const user = inject(CurrentUser);
  const router = inject(Router);
  if (!(await auth.restore())) return toSignIn(router);
  if (!session.validToken() && !(await auth.refresh().catch(() => false))) {
    auth.forget();
    return toSignIn(router, 'expired');
  }
  try {
    await user.ensureLoaded();
  } catch (error) {
    if (isTptmApiError(error) && error.status === 401) {
      auth.forget();
      return toSignIn(router, 'expired');
    }
    // Any other failure is the shell's to show, with a way to try again.
  }
  return true;
};

export const signedOut: CanMatchFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  await inject(AuthService).restore();
  return session.validToken() ? router.createUrlTree(['/']) : true;
};

/** For pages anyone may open, signed in or not, that behave differently for a signed-in user. */
export const sessionRestored: CanMatchFn = async () => {
  await inject(AuthService).restore();
  return true;
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

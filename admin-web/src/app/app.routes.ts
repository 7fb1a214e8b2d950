import { Routes } from '@angular/router';
import { ADMIN_ROUTES } from './core/admin-pages';
import { sessionRestored, signedIn, signedOut, withPermission } from './core/session/guards';
import { Shell } from './layout/shell';
import { NoPermissionPage } from './shared/no-permission';

const title = (page: string) => `${page} · TPTM Admin`;

export const routes: Routes = [
  {
    path: 'sign-in',
    title: title('Sign in'),
    canMatch: [signedOut],
    loadComponent: () => import('./sign-in/sign-in.page').then((m) => m.SignInPage),
  },
  // Links from an email or a colleague, which work signed in or not.
  {
    path: 'invite/:token',
    title: title('Invitation'),
    // Who the tab is signed in as decides how an existing account accepts.
    canMatch: [sessionRestored],
    loadComponent: () => import('./invite/invite.page').then((m) => m.InvitePage),
  },
  {
    path: 'reset-password/:token',
    title: title('Choose a new password'),
    loadComponent: () => import('./reset-password/reset-password.page').then((m) => m.ResetPasswordPage),
  },
  {
    path: '',
    component: Shell,
    canMatch: [signedIn],
    children: [
      { path: '', title: title('Home'), loadComponent: () => import('./home/home.page').then((m) => m.HomePage) },
      ...ADMIN_ROUTES.flatMap((page) => [
        {
          path: `admin/${page.path}`,
          title: title(page.label),
          canMatch: [withPermission(page.permission)],
          loadComponent: page.load,
        },
        // Reached without the permission: say so, instead of a page the API would refuse.
        { path: `admin/${page.path}`, title: title(page.label), component: NoPermissionPage },
      ]),
      { path: '**', title: title('Page not found'), loadComponent: () => import('./shared/not-found.page').then((m) => m.NotFoundPage) },
    ],
  },
];

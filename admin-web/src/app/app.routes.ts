import { Routes } from '@angular/router';
import { ADMIN_PAGES } from './core/admin-pages';
import { signedIn, signedOut, withPermission } from './core/session/guards';
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
  {
    path: '',
    component: Shell,
    canMatch: [signedIn],
    children: [
      { path: '', title: title('Home'), loadComponent: () => import('./home/home.page').then((m) => m.HomePage) },
      ...ADMIN_PAGES.flatMap((page) => [
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

import { Type } from '@angular/core';
import { Permission } from '@tptm/sdk';

export interface AdminPage {
  /** Under /admin. */
  path: string;
  label: string;
  icon: string;
  permission: Permission;
  load: () => Promise<Type<unknown>>;
  /** Pages under this one (`api-keys/:id`), behind the same permission and not in the sidebar. */
  subpages?: readonly { path: string; label: string; load: () => Promise<Type<unknown>> }[];
}

/** The Admin section of the sidebar, in order, each with the permission it needs. */
export const ADMIN_PAGES: readonly AdminPage[] = [
  {
    path: 'api-keys',
    label: 'API Keys',
    icon: 'key',
    permission: Permission.KEY_MANAGE,
    load: () => import('../api-keys/api-keys.page').then((m) => m.ApiKeysPage),
    subpages: [{ path: 'api-keys/:id', label: 'API key', load: () => import('../api-keys/api-key.page').then((m) => m.ApiKeyPage) }],
  },
  {
    path: 'roles',
    label: 'Roles & Permissions',
    icon: 'admin_panel_settings',
    permission: Permission.ROLE_MANAGE,
    load: () => import('../roles/roles.page').then((m) => m.RolesPage),
  },
  {
    path: 'members',
    label: 'Members',
    icon: 'group',
    permission: Permission.MEMBER_MANAGE,
    load: () => import('../members/members.page').then((m) => m.MembersPage),
  },
  {
    path: 'audit-log',
    label: 'Audit Log',
    icon: 'history',
    permission: Permission.AUDIT_READ,
    load: () => import('../audit-log/audit-log.page').then((m) => m.AuditLogPage),
  },
  {
    path: 'organization',
    label: 'Organization settings',
    icon: 'tune',
    permission: Permission.ORG_MANAGE,
    load: () => import('../organization/organization-settings.page').then((m) => m.OrganizationSettingsPage),
  },
];

/** What the router serves: every admin page and its subpages, each with the permission it needs. */
export const ADMIN_ROUTES: readonly Omit<AdminPage, 'icon' | 'subpages'>[] = ADMIN_PAGES.flatMap((page) => [
  page,
  ...(page.subpages ?? []).map((subpage) => ({ ...subpage, permission: page.permission })),
]);

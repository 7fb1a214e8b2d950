/**
 * The permission catalog: the one list the API checks and publishes (as the
 * `Permission` enum in the OpenAPI spec, and at GET /api/v1/permissions), so
 * the console and SDK learn the same ids and names from the same source.
 */
export enum Permission {
  KeyManage = 'key:manage',
  MemberManage = 'member:manage',
  RoleManage = 'role:manage',
  AuditRead = 'audit:read',
  OrgManage = 'org:manage',
}

export interface PermissionInfo {
  id: Permission;
  name: string;
  description: string;
  /**
   * Whether an API key may hold it. Key: Manage never: a leaked key that could
   * mint, roll or delete keys could make itself permanent.
   */
  grantableToApiKeys: boolean;
}

export const PERMISSION_CATALOG: readonly PermissionInfo[] = [
  {
    id: Permission.KeyManage,
    name: 'Key: Manage',
    description: "List, create and delete the organization's API keys.",
    grantableToApiKeys: false,
  },
  {
    id: Permission.MemberManage,
    name: 'Member: Manage',
    description: 'Add and remove members and change the roles they hold.',
    grantableToApiKeys: true,
  },
  {
    id: Permission.RoleManage,
    name: 'Role: Manage',
    description: 'Create, edit and delete custom roles and the permissions they grant.',
    grantableToApiKeys: true,
  },
  {
    id: Permission.AuditRead,
    name: 'Audit: Read',
    description: "Read the organization's audit log.",
    grantableToApiKeys: true,
  },
  {
    id: Permission.OrgManage,
    name: 'Organization: Manage',
    description: "Set the organization's key policy: the rules its keys must follow, and what happens to a leaked key.",
    // A leaked key that could loosen the policy could first lift the rule that would revoke it.
    grantableToApiKeys: false,
  },
];

export const ALL_PERMISSIONS: readonly Permission[] = PERMISSION_CATALOG.map((p) => p.id);

export const GRANTABLE_TO_API_KEYS: readonly Permission[] = PERMISSION_CATALOG.filter((p) => p.grantableToApiKeys).map((p) => p.id);

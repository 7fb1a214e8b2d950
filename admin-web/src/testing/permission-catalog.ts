import { Permission, PermissionResponse } from '@tptm/sdk';

/** The API's permission catalog, as GET /api/v1/permissions answers it. */
export const CATALOG: PermissionResponse[] = [
  { id: Permission.KEY_MANAGE, name: 'Key: Manage', description: "List, create and delete the organization's API keys.", grantableToApiKeys: false },
  {
    id: Permission.MEMBER_MANAGE,
    name: 'Member: Manage',
    description: 'Add and remove members and change the roles they hold.',
    grantableToApiKeys: true,
  },
  {
    id: Permission.ROLE_MANAGE,
    name: 'Role: Manage',
    description: 'Create, edit and delete custom roles and the permissions they grant.',
    grantableToApiKeys: true,
  },
  { id: Permission.AUDIT_READ, name: 'Audit: Read', description: "Read the organization's audit log.", grantableToApiKeys: true },
];

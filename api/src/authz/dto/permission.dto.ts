import { ApiProperty } from '@nestjs/swagger';
import { Permission } from '../permissions';

export class PermissionResponse {
  @ApiProperty({ enum: Permission, enumName: 'Permission', example: 'key:manage' })
  id: Permission;
  /** How the console shows it. @example "Key: Manage" */
  name: string;
  @ApiProperty({ example: "List, create and delete the organization's API keys." })
  description: string;
  /** Whether an API key may hold it (every permission but `key:manage`). @example false */
  grantableToApiKeys: boolean;
}

export class PermissionList {
  items: PermissionResponse[];
}

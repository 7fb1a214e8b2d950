import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Permission } from '../../authz/permissions';
import { IsDisplayName } from '../../common/validators';

export class RoleResponse {
  /** @example 8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d */
  id: string;
  /** @example Integrations */
  name: string;
  /** @example "Can manage API keys for our integrations" */
  description: string;
  @ApiProperty({ enum: Permission, enumName: 'Permission', isArray: true, example: ['key:manage'] })
  permissions: Permission[];
  /** Owner, Admin and Member come with every organization and cannot be changed. @example false */
  builtIn: boolean;
  /** How many members hold this role. @example 2 */
  memberCount: number;
  /** @example 2026-01-15T09:30:00.000Z */
  createdAt: Date;
}

export class RoleList {
  items: RoleResponse[];
}

export class CreateRoleRequest {
  /** Unique within the organization, ignoring case. @example Integrations */
  @IsDisplayName()
  name: string;

  /** @example "Can manage API keys for our integrations" */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(500, { message: 'must be at most 500 characters long' })
  @Matches(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' })
  description?: string;

  @ApiProperty({ enum: Permission, enumName: 'Permission', isArray: true, example: ['key:manage'] })
  @IsArray({ message: 'must be an array of permission ids' })
  @ArrayMaxSize(Object.keys(Permission).length, { message: 'lists more permissions than exist' })
  @ArrayUnique({ message: 'must not repeat a permission' })
  @IsEnum(Permission, { each: true, message: `must contain only known permissions: ${Object.values(Permission).join(', ')}` })
  permissions: Permission[];
}

export class UpdateRoleRequest extends PartialType(CreateRoleRequest) {}

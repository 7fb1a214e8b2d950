import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { Permission } from '../../authz/permissions';
import { RoleRef } from '../../members/dto/member.dto';
import { OrganizationResponse } from '../../organizations/dto/organization.dto';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../common/validators';

export class MembershipSummary {
  organization: OrganizationResponse;
  roles: RoleRef[];
  /** Everything the user's roles grant in this organization. */
  @ApiProperty({ enum: Permission, enumName: 'Permission', isArray: true, example: ['key:manage'] })
  permissions: Permission[];
}

export class MeResponse {
  /** @example 3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a */
  id: string;
  /** @example admin@example.com */
  email: string;
  /** @example "Ada Lovelace" */
  name: string;
  /** Every organization the user belongs to, by name. */
  memberships: MembershipSummary[];
}

export class ChangePasswordRequest {
  /** @example Xq7vR2mK9pL4wN8t */
  @IsString({ message: 'must be a string' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters long` })
  currentPassword: string;

  /** 12 to 256 characters. @example correct-horse-battery-staple */
  @IsString({ message: 'must be a string' })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long` })
  newPassword: string;
}

import { IsDisplayName, IsEmailAddress, IsUuidList } from '../../common/validators';
import { HasNoControlCharacters } from '../../errors/validation';

export class RoleRef {
  /** @example 8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d */
  id: string;
  /** @example Admin */
  name: string;
}

export class MemberResponse {
  /** The member's user id. @example 3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a */
  id: string;
  /** @example grace@example.com */
  email: string;
  /** @example "Grace Hopper" */
  name: string;
  roles: RoleRef[];
  /** When they joined this organization. @example 2026-01-15T09:30:00.000Z */
  joinedAt: Date;
}

export class MemberList {
  items: MemberResponse[];
}

export class AddMemberRequest {
  /** @example grace@example.com */
  @IsEmailAddress()
  @HasNoControlCharacters()
  email: string;

  /** Used when the email has no account yet. @example "Grace Hopper" */
  @IsDisplayName()
  name: string;

  /** Roles to give in this organization. @example ["8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d"] */
  @IsUuidList('role', 50)
  roleIds: string[];
}

export class SetMemberRolesRequest {
  /** The member's complete new set of roles in this organization. @example ["8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d"] */
  @IsUuidList('role', 50)
  roleIds: string[];
}

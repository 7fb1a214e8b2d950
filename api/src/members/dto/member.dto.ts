import { IsDisplayName, IsEmailAddress, IsUuidList } from '../../common/validators';

export class RoleRef {
  id: string;
  /** @example Admin */
  name: string;
}

export class MemberResponse {
  /** The member's user id. */
  id: string;
  /** @example grace@example.com */
  email: string;
  /** @example Grace Hopper */
  name: string;
  roles: RoleRef[];
  /** When they joined this organization. */
  joinedAt: Date;
}

export class AddedMemberResponse extends MemberResponse {
  /**
   * Set only when the email had no account yet: the new user's password,
   * shown this once. Hand it over securely.
   */
  temporaryPassword: string | null;
}

export class MemberList {
  items: MemberResponse[];
}

export class AddMemberRequest {
  /** @example grace@example.com */
  @IsEmailAddress()
  email: string;

  /** Used when the email has no account yet. @example Grace Hopper */
  @IsDisplayName()
  name: string;

  /** Roles to give in this organization. */
  @IsUuidList('role', 50)
  roleIds: string[];
}

export class SetMemberRolesRequest {
  /** The member's complete new set of roles in this organization. */
  @IsUuidList('role', 50)
  roleIds: string[];
}


import type { MemberResponse, RoleResponse } from '@tptm/sdk';

/** Why the last Owner's Remove is disabled, and their Owner checkbox locked: the API refuses both (409). */
export const LAST_OWNER_REASON = "The organization's only Owner can't be removed or lose the Owner role. Make another member an Owner first.";

/** The built-in Owner role, which an organization always keeps at least one holder of. */
export function ownerRoleId(roles: readonly RoleResponse[]): string | undefined {
  return roles.find((role) => role.builtIn && role.name === 'Owner')?.id;
}

/** Whether this member is the only one holding the Owner role. */
export function isLastOwner(member: MemberResponse, members: readonly MemberResponse[], ownerId: string | undefined): boolean {
  if (!ownerId || !member.roles.some((role) => role.id === ownerId)) return false;
  return members.filter((m) => m.roles.some((role) => role.id === ownerId)).length === 1;
}

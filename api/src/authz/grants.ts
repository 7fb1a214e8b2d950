import { ProblemException } from '../errors/problem';
import { Permission, PERMISSION_CATALOG } from './permissions';
import type { OrganizationAccess } from './principal';

/** Nobody can hand out a permission they do not hold themselves, to a role or to an API key. */
export function assertHeld(access: OrganizationAccess, permissions: Permission[]): void {
  const lacking = permissions.filter((p) => !access.permissions.has(p));
  if (lacking.length) {
    const names = lacking.map((p) => `"${PERMISSION_CATALOG.find((c) => c.id === p)!.name}"`).join(', ');
    throw new ProblemException('forbidden', `You can't grant permissions you don't have yourself: ${names}.`);
  }
}

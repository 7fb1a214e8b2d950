import { generateApiKey, GeneratedApiKey } from '../auth/api-keys/key-format';
import { generateSecretToken } from '../common/secret-token';
import { ProblemException } from '../errors/problem';
import { ALL_PERMISSIONS, Permission, PERMISSION_CATALOG } from './permissions';
import type { OrganizationAccess } from './principal';

/**
 * Permission to hand out a credential holding `permissions`, made only by
 * `Grant.authorize`, the one check that every operation handing out a secret
 * or changing what a credential or a role can do passes through. The secrets
 * that carry permissions (an API key, an invitation link) are minted only by
 * a grant (the lint forbids their generators anywhere else), so no operation
 * can hand one out without the check; and what an operation stores as a
 * key's or a role's permissions is the grant's list, the one checked.
 */
export class Grant {
  private constructor(
    /** Sorted, each once: stored as they are, so every answer lists them in one order. */
    readonly permissions: Permission[],
  ) {}

  /**
   * The rule (create, change or roll a key; create or change a role; assign
   * roles; invite, or renew an invitation): the caller must hold every
   * permission the result holds, whatever it held before. Nobody can hand
   * out, nor obtain for themselves, what they lack.
   */
  static authorize(access: OrganizationAccess, resulting: Iterable<Permission>): Grant {
    const permissions = [...new Set(resulting)].sort();
    const lacking = ALL_PERMISSIONS.filter((p) => permissions.includes(p) && !access.permissions.has(p));
    if (lacking.length) {
      const names = lacking.map((p) => `"${PERMISSION_CATALOG.find((c) => c.id === p)!.name}"`).join(', ');
      throw new ProblemException('forbidden', `You can't grant permissions you don't have yourself: ${names}.`);
    }
    return new Grant(permissions);
  }

  /** A new secret for an API key holding exactly this grant's permissions (created, or rolled). */
  mintApiKey(): GeneratedApiKey {
    return generateApiKey();
  }

  /** A new invitation link for roles holding exactly this grant's permissions (invited, or renewed). */
  mintInvitationToken(): { token: string; digest: string } {
    return generateSecretToken('inv');
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Membership } from '../members/membership.entity';
import { BuiltInRole } from '../roles/role.entity';
import type { OrganizationAccess } from './principal';
import type { Permission } from './permissions';

@Injectable()
export class OrganizationAccessService {
  constructor(private readonly em: EntityManager) {}

  /**
   * The user's membership and current roles in one organization, or null when
   * they are not a member (or the organization does not exist). Read from the
   * database on every request, so a role change applies to the very next one.
   */
  async resolve(userId: string, organizationId: string): Promise<OrganizationAccess | null> {
    const membership = await this.em
      .fork()
      .findOne(Membership, { organization: organizationId, user: userId }, { populate: ['roles', 'user'] });
    if (!membership) return null;
    const roles = membership.roles.getItems();
    return {
      organizationId,
      actor: { type: 'user', id: membership.user.id, name: membership.user.name, email: membership.user.email },
      permissions: new Set<Permission>(roles.flatMap((r) => r.permissions)),
      isOwner: roles.some((r) => r.builtIn === BuiltInRole.Owner),
    };
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuditActorRef } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import { ALL_PERMISSIONS, PERMISSION_CATALOG } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { notFound, ProblemException } from '../errors/problem';
import { Invitation } from '../invitations/invitation.entity';
import { lockOrganization } from '../organizations/organizations.service';
import { compareRoles, isOwnerRole, Role } from '../roles/role.entity';
import { assertMayChangeOwners, authorizeRoles, RolesService } from '../roles/roles.service';
import { MemberList, MemberResponse } from './dto/member.dto';
import { Membership } from './membership.entity';

@Injectable()
export class MembersService {
  constructor(
    private readonly em: EntityManager,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
  ) {}

  async list(organizationId: string): Promise<MemberList> {
    const memberships = await this.em.fork().find(Membership, { organization: organizationId }, { populate: ['user', 'roles'] });
    memberships.sort((a, b) => a.user.name.localeCompare(b.user.name, 'en', { sensitivity: 'base' }) || a.user.id.localeCompare(b.user.id));
    return { items: memberships.map(toResponse) };
  }

  async setRoles(access: OrganizationAccess, userId: string, roleIds: string[], actor: AuditActorRef): Promise<MemberResponse> {
    return this.em.fork().transactional(async (tx) => {
      await lockOrganization(tx, access.organizationId);
      const membership = await this.findMembership(tx, access.organizationId, userId);
      const roles = await this.roles.findInOrganization(tx, access.organizationId, roleIds, 'roleIds');
      const current = membership.roles.getItems();
      assertMayManage(access, current, 'change the roles of');
      const added = roles.filter((r) => !current.includes(r));
      const removed = current.filter((r) => !roles.includes(r));
      authorizeRoles(access, roles, [...added, ...removed]);
      if (removed.some(isOwnerRole)) await assertAnotherOwner(tx, access.organizationId, userId);
      const before = current.map((r) => r.name);
      membership.roles.set(roles);
      this.audit.record(tx, access.organizationId, 'member.roles_updated', actor, { type: 'member', id: userId, name: membership.user.name }, [
        { field: 'roles', before, after: roles.map((r) => r.name) },
      ]);
      return toResponse(membership);
    });
  }

  async remove(access: OrganizationAccess, userId: string, actor: AuditActorRef): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      await lockOrganization(tx, access.organizationId);
      const membership = await this.findMembership(tx, access.organizationId, userId);
      const roles = membership.roles.getItems();
      assertMayManage(access, roles, 'remove');
      if (roles.some(isOwnerRole)) {
        assertMayChangeOwners(access, roles.filter(isOwnerRole));
        await assertAnotherOwner(tx, access.organizationId, userId);
      }
      this.audit.record(tx, access.organizationId, 'member.removed', actor, {
        type: 'member',
        id: userId,
        name: membership.user.name,
      });
      tx.remove(membership);
      // Their invitations go with them: a link they made must not outlast their place here.
      await tx.nativeDelete(Invitation, { organization: access.organizationId, invitedBy: userId });
    });
  }

  private async findMembership(em: EntityManager, organizationId: string, userId: string): Promise<Membership> {
    const membership = await em.findOne(Membership, { organization: organizationId, user: userId }, { populate: ['user', 'roles'] });
    if (!membership) throw notFound('Member');
    return membership;
  }
}

/**
 * Guards against demotion from below: nobody changes the roles of, or
 * removes, a member who holds a permission they lack themselves (a member
 * with only member:manage cannot strip an Admin). Owners hold every
 * permission, so they can manage anyone.
 */
function assertMayManage(access: OrganizationAccess, targetRoles: Role[], what: string): void {
  const lacking = ALL_PERMISSIONS.filter((p) => !access.permissions.has(p) && targetRoles.some((r) => r.permissions.includes(p)));
  if (lacking.length) {
    const names = lacking.map((p) => `"${PERMISSION_CATALOG.find((c) => c.id === p)!.name}"`).join(', ');
    throw new ProblemException('forbidden', `You can't ${what} a member who holds permissions you don't have yourself: ${names}.`);
  }
}

async function assertAnotherOwner(em: EntityManager, organizationId: string, exceptUserId: string): Promise<void> {
  const [{ owners }] = await em.execute<{ owners: string }[]>(
    `select count(*) as owners from membership_role mr
       join membership m on m.id = mr.membership_id
       join role r on r.id = mr.role_id
      where m.organization_id = ? and r.built_in = 'owner' and m.user_id <> ?`,
    [organizationId, exceptUserId],
  );
  if (Number(owners) === 0) {
    throw new ProblemException('lastOwner', 'This is the last Owner of the organization. Make another member an Owner first.');
  }
}

function toResponse(membership: Membership): MemberResponse {
  const { user } = membership;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: membership.roles
      .getItems()
      .sort(compareRoles)
      .map((r) => ({ id: r.id, name: r.name })),
    joinedAt: membership.createdAt,
  };
}

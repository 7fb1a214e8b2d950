import type { AuditChange } from '../audit/audit-event.entity';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuditActorRef } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import { BuiltInRole } from '../authz/built-in-roles';
import { Grant } from '../authz/grants';
import { ALL_PERMISSIONS } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { nameSkeleton } from '../common/look-alike';
import { flushNamed } from '../database/unique-name';
import { notFound, ProblemException } from '../errors/problem';
import { Organization } from '../organizations/organization.entity';
import { CreateRoleRequest, RoleList, RoleResponse, UpdateRoleRequest } from './dto/role.dto';
import { compareRoles, isOwnerRole, Role } from './role.entity';

@Injectable()
export class RolesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** The three roles every organization starts with. */
  createBuiltInRoles(em: EntityManager, organization: Organization): Record<BuiltInRole, Role> {
    const roles = {
      [BuiltInRole.Owner]: new Role(organization, 'Owner', [...ALL_PERMISSIONS], BuiltInRole.Owner),
      [BuiltInRole.Admin]: new Role(organization, 'Admin', [...ALL_PERMISSIONS], BuiltInRole.Admin),
      [BuiltInRole.Member]: new Role(organization, 'Member', [], BuiltInRole.Member),
    };
    roles.owner.description = 'Every permission. Only Owners can grant or remove the Owner role.';
    roles.admin.description = 'Every permission.';
    roles.member.description = 'No permissions; can sign in and see their organizations.';
    em.persist(Object.values(roles));
    return roles;
  }

  async list(organizationId: string): Promise<RoleList> {
    const em = this.em.fork();
    const roles = await em.find(Role, { organization: organizationId });
    const counts = await this.memberCounts(em, organizationId);
    roles.sort(compareRoles);
    return { items: roles.map((r) => toResponse(r, counts.get(r.id) ?? 0)) };
  }

  async create(access: OrganizationAccess, body: CreateRoleRequest, actor: AuditActorRef): Promise<RoleResponse> {
    const { permissions } = Grant.authorize(access, body.permissions);
    return this.em.fork().transactional(async (em) => {
      await assertLooksUnlikeOthers(em, access.organizationId, body.name);
      const role = new Role(em.getReference(Organization, access.organizationId), body.name, permissions);
      role.description = body.description?.trim() ?? '';
      em.persist(role);
      this.audit.record(em, access.organizationId, 'role.created', actor, { type: 'role', id: role.id, name: role.name });
      await flushNamed(em, role.name);
      return toResponse(role, 0);
    });
  }

  async update(access: OrganizationAccess, roleId: string, body: UpdateRoleRequest, actor: AuditActorRef): Promise<RoleResponse> {
    if (body.name === undefined && body.description === undefined && body.permissions === undefined) {
      throw new ProblemException('validation', 'Send at least one of name, description or permissions.', [
        { field: 'body', message: 'must set at least one of name, description, permissions' },
      ]);
    }
    return this.em.fork().transactional(async (em) => {
      const role = await this.findEditable(em, access.organizationId, roleId);
      if (body.name !== undefined) await assertLooksUnlikeOthers(em, access.organizationId, body.name, roleId);
      // What a role grants is what an auditor asks about: the log keeps it before and after, as for a key.
      const changes: AuditChange[] = [];
      if (body.permissions && !sameSet(body.permissions, role.permissions)) {
        // The role's holders, and whoever later receives it, get what it holds afterwards: all of it must be the
        // caller's to give, taking a permission away included.
        const granted = Grant.authorize(access, body.permissions).permissions;
        changes.push({ field: 'permissions', before: role.permissions, after: granted });
        role.permissions = granted;
      }
      if (body.name !== undefined && body.name !== role.name) {
        changes.push({ field: 'name', before: [role.name], after: [body.name] });
        role.name = body.name;
      }
      if (body.description !== undefined) role.description = body.description.trim();
      this.audit.record(em, access.organizationId, 'role.updated', actor, { type: 'role', id: role.id, name: role.name }, changes);
      await flushNamed(em, role.name);
      return toResponse(role, (await this.memberCounts(em, access.organizationId)).get(role.id) ?? 0);
    });
  }

  async remove(access: OrganizationAccess, roleId: string, actor: AuditActorRef): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      // Locked, so of two simultaneous deletes one answers 204 and the other 404, with one audit event.
      const role = await this.findEditable(tx, access.organizationId, roleId, LockMode.PESSIMISTIC_WRITE);
      this.audit.record(tx, access.organizationId, 'role.deleted', actor, { type: 'role', id: role.id, name: role.name });
      tx.remove(role);
    });
  }

  /** Roles by id within one organization; any id that is not one of its roles is a 400 on `field`. */
  async findInOrganization(em: EntityManager, organizationId: string, roleIds: string[], field: string): Promise<Role[]> {
    const roles = roleIds.length ? await em.find(Role, { id: { $in: roleIds }, organization: organizationId }) : [];
    const missing = roleIds.filter((id) => !roles.some((r) => r.id === id));
    if (missing.length) {
      throw new ProblemException(
        'validation',
        'Some roles do not exist in this organization.',
        missing.map((id) => ({ field: `${field}.${roleIds.indexOf(id)}`, message: `no role with id ${id} in this organization` })),
      );
    }
    return roleIds.map((id) => roles.find((r) => r.id === id)!);
  }

  private async findEditable(em: EntityManager, organizationId: string, roleId: string, lockMode?: LockMode): Promise<Role> {
    const role = await em.findOne(Role, { id: roleId, organization: organizationId }, { lockMode });
    if (!role) throw notFound('Role');
    if (role.builtIn) {
      throw new ProblemException('builtInRole', `"${role.name}" is a built-in role; create a custom role instead.`);
    }
    return role;
  }

  private async memberCounts(em: EntityManager, organizationId: string): Promise<Map<string, number>> {
    const rows: { role_id: string; count: string }[] = await em.execute(
      'select mr.role_id, count(*) as count from membership_role mr join role r on r.id = mr.role_id ' +
        'where r.organization_id = ? group by mr.role_id',
      [organizationId],
    );
    return new Map(rows.map((r) => [r.role_id, Number(r.count)]));
  }
}

/**
 * Refuses a role name that looks like another role's in the organization,
 * built-in ones included (`Αdmin` with a Greek Alpha is `Admin`): the same
 * skeleton is the same name, 409. The unique index compares names ignoring
 * case only, so the organization row is locked first: of two requests naming
 * look-alikes at once, the second waits and then sees the first's role.
 */
async function assertLooksUnlikeOthers(em: EntityManager, organizationId: string, name: string, roleId?: string): Promise<void> {
  await em.findOneOrFail(Organization, organizationId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const skeleton = nameSkeleton(name);
  const clash = (await em.find(Role, { organization: organizationId })).find((r) => r.id !== roleId && nameSkeleton(r.name) === skeleton);
  if (clash && clash.name.toLowerCase() !== name.toLowerCase()) {
    throw new ProblemException('nameTaken', `The name "${name}" looks the same as the role "${clash.name}" in this organization.`, [
      { field: 'name', message: `looks the same as the role "${clash.name}" (names are compared ignoring case and look-alike letters)` },
    ]);
  }
}

/**
 * Guards against privilege escalation through roles: only Owners grant or
 * take away the Owner role (`changed`: the roles given or taken), and
 * whoever ends up holding `resulting` (a member, or whoever accepts an
 * invitation) gets nothing the caller lacks (Grant.authorize).
 */
export function authorizeRoles(access: OrganizationAccess, resulting: Role[], changed: Role[] = resulting): Grant {
  assertMayChangeOwners(access, changed);
  return Grant.authorize(
    access,
    resulting.flatMap((r) => r.permissions),
  );
}

export function assertMayChangeOwners(access: OrganizationAccess, changed: Role[]): void {
  if (!access.isOwner && changed.some(isOwnerRole)) {
    throw new ProblemException('forbidden', 'Only an Owner can grant or remove the Owner role.');
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((p) => b.includes(p));

function toResponse(role: Role, memberCount: number): RoleResponse {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    permissions: [...role.permissions].sort(),
    builtIn: role.builtIn !== null,
    memberCount,
    createdAt: role.createdAt,
  };
}

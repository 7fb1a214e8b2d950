import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { BuiltInRole } from './built-in-roles';
import type { Permission } from './permissions';
import type { OrganizationAccess } from './principal';

interface MembershipRoleRow {
  user_id: string;
  user_name: string;
  user_email: string;
  /** Null when the member holds no role at all. */
  permissions: Permission[] | null;
  built_in: BuiltInRole | null;
}

@Injectable()
export class OrganizationAccessService {
  constructor(private readonly em: EntityManager) {}

  /**
   * The user's membership and current roles in one organization, or null when
   * they are not a member (or the organization does not exist). Read from the
   * database on every request, so a role change applies to the very next one.
   * One statement, a row per role held, no entity hydrated: every console
   * request pays for it.
   */
  async resolve(userId: string, organizationId: string): Promise<OrganizationAccess | null> {
    const rows = await this.em.execute<MembershipRoleRow[]>(
      `select u.id as user_id, u.name as user_name, u.email as user_email, r.permissions, r.built_in
         from membership m
         join app_user u on u.id = m.user_id
         left join membership_role mr on mr.membership_id = m.id
         left join role r on r.id = mr.role_id
        where m.organization_id = ? and m.user_id = ?`,
      [organizationId, userId],
    );
    if (rows.length === 0) return null;
    const [{ user_id: id, user_name: name, user_email: email }] = rows;
    return {
      organizationId,
      actor: { type: 'user', id, name, email },
      permissions: new Set<Permission>(rows.flatMap((r) => r.permissions ?? [])),
      isOwner: rows.some((r) => r.built_in === BuiltInRole.Owner),
    };
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { preparedQuery } from '../database/prepared-query';
import { BuiltInRole } from './built-in-roles';
import type { Permission } from './permissions';
import type { OrganizationAccess, UserPrincipal } from './principal';

interface SessionAccessRow {
  session_active: boolean;
  /** Null when the user is not a member of the organization (or it does not exist). */
  user_id: string | null;
  user_name: string;
  user_email: string;
  organization_name: string;
  /** Null when the member holds no role at all. */
  permissions: Permission[] | null;
  built_in: BuiltInRole | null;
}

/** A console caller's standing in one organization: signed out, not a member, or a member's access. */
export type SessionAccess = OrganizationAccess | 'signedOut' | 'notMember';

@Injectable()
export class OrganizationAccessService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Whether the token's session still stands and, if it does, the user's
   * membership and current roles in the organization. Read from the database
   * on every request, so a sign-out or a role change applies to the very next
   * one. Every organization request from the console pays for it, so it is one
   * prepared statement (a row per role held), no entity hydrated: the session
   * check and the access read used to be two round trips. The membership is
   * a lateral subquery: written as a chain of left joins hanging off the
   * session, the embedded PostgreSQL (17.5) answered a non-member as a member
   * of the organization asked about (PostgreSQL 15 did not).
   */
  async resolve(principal: UserPrincipal, organizationId: string): Promise<SessionAccess> {
    const rows = await preparedQuery<SessionAccessRow>(
      this.em,
      'session_organization_access',
      `select s.id is not null as session_active, a.user_id, a.user_name, a.user_email, a.organization_name, a.permissions, a.built_in
         from (values (1)) as one (x)
         left join session s on s.id = ? and s.user_id = ? and s.expires_at > now()
         left join lateral (
           select u.id as user_id, u.name as user_name, u.email as user_email, o.name as organization_name, r.permissions, r.built_in
             from membership m
             join app_user u on u.id = m.user_id
             join organization o on o.id = m.organization_id
             left join membership_role mr on mr.membership_id = m.id
             left join role r on r.id = mr.role_id
            where m.organization_id = ? and m.user_id = s.user_id
         ) a on true`,
      [principal.sessionId, principal.userId, organizationId],
    );
    const [first] = rows;
    if (!first.session_active) return 'signedOut';
    if (first.user_id === null) return 'notMember';
    return {
      organizationId,
      organizationName: first.organization_name,
      actor: { type: 'user', id: first.user_id, name: first.user_name, email: first.user_email },
      permissions: new Set<Permission>(rows.flatMap((r) => r.permissions ?? [])),
      isOwner: rows.some((r) => r.built_in === BuiltInRole.Owner),
    };
  }
}

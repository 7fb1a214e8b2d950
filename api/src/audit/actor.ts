import type { AuditActorRef } from './audit.service';
import type { OrganizationAccess } from '../authz/principal';
import type { ClientInfo } from '../authz/request.decorators';

/** The signed-in user, as the audit log names them. */
export function userActor(access: OrganizationAccess, client: ClientInfo): AuditActorRef {
  return { type: 'user', id: access.user.id, name: access.user.name, client };
}

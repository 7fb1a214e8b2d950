import type { AuditActorRef } from './audit.service';
import type { OrganizationAccess } from '../authz/principal';
import type { ClientInfo } from '../authz/request.decorators';

/** Whoever acts, a member or an API key, as the audit log names them. */
export function actorOf(access: OrganizationAccess, client: ClientInfo): AuditActorRef {
  return { type: access.actor.type, id: access.actor.id, name: access.actor.name, client };
}

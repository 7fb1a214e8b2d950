import type { OrganizationAccess, OrganizationActor } from './principal';
import type { ClientInfo } from './request.decorators';

/** Whoever acts, a member or an API key, and from where: what the audit log records of them. */
export interface RequestActor {
  type: OrganizationActor['type'];
  id: string;
  name: string;
  client: ClientInfo;
}

export function actorOf(access: OrganizationAccess, client: ClientInfo): RequestActor {
  return { type: access.actor.type, id: access.actor.id, name: access.actor.name, client };
}

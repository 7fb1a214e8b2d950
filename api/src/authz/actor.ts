import type { OrganizationAccess, OrganizationActor } from './principal';
import type { ClientInfo } from './request.decorators';

/** Whoever acts, a member or an API key, and from where: what the audit log records of them. */
export interface RequestActor {
  type: OrganizationActor['type'];
  id: string;
  name: string;
  /** A member's email or a key's masked form: what tells two actors of the same name apart. */
  email: string | null;
  maskedKey: string | null;
  client: ClientInfo;
}

export function actorOf(access: OrganizationAccess, client: ClientInfo): RequestActor {
  const { actor } = access;
  return {
    type: actor.type,
    id: actor.id,
    name: actor.name,
    email: actor.type === 'user' ? actor.email : null,
    maskedKey: actor.type === 'apiKey' ? actor.maskedKey : null,
    client,
  };
}

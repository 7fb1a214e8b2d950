import type { Permission } from './permissions';

/** Who a console access token speaks for; set on the request by the jwt strategy. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  /** The signed-in session the token belongs to; signing out or a password change ends it. */
  sessionId: string;
}

/** What an API key may act as; set on the request by the api-key strategy. */
export interface ApiKeyPrincipal {
  kind: 'apiKey';
  apiKeyId: string;
  name: string;
  maskedKey: string;
  organization: { id: string; name: string };
}

export type Principal = UserPrincipal | ApiKeyPrincipal;

/** A signed-in user's standing in the organization named by the route, read fresh on every request. */
export interface OrganizationAccess {
  organizationId: string;
  user: { id: string; name: string; email: string };
  roleIds: string[];
  permissions: ReadonlySet<Permission>;
  isOwner: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: Principal;
    access?: OrganizationAccess;
  }
}

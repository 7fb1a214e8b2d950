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
  /** The organization routes it may call besides the integration ones, sorted; empty for an integration-only key. */
  permissions: Permission[];
  expiresAt: Date | null;
}

/** Another service of the platform, by its service token: it may verify keys of every organization, and nothing else. */
export interface ServicePrincipal {
  kind: 'service';
  serviceTokenId: string;
  name: string;
}

export type Principal = UserPrincipal | ApiKeyPrincipal | ServicePrincipal;

/** Who acts in an organization: one of its members, or one of its API keys. */
export type OrganizationActor =
  { type: 'user'; id: string; name: string; email: string } | { type: 'apiKey'; id: string; name: string; maskedKey: string };

/**
 * The caller's standing in the organization named by the route: a member's
 * current roles, read fresh on every request, or a key's own permissions.
 */
export interface OrganizationAccess {
  organizationId: string;
  organizationName: string;
  actor: OrganizationActor;
  permissions: ReadonlySet<Permission>;
  isOwner: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: Principal;
    access?: OrganizationAccess;
  }
}

import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { ApiProblem } from '../errors/problem.dto';
import { Permission } from './permissions';

export const ACCESS_POLICY = 'tptm:access-policy';

export type AccessPolicy =
  | { kind: 'public'; identifiesUser?: boolean }
  | { kind: 'user'; anyPermission: Permission[]; organizationScoped: boolean; admitsApiKeys: boolean }
  | { kind: 'apiKey' }
  | { kind: 'service' };

export const SECURITY_ACCESS_TOKEN = 'accessToken';
export const SECURITY_API_KEY_BEARER = 'apiKeyBearer';
export const SECURITY_API_KEY_HEADER = 'apiKeyHeader';
export const SECURITY_SERVICE_TOKEN = 'serviceToken';

export interface AuthenticatedOptions {
  /** The route needs one of these permissions in the organization named by its `:orgId`. */
  anyPermission?: Permission[];
  /**
   * An API key of that organization holding one of the permissions may call
   * it too, through the same checks. Left out, the route is for people only
   * and a valid key gets 403.
   */
  apiKeys?: boolean;
  /**
   * The route hands out a secret, or changes what a credential or a role can
   * do: its service passes the result's permissions through `Grant.authorize`
   * (grants.ts), and refuses with 403 a result holding one the caller lacks
   * (the route documents that 403 itself).
   * Published as `x-grants`, so the authorization matrix attacks every such
   * route, and fails on one that hands out a secret or takes permissions or
   * roles without saying so.
   */
  grants?: boolean;
}

/**
 * A console route: a user access token is required, and with `anyPermission`
 * the route is scoped to `/orgs/:orgId` and needs one of those permissions
 * there. With `apiKeys`, a restricted key holding the permission is admitted
 * as well. Declares the guard's policy and the OpenAPI security (an access
 * token, or either API-key scheme) in one place.
 */
export function Authenticated(options: AuthenticatedOptions = {}) {
  const anyPermission = options.anyPermission ?? [];
  const organizationScoped = anyPermission.length > 0;
  const admitsApiKeys = organizationScoped && options.apiKeys === true;
  const needed = anyPermission.map((p) => `\`${p}\``).join(' or ');
  const grants = organizationScoped && options.grants === true;
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'user', anyPermission, organizationScoped, admitsApiKeys } satisfies AccessPolicy),
    ApiBearerAuth(SECURITY_ACCESS_TOKEN),
    ...(admitsApiKeys ? [ApiSecurity(SECURITY_API_KEY_BEARER), ApiSecurity(SECURITY_API_KEY_HEADER)] : []),
    ApiProblem(401, admitsApiKeys ? 'No valid access token or API key.' : 'No valid access token.'),
    ...(organizationScoped
      ? [
          ApiExtension('x-permissions', anyPermission),
          ...(grants ? [ApiExtension('x-grants', true)] : []),
          ApiProblem(400, '`orgId` is not a UUID.'),
          ApiProblem(
            403,
            admitsApiKeys
              ? `The signed-in user, or the API key, lacks ${needed} in this organization; or the key may not be used from this address (\`ip-not-allowed\`).`
              : `The signed-in user lacks ${needed} in this organization; API keys cannot call this route.`,
          ),
          ...(admitsApiKeys ? [ApiProblem(429, "The API key's rate limit is reached (`rate-limited`); see `Retry-After`.")] : []),
          ApiProblem(
            404,
            admitsApiKeys
              ? 'No such organization, or the caller belongs to another one.'
              : 'No such organization, or the user is not a member of it.',
          ),
        ]
      : [ApiProblem(403, 'API keys cannot call this route: it is for people signed in to the console.')]),
  );
}

/** An integration route: only an API key is accepted, acting for its own organization. */
export function IntegrationAuthenticated() {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'apiKey' } satisfies AccessPolicy),
    ApiSecurity(SECURITY_API_KEY_BEARER),
    ApiSecurity(SECURITY_API_KEY_HEADER),
    ApiProblem(401, 'No API key, or an unknown, expired, disabled or deleted one.'),
    ApiProblem(403, 'The key may not be used from this address (`ip-not-allowed`).'),
    ApiProblem(429, "Too many failed key checks from this client, or the key's rate limit is reached (`rate-limited`); see `Retry-After`."),
  );
}

/**
 * A key-verification route for the platform's other services: only a
 * service token is accepted (never an API key or a person), for every
 * organization.
 */
export function ServiceAuthenticated() {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'service' } satisfies AccessPolicy),
    ApiBearerAuth(SECURITY_SERVICE_TOKEN),
    ApiProblem(401, 'No service token, or an unknown or revoked one.'),
    ApiProblem(429, 'Too many failed credential checks from this client; see `Retry-After`.'),
  );
}

/** Open to anyone; said explicitly so that a route without a policy is refused, not opened. */
export function Public() {
  return applyDecorators(SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy), ApiNoSecurity());
}

/**
 * Open to anyone, and a caller who sends an access token is identified by
 * it (a bad one is refused with 401, not ignored): for accepting an
 * invitation, which a new account does anonymously and an existing account
 * only as itself.
 */
export function PublicOrSignedIn() {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'public', identifiesUser: true } satisfies AccessPolicy),
    ApiOperationSecurity([{}, { [SECURITY_ACCESS_TOKEN]: [] }]),
    ApiProblem(401, 'An access token was sent but is not valid.'),
  );
}

/**
 * `security: []` on the operation: the spec has no document-wide default, so
 * a public route says outright that it takes no credentials.
 */
function ApiNoSecurity() {
  return ApiOperationSecurity([]);
}

/**
 * The operation's security requirements. Merged into the
 * operation metadata, not set with `@ApiOperation`, whose default empty
 * summary would overwrite the route's own when applied after it. On a class
 * it does nothing: the spec has no per-controller security, and the lint
 * (security-defined) flags any route left without it.
 */
function ApiOperationSecurity(security: Record<string, string[]>[]) {
  return (_target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (!descriptor) return;
    const operation: object = Reflect.getMetadata(DECORATORS.API_OPERATION, descriptor.value as object) ?? {};
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...operation, security }, descriptor.value as object);
  };
}

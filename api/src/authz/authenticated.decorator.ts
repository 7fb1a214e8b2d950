import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { ApiProblem } from '../errors/problem.dto';
import { Permission } from './permissions';

export const ACCESS_POLICY = 'tptm:access-policy';

export type AccessPolicy =
  | { kind: 'public'; identifiesUser?: boolean }
  | { kind: 'user'; anyPermission: Permission[]; organizationScoped: boolean }
  | { kind: 'apiKey' };

export const SECURITY_ACCESS_TOKEN = 'accessToken';
export const SECURITY_API_KEY_BEARER = 'apiKeyBearer';
export const SECURITY_API_KEY_HEADER = 'apiKeyHeader';

export interface AuthenticatedOptions {
  /** The route needs one of these permissions in the organization named by its `:orgId`. */
  anyPermission?: Permission[];
}

/**
 * A console route: a user access token is required, and with `anyPermission`
 * the route is scoped to `/orgs/:orgId` and needs one of those permissions
 * there. Declares the guard's policy and the OpenAPI security in one place.
 */
export function Authenticated(options: AuthenticatedOptions = {}) {
  const anyPermission = options.anyPermission ?? [];
  const organizationScoped = anyPermission.length > 0;
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'user', anyPermission, organizationScoped } satisfies AccessPolicy),
    ApiBearerAuth(SECURITY_ACCESS_TOKEN),
    ApiProblem(401, 'No valid access token.'),
    ...(organizationScoped
      ? [
          ApiExtension('x-permissions', anyPermission),
          ApiProblem(400, '`orgId` is not a UUID.'),
          ApiProblem(403, `The signed-in user lacks ${anyPermission.map((p) => `\`${p}\``).join(' or ')} in this organization.`),
          ApiProblem(404, 'No such organization, or the user is not a member of it.'),
        ]
      : []),
  );
}

/** An integration route: only an API key is accepted, acting for its own organization. */
export function IntegrationAuthenticated() {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'apiKey' } satisfies AccessPolicy),
    ApiSecurity(SECURITY_API_KEY_BEARER),
    ApiSecurity(SECURITY_API_KEY_HEADER),
    ApiProblem(401, 'No API key, or an unknown or deleted one.'),
    ApiProblem(429, 'Too many failed key checks from this client.'),
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

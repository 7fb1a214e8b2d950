import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyAuthGuard } from '../auth/api-keys/api-key-auth.guard';
import { ServiceTokenAuth } from '../auth/service-tokens/service-token-auth';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { SessionsService } from '../auth/sessions.service';
import { parseUuid } from '../common/uuid-param';
import { notFound, ProblemException, unauthorized } from '../errors/problem';
import { Permission, PERMISSION_CATALOG } from './permissions';
import { ACCESS_POLICY, AccessPolicy } from './authenticated.decorator';
import { OrganizationAccessService } from './organization-access.service';
import type { ApiKeyPrincipal, OrganizationAccess, UserPrincipal } from './principal';

/**
 * The one global guard. Each route declares its policy with `@Authenticated`,
 * `@IntegrationAuthenticated`, `@ServiceAuthenticated` or `@Public`; a route that declares none is
 * refused, so forgetting the decorator cannot open an endpoint.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);
  /** Policies are fixed at boot; reading them once per route spares each request a metadata walk. */
  private readonly policies = new Map<object, AccessPolicy | undefined>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwtGuard: JwtAuthGuard,
    private readonly apiKeyGuard: ApiKeyAuthGuard,
    private readonly organizations: OrganizationAccessService,
    private readonly sessions: SessionsService,
    private readonly serviceTokens: ServiceTokenAuth,
  ) {}

  /** Not async: public routes and cached API keys are decided without creating a promise. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const handler = context.getHandler();
    let policy = this.policies.get(handler);
    if (policy === undefined && !this.policies.has(handler)) {
      policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [handler, context.getClass()]);
      this.policies.set(handler, policy);
    }
    switch (policy?.kind) {
      case 'public':
        if (policy.identifiesUser && context.switchToHttp().getRequest<FastifyRequest>().headers.authorization !== undefined) {
          return this.authenticateUser(context, { kind: 'user', anyPermission: [], organizationScoped: false, admitsApiKeys: false });
        }
        return true;
      case 'apiKey': {
        const request = context.switchToHttp().getRequest<FastifyRequest>();
        const admit = () => this.apiKeyGuard.admit(request, context.switchToHttp().getResponse<FastifyReply>());
        const authenticated = this.apiKeyGuard.authenticate(request);
        return authenticated instanceof Promise ? authenticated.then(admit) : admit();
      }
      case 'service': {
        const request = context.switchToHttp().getRequest<FastifyRequest>();
        const principal = this.serviceTokens.authenticate(request);
        if (!(principal instanceof Promise)) {
          request.user = principal;
          return true;
        }
        return principal.then((settled) => {
          request.user = settled;
          return true;
        });
      }
      case 'user':
        return presentsApiKey(context.switchToHttp().getRequest<FastifyRequest>())
          ? this.authenticateApiKey(context, policy)
          : this.authenticateUser(context, policy);
      default:
        this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access policy; refusing`);
        throw unauthorized();
    }
  }

  /**
   * A key on a console route: authenticated like on an integration route (a
   * bad key is the same 401), then held to the same organization and
   * permission checks as a member, against its own permissions. A route
   * that does not admit keys refuses even a valid one, with 403.
   */
  private authenticateApiKey(context: ExecutionContext, policy: Extract<AccessPolicy, { kind: 'user' }>): true | Promise<true> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const admitted = this.apiKeyGuard.authenticate(request);
    const authorize = () => {
      const key = request.user as ApiKeyPrincipal;
      if (!policy.admitsApiKeys) {
        throw new ProblemException(
          'forbidden',
          policy.organizationScoped
            ? 'API keys cannot call this route. Sign in to the console to do this.'
            : 'This route is for people signed in to the console; API keys cannot call it.',
        );
      }
      const organizationId = parseUuid('orgId', (request.params as Record<string, unknown>).orgId);
      if (key.organization.id !== organizationId) throw notFound('Organization');
      const permissions = new Set(key.permissions);
      if (!policy.anyPermission.some((p) => permissions.has(p))) {
        throw new ProblemException(
          'forbidden',
          `This API key needs the ${permissionNames(policy.anyPermission)} permission. ` + "An administrator can grant it on the key's page.",
        );
      }
      request.access = {
        organizationId,
        organizationName: key.organization.name,
        actor: { type: 'apiKey', id: key.apiKeyId, name: key.name, maskedKey: key.maskedKey },
        permissions,
        isOwner: false,
      };
      // Counted (rate limit, usage) only once the route admits it: a refused request counts nothing.
      return this.apiKeyGuard.admit(request, context.switchToHttp().getResponse<FastifyReply>());
    };
    return admitted instanceof Promise ? admitted.then(authorize) : authorize();
  }

  /**
   * A valid signature is not enough: the session may have been signed out or
   * ended by a password change, so every request asks the database. On an
   * organization's route, that question and the member's access are one
   * statement; a signed-out session is a 401 whatever else is wrong.
   */
  private async authenticateUser(context: ExecutionContext, policy: Extract<AccessPolicy, { kind: 'user' }>): Promise<boolean> {
    await this.jwtGuard.canActivate(context);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.user;
    if (principal?.kind !== 'user') throw unauthorized();
    const signedIn = () => this.sessions.isActive(principal.sessionId, principal.userId);
    if (!policy.organizationScoped) {
      if (!(await signedIn())) throw unauthorized();
      return true;
    }
    let organizationId: string;
    try {
      organizationId = parseUuid('orgId', (request.params as Record<string, unknown>).orgId);
    } catch (error) {
      if (!(await signedIn())) throw unauthorized();
      throw error;
    }
    request.access = await this.authorizeInOrganization(principal, organizationId, policy);
    return true;
  }

  private async authorizeInOrganization(
    principal: UserPrincipal,
    organizationId: string,
    policy: Extract<AccessPolicy, { kind: 'user' }>,
  ): Promise<OrganizationAccess> {
    const access = await this.organizations.resolve(principal, organizationId);
    if (access === 'signedOut') throw unauthorized();
    if (access === 'notMember') throw notFound('Organization');
    if (!policy.anyPermission.some((p) => access.permissions.has(p))) {
      throw new ProblemException(
        'forbidden',
        `You need the ${permissionNames(policy.anyPermission)} permission in this organization. ` + 'Ask your organization administrator.',
      );
    }
    return access;
  }
}

const permissionNames = (permissions: Permission[]) => permissions.map((p) => `"${PERMISSION_CATALOG.find((c) => c.id === p)!.name}"`).join(' or ');

/** An API key rather than an access token: in `X-API-Key`, or as a bearer token of the key's shape. */
function presentsApiKey(request: FastifyRequest): boolean {
  if (request.headers['x-api-key'] !== undefined) return true;
  return /^Bearer +tptm_/i.test(request.headers.authorization ?? '');
}

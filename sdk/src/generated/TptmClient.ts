/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { BaseHttpRequest } from './core/BaseHttpRequest.js';
import type { OpenAPIConfig } from './core/OpenAPI.js';
import { FetchHttpRequest } from './core/FetchHttpRequest.js';
import { ApiKeysService } from './services/ApiKeysService.js';
import { AuditService } from './services/AuditService.js';
import { AuthService } from './services/AuthService.js';
import { HealthService } from './services/HealthService.js';
import { IntegrationService } from './services/IntegrationService.js';
import { InvitationsService } from './services/InvitationsService.js';
import { LeakedKeysService } from './services/LeakedKeysService.js';
import { MeService } from './services/MeService.js';
import { MembersService } from './services/MembersService.js';
import { OrganizationsService } from './services/OrganizationsService.js';
import { PermissionsService } from './services/PermissionsService.js';
import { RolesService } from './services/RolesService.js';
type HttpRequestConstructor = new (config: OpenAPIConfig) => BaseHttpRequest;
export class TptmClient {
  public readonly apiKeys: ApiKeysService;
  public readonly audit: AuditService;
  public readonly auth: AuthService;
  public readonly health: HealthService;
  public readonly integration: IntegrationService;
  public readonly invitations: InvitationsService;
  public readonly leakedKeys: LeakedKeysService;
  public readonly me: MeService;
  public readonly members: MembersService;
  public readonly organizations: OrganizationsService;
  public readonly permissions: PermissionsService;
  public readonly roles: RolesService;
  public readonly request: BaseHttpRequest;
  constructor(config?: Partial<OpenAPIConfig>, HttpRequest: HttpRequestConstructor = FetchHttpRequest) {
    this.request = new HttpRequest({
      BASE: config?.BASE ?? '',
      VERSION: config?.VERSION ?? '1.0.0',
      WITH_CREDENTIALS: config?.WITH_CREDENTIALS ?? false,
      CREDENTIALS: config?.CREDENTIALS ?? 'include',
      TOKEN: config?.TOKEN,
      USERNAME: config?.USERNAME,
      PASSWORD: config?.PASSWORD,
      HEADERS: config?.HEADERS,
      ENCODE_PATH: config?.ENCODE_PATH,
    });
    this.apiKeys = new ApiKeysService(this.request);
    this.audit = new AuditService(this.request);
    this.auth = new AuthService(this.request);
    this.health = new HealthService(this.request);
    this.integration = new IntegrationService(this.request);
    this.invitations = new InvitationsService(this.request);
    this.leakedKeys = new LeakedKeysService(this.request);
    this.me = new MeService(this.request);
    this.members = new MembersService(this.request);
    this.organizations = new OrganizationsService(this.request);
    this.permissions = new PermissionsService(this.request);
    this.roles = new RolesService(this.request);
  }
}


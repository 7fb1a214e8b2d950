/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
import { ApiKeysService } from './services/ApiKeysService.js';
import { AuditService } from './services/AuditService.js';
import { AuthService } from './services/AuthService.js';
import { HealthService } from './services/HealthService.js';
import { IntegrationService } from './services/IntegrationService.js';
import { InvitationsService } from './services/InvitationsService.js';
import { KeyVerificationService } from './services/KeyVerificationService.js';
import { LeakedKeysService } from './services/LeakedKeysService.js';
import { MeService } from './services/MeService.js';
import { MembersService } from './services/MembersService.js';
import { OrganizationsService } from './services/OrganizationsService.js';
import { PermissionsService } from './services/PermissionsService.js';
import { RolesService } from './services/RolesService.js';

/** Every area of the API, by the client property it is reached through. */
export const SERVICES = {
  apiKeys: ApiKeysService,
  audit: AuditService,
  auth: AuthService,
  health: HealthService,
  integration: IntegrationService,
  invitations: InvitationsService,
  keyVerification: KeyVerificationService,
  leakedKeys: LeakedKeysService,
  me: MeService,
  members: MembersService,
  organizations: OrganizationsService,
  permissions: PermissionsService,
  roles: RolesService,
} as const;

/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export { TptmClient } from './TptmClient.js';

export { ApiError } from './core/ApiError.js';
export { BaseHttpRequest } from './core/BaseHttpRequest.js';
export { CancelablePromise, CancelError } from './core/CancelablePromise.js';
export { OpenAPI } from './core/OpenAPI.js';
export type { OpenAPIConfig } from './core/OpenAPI.js';

export type { AcceptedOrganization } from './models/AcceptedOrganization.js';
export type { AcceptInvitationRequest } from './models/AcceptInvitationRequest.js';
export type { AccessTokenResponse } from './models/AccessTokenResponse.js';
export type { AddMemberRequest } from './models/AddMemberRequest.js';
export type { ApiKeyIdentity } from './models/ApiKeyIdentity.js';
export type { ApiKeyListItem } from './models/ApiKeyListItem.js';
export type { ApiKeyPage } from './models/ApiKeyPage.js';
export type { ApiKeyResponse } from './models/ApiKeyResponse.js';
export { ApiKeySort } from './models/ApiKeySort.js';
export { ApiKeyStatus } from './models/ApiKeyStatus.js';
export type { ApiKeyUsageDay } from './models/ApiKeyUsageDay.js';
export type { ApiKeyUsageResponse } from './models/ApiKeyUsageResponse.js';
export type { AttentionResponse } from './models/AttentionResponse.js';
export { AuditAction } from './models/AuditAction.js';
export type { AuditActor } from './models/AuditActor.js';
export { AuditActorType } from './models/AuditActorType.js';
export type { AuditChangeResponse } from './models/AuditChangeResponse.js';
export type { AuditEventPage } from './models/AuditEventPage.js';
export type { AuditEventResponse } from './models/AuditEventResponse.js';
export type { AuditTarget } from './models/AuditTarget.js';
export { AuditTargetType } from './models/AuditTargetType.js';
export type { ChangePasswordRequest } from './models/ChangePasswordRequest.js';
export type { CompletePasswordResetRequest } from './models/CompletePasswordResetRequest.js';
export type { CreateApiKeyRequest } from './models/CreateApiKeyRequest.js';
export type { CreatedApiKeyResponse } from './models/CreatedApiKeyResponse.js';
export type { CreateOrganizationRequest } from './models/CreateOrganizationRequest.js';
export type { CreateRoleRequest } from './models/CreateRoleRequest.js';
export type { FieldError } from './models/FieldError.js';
export type { HealthResponse } from './models/HealthResponse.js';
export type { InvitationAcceptedResponse } from './models/InvitationAcceptedResponse.js';
export type { InvitationCreatedResponse } from './models/InvitationCreatedResponse.js';
export type { InvitationDetails } from './models/InvitationDetails.js';
export type { InvitationList } from './models/InvitationList.js';
export type { InvitationOrganization } from './models/InvitationOrganization.js';
export type { InvitationResponse } from './models/InvitationResponse.js';
export { InvitationStatus } from './models/InvitationStatus.js';
export type { InvitedBy } from './models/InvitedBy.js';
export { InviterType } from './models/InviterType.js';
export type { LoginRequest } from './models/LoginRequest.js';
export type { MemberList } from './models/MemberList.js';
export type { MemberResponse } from './models/MemberResponse.js';
export type { MembershipSummary } from './models/MembershipSummary.js';
export type { MeResponse } from './models/MeResponse.js';
export type { OrganizationResponse } from './models/OrganizationResponse.js';
export type { PasswordResetDetails } from './models/PasswordResetDetails.js';
export { PasswordResetMode } from './models/PasswordResetMode.js';
export type { PasswordResetRequest } from './models/PasswordResetRequest.js';
export { Permission } from './models/Permission.js';
export type { PermissionList } from './models/PermissionList.js';
export type { PermissionResponse } from './models/PermissionResponse.js';
export type { PingResponse } from './models/PingResponse.js';
export type { Problem } from './models/Problem.js';
export type { RateLimit } from './models/RateLimit.js';
export type { RoleList } from './models/RoleList.js';
export type { RoleRef } from './models/RoleRef.js';
export type { RoleResponse } from './models/RoleResponse.js';
export type { RollApiKeyRequest } from './models/RollApiKeyRequest.js';
export type { SetMemberRolesRequest } from './models/SetMemberRolesRequest.js';
export type { SignInOptions } from './models/SignInOptions.js';
export type { UpdateApiKeyRequest } from './models/UpdateApiKeyRequest.js';
export type { UpdateRoleRequest } from './models/UpdateRoleRequest.js';
export type { UserRef } from './models/UserRef.js';
export type { WhoamiResponse } from './models/WhoamiResponse.js';

export { ApiKeysService } from './services/ApiKeysService.js';
export { AuditService } from './services/AuditService.js';
export { AuthService } from './services/AuthService.js';
export { HealthService } from './services/HealthService.js';
export { IntegrationService } from './services/IntegrationService.js';
export { InvitationsService } from './services/InvitationsService.js';
export { MeService } from './services/MeService.js';
export { MembersService } from './services/MembersService.js';
export { OrganizationsService } from './services/OrganizationsService.js';
export { PermissionsService } from './services/PermissionsService.js';
export { RolesService } from './services/RolesService.js';

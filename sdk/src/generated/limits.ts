/* Generated from openapi.json by `npm run generate` (scripts/generate.mjs). Do not edit. */

/** What the API accepts in each property of a request body, as the spec says: `FIELD_LIMITS.CreateApiKeyRequest.name.maxLength`. */
export const FIELD_LIMITS = {
  AcceptInvitationRequest: {
    name: { minLength: 1, maxLength: 100 },
    password: { minLength: 12, maxLength: 256 },
  },
  AddMemberRequest: {
    email: { maxLength: 254 },
    name: { minLength: 1, maxLength: 100 },
    roleIds: { maxItems: 50 },
  },
  ChangePasswordRequest: {
    currentPassword: { maxLength: 256 },
    newPassword: { minLength: 12, maxLength: 256 },
  },
  CompletePasswordResetRequest: {
    newPassword: { minLength: 12, maxLength: 256 },
  },
  CreateApiKeyRequest: {
    allowedIps: { maxItems: 100 },
    name: { minLength: 1, maxLength: 100 },
  },
  CreateOrganizationRequest: {
    name: { minLength: 1, maxLength: 100 },
  },
  CreateRoleRequest: {
    description: { maxLength: 500 },
    name: { minLength: 1, maxLength: 100 },
  },
  KeyPolicy: {
    allowedIps: { maxItems: 100 },
    maxLifetimeDays: { minimum: 1, maximum: 3650 },
  },
  LoginRequest: {
    email: { maxLength: 254 },
    password: { maxLength: 256 },
  },
  PasswordResetRequest: {
    email: { maxLength: 254 },
  },
  RateLimit: {
    requests: { minimum: 1, maximum: 1000000 },
    windowSeconds: { minimum: 1, maximum: 86400 },
  },
  RollApiKeyRequest: {
    gracePeriodSeconds: { minimum: 0, maximum: 604800 },
  },
  SetMemberRolesRequest: {
    roleIds: { maxItems: 50 },
  },
  UpdateApiKeyRequest: {
    allowedIps: { maxItems: 100 },
    name: { minLength: 1, maxLength: 100 },
  },
  UpdateRoleRequest: {
    description: { maxLength: 500 },
    name: { minLength: 1, maxLength: 100 },
  },
  VerifyApiKeyRequest: {
    clientIp: { maxLength: 100 },
    permissions: { maxItems: 50 },
  },
} as const;

/** What the API accepts in each query parameter of an operation, as the spec says: `QUERY_LIMITS.listApiKeys.limit.maximum`. */
export const QUERY_LIMITS = {
  listApiKeys: {
    limit: { minimum: 1, maximum: 100 },
    cursor: { maxLength: 1000 },
    q: { maxLength: 100 },
  },
  getApiKeyUsage: {
    days: { minimum: 1, maximum: 90 },
  },
  listAuditEvents: {
    limit: { minimum: 1, maximum: 100 },
    cursor: { maxLength: 200 },
  },
} as const;

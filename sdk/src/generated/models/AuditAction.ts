/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type AuditAction = 'api_key.created' | 'api_key.updated' | 'api_key.rolled' | 'api_key.deleted' | 'api_key.exposed' | 'invitation.created' | 'invitation.renewed' | 'invitation.revoked' | 'member.added' | 'member.roles_updated' | 'member.removed' | 'role.created' | 'role.updated' | 'role.deleted' | 'organization.created' | 'key_policy.updated';

/** Every AuditAction, by name. */
export const AuditAction = {
  API_KEY_CREATED: 'api_key.created',
  API_KEY_UPDATED: 'api_key.updated',
  API_KEY_ROLLED: 'api_key.rolled',
  API_KEY_DELETED: 'api_key.deleted',
  API_KEY_EXPOSED: 'api_key.exposed',
  INVITATION_CREATED: 'invitation.created',
  INVITATION_RENEWED: 'invitation.renewed',
  INVITATION_REVOKED: 'invitation.revoked',
  MEMBER_ADDED: 'member.added',
  MEMBER_ROLES_UPDATED: 'member.roles_updated',
  MEMBER_REMOVED: 'member.removed',
  ROLE_CREATED: 'role.created',
  ROLE_UPDATED: 'role.updated',
  ROLE_DELETED: 'role.deleted',
  ORGANIZATION_CREATED: 'organization.created',
  KEY_POLICY_UPDATED: 'key_policy.updated',
} as const satisfies Record<string, AuditAction>;

/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type Permission = 'key:manage' | 'member:manage' | 'role:manage' | 'audit:read' | 'org:manage';

/** Every Permission, by name. */
export const Permission = {
  KEY_MANAGE: 'key:manage',
  MEMBER_MANAGE: 'member:manage',
  ROLE_MANAGE: 'role:manage',
  AUDIT_READ: 'audit:read',
  ORG_MANAGE: 'org:manage',
} as const satisfies Record<string, Permission>;

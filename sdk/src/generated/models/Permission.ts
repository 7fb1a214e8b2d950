/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export enum Permission {
  KEY_MANAGE = 'key:manage',
  MEMBER_MANAGE = 'member:manage',
  ROLE_MANAGE = 'role:manage',
  AUDIT_READ = 'audit:read',
  ORG_MANAGE = 'org:manage',
}

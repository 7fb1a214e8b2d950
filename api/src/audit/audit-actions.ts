/**
 * Every action the audit log records, and the only ones it may: `record()`
 * takes an `AuditAction`, the spec lists them as the `AuditAction` enum, the
 * `action` filter accepts only these, and the console's labels are typed
 * against the enum, so an action added here without a label fails its build.
 * Grouped by subject, in the order the console's filter offers them.
 */
export const AUDIT_ACTIONS = [
  'api_key.created',
  'api_key.updated',
  'api_key.rolled',
  'api_key.deleted',
  'api_key.exposed',
  'invitation.created',
  'invitation.renewed',
  'invitation.revoked',
  'member.added',
  'member.roles_updated',
  'member.removed',
  'role.created',
  'role.updated',
  'role.deleted',
  'organization.created',
  'key_policy.updated',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

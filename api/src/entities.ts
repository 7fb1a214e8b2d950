import { ApiKey } from './api-keys/api-key.entity';
import { ApiKeyDailyUsage, ApiKeyRateSlot, ApiKeyUsageBatch } from './api-keys/api-key-usage.entity';
import { ApiKeyExpiryReminder, ApiKeyExposureReport, PublicReportWindow } from './api-keys/api-key-exposure.entity';
import { KeyPolicy } from './organizations/key-policy.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
import { Invitation, InvitationEmail, InvitationRole } from './invitations/invitation.entity';
import { Membership, MembershipRole } from './members/membership.entity';
import { Organization } from './organizations/organization.entity';
import { PasswordReset } from './auth/password-reset.entity';
import { RetiredRefreshToken } from './auth/retired-refresh-token.entity';
import { Role } from './roles/role.entity';
import { Session } from './auth/session.entity';
import { KeyRevocationEvent, ServiceToken, SystemAuditEvent } from './auth/service-tokens/service-token.entity';
import { User } from './auth/user.entity';

/**
 * Every persisted entity, for the ORM. Listed here, beside the modules that
 * own them, so the database layer itself knows no feature.
 */
export const ENTITIES = [
  Organization,
  User,
  Role,
  Membership,
  MembershipRole,
  Invitation,
  InvitationRole,
  InvitationEmail,
  Session,
  RetiredRefreshToken,
  PasswordReset,
  ApiKey,
  ApiKeyDailyUsage,
  ApiKeyUsageBatch,
  ApiKeyRateSlot,
  ApiKeyExposureReport,
  ApiKeyExpiryReminder,
  PublicReportWindow,
  KeyPolicy,
  AuditEvent,
  IdempotencyRecord,
  ServiceToken,
  KeyRevocationEvent,
  SystemAuditEvent,
];

import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { canonicalIpEntry, MAX_ALLOWED_IPS } from '../../auth/api-keys/ip-allowlist';
import { ALL_PERMISSIONS, GRANTABLE_TO_API_KEYS, Permission } from '../../authz/permissions';
import { EXPOSURE_ACTIONS, type ExposureAction, POLICY_RULES, type PolicyRule } from '../../auth/api-keys/key-policy-rules';
import { EXPOSURE_REPORTERS, type ExposureReporter } from '../api-key.entity';
import { MAX_PAGE_SIZE } from '../../common/pagination';
import { IsDisplayName, normalizeName, parseRfc3339, QueryInteger, UUID_PATTERN } from '../../common/validators';
import { API_KEY_SORTS, API_KEY_STATUSES, type ApiKeySort, type ApiKeyStatus } from '../api-key-list';
import { AcceptsNull } from '../../errors/validation';

export class UserRef {
  /** @example 3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a */
  id: string;
  /** @example "Ada Lovelace" */
  name: string;
  /** @example ada@example.com */
  email: string;
}

export const MAX_RATE_LIMIT_REQUESTS = 1_000_000;
export const MAX_RATE_LIMIT_WINDOW_SECONDS = 86_400;

export class RateLimit {
  /** Requests the key may make per window, across every server instance: 1–1,000,000. @example 100 */
  @IsInt({ message: `must be a whole number from 1 to ${MAX_RATE_LIMIT_REQUESTS}` })
  @Min(1, { message: `must be a whole number from 1 to ${MAX_RATE_LIMIT_REQUESTS}` })
  @Max(MAX_RATE_LIMIT_REQUESTS, { message: `must be a whole number from 1 to ${MAX_RATE_LIMIT_REQUESTS}` })
  requests: number;

  /** The window's length in seconds, 1–86400 (a day); any interval this long holds at most `requests`. @example 60 */
  @IsInt({ message: `must be a whole number of seconds from 1 to ${MAX_RATE_LIMIT_WINDOW_SECONDS}` })
  @Min(1, { message: `must be a whole number of seconds from 1 to ${MAX_RATE_LIMIT_WINDOW_SECONDS}` })
  @Max(MAX_RATE_LIMIT_WINDOW_SECONDS, { message: `must be a whole number of seconds from 1 to ${MAX_RATE_LIMIT_WINDOW_SECONDS} (a day)` })
  windowSeconds: number;
}

/** Where and when a key's secret was found in public, who reported it, and what the organization's policy did. */
export class ApiKeyExposure {
  /** When the report arrived. @example 2026-12-08T10:15:00.000Z */
  foundAt: Date;
  /** Where the secret was found (a public scanner's link); null from a public report. @example https://github.com/octo/app/blob/abc123/config.js */
  url: string | null;
  /** What kind of place it was found in, as the scanner says (`content`, `commit`, …); null from a public report. @example content */
  source: string | null;
  /** A secret scanner (GitHub's), or anyone through the public endpoint. @example secret-scanning */
  @ApiProperty({ enum: EXPOSURE_REPORTERS, enumName: 'ExposureReporter' })
  reportedBy: ExposureReporter;
  /** What was done: the key revoked, disabled, or left working (its owners told). @example revoke */
  @ApiProperty({ enum: EXPOSURE_ACTIONS, enumName: 'ExposureAction' })
  action: ExposureAction;
}

export class ApiKeyResponse {
  /** @example 0b7e5a6c-3f1d-4c2a-9e8b-5d4f3a2b1c0d */
  id: string;
  /** @example "Production Integration" */
  name: string;
  /** Enough to recognise the key, never enough to use it. @example tptm_7Gq2…x9Fa */
  maskedKey: string;
  /**
   * The organization routes the key may call besides the integration ones,
   * as a member holding these permissions would; empty for an
   * integration-only key. They belong to the key, whatever happens to its creator.
   */
  @ApiProperty({ enum: Permission, enumName: 'Permission', isArray: true, example: ['audit:read'] })
  permissions: Permission[];
  /**
   * From this instant the key is refused; null if it never expires. An
   * expired key stays listed until deleted. @example 2026-12-31T23:59:59.000Z
   */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: Date | null;
  /**
   * Until when the secret replaced by the last roll still works; null when no
   * replaced secret works any more. @example 2026-02-02T14:05:00.000Z
   */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  previousKeyExpiresAt: Date | null;
  /** @example 2026-01-15T09:30:00.000Z */
  createdAt: Date;
  /** Who created the key; null once that user's account is gone. */
  createdBy: UserRef | null;
  /** When the key (either secret) last authenticated a request (to the minute); null if never. @example 2026-02-01T14:05:00.000Z */
  lastUsedAt: Date | null;
  /** False while the key is disabled: refused like a deleted key, until enabled again. @example true */
  enabled: boolean;
  /** The key's rate limit; null when it has none. */
  @ApiProperty({ type: RateLimit, nullable: true })
  rateLimit: RateLimit | null;
  /** Addresses and CIDR ranges the key may be used from; empty allows any. @example ["203.0.113.7", "10.0.0.0/8"] */
  allowedIps: string[];
  /**
   * When the key was revoked because its secret leaked; null if it was not.
   * A revoked key is refused like a deleted one, and listed until deleted.
   */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: Date | null;
  /** The last report of the key's secret found in public; null if none. */
  @ApiProperty({ type: ApiKeyExposure, nullable: true })
  exposure: ApiKeyExposure | null;
  /**
   * The rules of the organization's key policy the key breaks (it is refused
   * at use until fixed); empty when it breaks none.
   */
  @ApiProperty({ enum: POLICY_RULES, enumName: 'PolicyRule', isArray: true, example: [] })
  policyViolations: PolicyRule[];
}

/** A key as listed: what a table of many keys shows without a call per row. */
export class ApiKeyListItem extends ApiKeyResponse {
  /** Requests the key authenticated in the last 30 UTC days, today included. @example 1250 */
  requests30d: number;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  /**
   * The full key. This response (of the create, or of a roll) is the only time
   * it is ever shown: store it in a secrets manager now.
   * @example tptm_7Gq2Kp9LmN3xR8vT1wY6zB4cD0eF5gH2jK7sQ9x9Fa
   */
  key: string;
}

export class ApiKeyPage {
  items: ApiKeyListItem[];
  /** How many keys match the filters, on every page. @example 137 */
  total: number;
  /**
   * Pass as `cursor` to get the next page; null on the last page.
   * @example MjAyNi0wMS0xNVQwOTozMDowMC4wMDBafDBiN2U1YTZjLTNmMWQtNGMyYS05ZThiLTVkNGYzYTJiMWMwZA
   */
  nextCursor: string | null;
}

const LIMIT_MESSAGE = `must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** A page query whose cursor may carry a key's name (when sorted by name), so it is longer than other lists'. */
export class ApiKeyListQuery {
  /** How many items to return, 1–100. @example 50 */
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(MAX_PAGE_SIZE, { message: LIMIT_MESSAGE })
  limit?: number;

  /** The `nextCursor` of the previous page, with the same filters and sort; omit it for the first page. */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(1000, { message: 'is not a cursor returned by this API' })
  cursor?: string;

  /** Only keys whose name contains this, ignoring case. @example prod */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? normalizeName(value) : value))
  @IsString({ message: 'must be a string' })
  @MaxLength(100, { message: 'must be at most 100 characters long' })
  @Matches(/^\P{Cc}*$/u, { message: 'must not contain control characters' })
  q?: string;

  /**
   * Only keys in any of these states (repeat the parameter for several): `expiring` expires within 14 days,
   * `unused` was never used or not in the last 90 days.
   */
  @ApiProperty({ enum: API_KEY_STATUSES, enumName: 'ApiKeyStatus', isArray: true, required: false })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? [value] : value))
  @IsArray({ message: 'must be one or more statuses' })
  @ArrayMaxSize(API_KEY_STATUSES.length, { message: `must list at most ${API_KEY_STATUSES.length} statuses` })
  @IsIn(API_KEY_STATUSES, { each: true, message: `must each be one of: ${API_KEY_STATUSES.join(', ')}` })
  status?: ApiKeyStatus[];

  /** Only keys created by this user. @example 3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a */
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a user id (a UUID)' })
  createdBy?: string;

  /** Only keys holding this permission. @example audit:read */
  @ApiProperty({ enum: Permission, enumName: 'Permission', required: false })
  @IsOptional()
  @IsIn(ALL_PERMISSIONS, { message: `must be one of: ${ALL_PERMISSIONS.join(', ')}` })
  permission?: Permission;

  /** The order: newest first by default; `-` sorts descending. Keys never used come last with `-lastUsedAt`, keys that never expire last with `expiresAt`. */
  @ApiProperty({ enum: API_KEY_SORTS, enumName: 'ApiKeySort', required: false, default: '-createdAt' })
  @IsOptional()
  @IsIn(API_KEY_SORTS, { message: `must be one of: ${API_KEY_SORTS.join(', ')}` })
  sort?: ApiKeySort;
}

/** A moment strictly after the request arrives, written in RFC 3339. */
function IsFutureInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isFutureInstant',
    validator: {
      validate: (value: unknown) => {
        const at = parseRfc3339(value);
        return at !== undefined && at > Date.now();
      },
      defaultMessage: () => 'must be a date and time in the future, in RFC 3339 (e.g. 2026-12-31T23:59:59Z), or null for never',
    },
  });
}

/** A key's permissions: known, grantable ones; whether the caller holds them is the service's check (403). */
function IsKeyPermissionList(): PropertyDecorator {
  const grantable = GRANTABLE_TO_API_KEYS.join(', ');
  return applyDecorators(
    ApiProperty({ enum: Permission, enumName: 'Permission', isArray: true, required: false, example: ['audit:read'] }),
    IsOptional(),
    IsArray({ message: 'must be an array of permission ids' }),
    ArrayUnique({ message: 'must not repeat a permission' }),
    IsIn(GRANTABLE_TO_API_KEYS, {
      each: true,
      message: `must contain only permissions an API key may hold: ${grantable} (never key:manage)`,
    }),
  );
}

/**
 * At most 100 IPv4/IPv6 addresses or CIDR ranges, kept in canonical form (a
 * range by its network address), without repeats. Also a key policy's.
 */
export function IsAllowedIpList(required = false): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: [String], required, maxItems: MAX_ALLOWED_IPS, example: ['203.0.113.7', '10.0.0.0/8', '2001:db8::/32'] }),
    ...(required ? [] : [IsOptional()]),
    Transform(({ value }) =>
      Array.isArray(value) && value.every((v) => typeof v === 'string' && canonicalIpEntry(v) !== null)
        ? [...new Set(value.map((v: string) => canonicalIpEntry(v)!))]
        : value,
    ),
    IsArray({ message: 'must be an array of IPv4/IPv6 addresses or CIDR ranges' }),
    ArrayMaxSize(MAX_ALLOWED_IPS, { message: `must hold at most ${MAX_ALLOWED_IPS} addresses or ranges` }),
    ValidateBy({
      name: 'isAllowedIpList',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string' && canonicalIpEntry(v) !== null),
        defaultMessage: (args) => {
          const entries: unknown[] = Array.isArray(args?.value) ? args.value : [];
          const bad = entries.findIndex((v) => typeof v !== 'string' || canonicalIpEntry(v) === null);
          return `entry ${bad} is not an IPv4 or IPv6 address or CIDR range (write e.g. 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32)`;
        },
      },
    }),
  );
}

/** A rate limit, or null for none. */
function IsRateLimit(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: RateLimit, nullable: true, required: false }),
    AcceptsNull(),
    IsOptional(),
    IsObject({ message: 'must be an object {requests, windowSeconds}, or null for no limit' }),
    ValidateNested(),
    Type(() => RateLimit),
  );
}

export class CreateApiKeyRequest {
  /** Unique within the organization, ignoring case. @example "Production Integration" */
  @IsDisplayName()
  name: string;

  /**
   * When the key stops working, in RFC 3339 and in the future; null or absent
   * means it never expires. It can be changed later (PATCH), also once passed.
   */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, required: false, example: '2026-12-31T23:59:59Z' })
  @AcceptsNull()
  @IsOptional()
  @IsFutureInstant()
  expiresAt?: string | null;

  /**
   * Organization routes the key may call besides the integration ones, from
   * the permissions the caller holds; absent or empty, integration routes only.
   */
  @IsKeyPermissionList()
  permissions?: Permission[];

  /** At most `requests` per `windowSeconds`, across every server instance; absent or null for no limit. */
  @IsRateLimit()
  rateLimit?: RateLimit | null;

  /** Addresses and CIDR ranges the key may be used from (up to 100); absent or empty allows any. */
  @IsAllowedIpList()
  allowedIps?: string[];

  /** False creates the key disabled. @example true */
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;
}

export class UpdateApiKeyRequest {
  /** The new name: unique within the organization, ignoring case. @example "Production Integration" */
  @IsOptional()
  @IsDisplayName()
  name?: string;

  /** The key's permissions from now on (the whole set); takes effect on its next request, on every instance. */
  @IsKeyPermissionList()
  permissions?: Permission[];

  /**
   * A new expiry, in RFC 3339 and in the future, or null for never. Also on
   * an expired key, which then works again with the same id, history and usage.
   */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, required: false, example: '2027-06-30T23:59:59Z' })
  @AcceptsNull()
  @IsOptional()
  @IsFutureInstant()
  expiresAt?: string | null;

  /** The key's rate limit from its next request on, on every instance; null removes it. */
  @IsRateLimit()
  rateLimit?: RateLimit | null;

  /** The addresses the key may be used from, from its next request on (the whole list); empty allows any. */
  @IsAllowedIpList()
  allowedIps?: string[];

  /** False refuses the key on every instance at once, like a deleted one; true brings it back unchanged. @example false */
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: boolean;
}

export const MAX_GRACE_PERIOD_SECONDS = 7 * 24 * 60 * 60;

export class RollApiKeyRequest {
  /**
   * How long the current secret keeps working beside the new one, 0–604800
   * seconds (7 days). 0, the default, refuses it at once. @example 86400
   */
  @IsOptional()
  @IsInt({ message: `must be a whole number of seconds from 0 to ${MAX_GRACE_PERIOD_SECONDS}` })
  @Min(0, { message: `must be a whole number of seconds from 0 to ${MAX_GRACE_PERIOD_SECONDS}` })
  @Max(MAX_GRACE_PERIOD_SECONDS, { message: `must be a whole number of seconds from 0 to ${MAX_GRACE_PERIOD_SECONDS} (7 days)` })
  gracePeriodSeconds?: number;

  /**
   * Roll even though the secret an earlier roll replaced still works (it is
   * then refused at once). Without it, such a roll is refused with 409
   * `previous-secret-still-working`, so a blind second roll cannot cut off
   * the secret an integration is still running on. @example false
   */
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  replacePrevious?: boolean;
}

export class ApiKeyUsageQuery {
  /** How many UTC days, ending today: 1 to 90. @example 30 */
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: 'must be a whole number of days from 1 to 90' })
  @Min(1, { message: 'must be a whole number of days from 1 to 90' })
  @Max(90, { message: 'must be a whole number of days from 1 to 90' })
  days?: number;
}

export class ApiKeyUsageDay {
  /** A UTC day. @example 2026-01-15 */
  date: string;
  /** Requests the key (either of its secrets) authenticated that day. @example 1532 */
  requests: number;
}

export class ApiKeyUsageResponse {
  /** Exactly the days asked for, oldest first, the last one today (UTC), days without requests included. */
  days: ApiKeyUsageDay[];
}

/**
 * What needs doing in the organization, as counts; each has a matching
 * filter (`status` on the key list, or the invitations' expiry). A count
 * the caller may not see (keys need `key:manage`, invitations
 * `member:manage`) is null.
 */
export class AttentionResponse {
  /** Keys that expire within 14 days (`status=expiring`). @example 2 */
  @ApiProperty({ type: 'integer', nullable: true })
  expiringKeys: number | null;
  /** Keys past their expiry, still listed (`status=expired`). @example 1 */
  @ApiProperty({ type: 'integer', nullable: true })
  expiredKeys: number | null;
  /** Keys reported as leaked, revoked or not (`status=exposed`). @example 1 */
  @ApiProperty({ type: 'integer', nullable: true })
  exposedKeys: number | null;
  /** Keys never used, or not in the last 90 days (`status=unused`). @example 4 */
  @ApiProperty({ type: 'integer', nullable: true })
  unusedKeys: number | null;
  /** Keys the organization's key policy refuses at use until fixed (`status=policyViolation`). @example 2 */
  @ApiProperty({ type: 'integer', nullable: true })
  policyViolations: number | null;
  /** Invitations whose link still works. @example 3 */
  @ApiProperty({ type: 'integer', nullable: true })
  pendingInvitations: number | null;
  /** Invitations whose link has lapsed, not yet renewed or revoked. @example 1 */
  @ApiProperty({ type: 'integer', nullable: true })
  lapsedInvitations: number | null;
}

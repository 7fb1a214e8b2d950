import { randomUUID } from 'node:crypto';
import { ArrayType, Check, Entity, Enum, EntityRepositoryType, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { ApiKeyRepository } from './api-key.repository';
import { Organization } from '../organizations/organization.entity';
import { User } from '../auth/user.entity';
import type { Permission } from '../authz/permissions';
import { EXPOSURE_ACTIONS, type ExposureAction } from '../auth/api-keys/key-policy-rules';

/** Who reported a key as leaked: a secret scanner (GitHub's), or anyone through the public endpoint. */
export const EXPOSURE_REPORTERS = ['secret-scanning', 'public-report'] as const;
export type ExposureReporter = (typeof EXPOSURE_REPORTERS)[number];

@Entity({ tableName: 'api_key', repository: () => ApiKeyRepository })
@Check({ name: 'api_key_rate_limit_check', expression: '("rate_limit_requests" is null) = ("rate_limit_window_seconds" is null)' })
@Index({ name: 'api_key_organization_created_at_id_index', properties: ['organization', 'createdAt', 'id'] })
// The key list's sorts by last use and by expiry (api-key-list.ts), missing instants as ±infinity.
@Index({
  name: 'api_key_organization_last_used_at_index',
  expression: `create index "api_key_organization_last_used_at_index" on "api_key" ("organization_id", coalesce("last_used_at", '-infinity'::timestamptz), "id")`,
})
@Index({
  name: 'api_key_organization_expires_at_index',
  expression: `create index "api_key_organization_expires_at_index" on "api_key" ("organization_id", coalesce("expires_at", 'infinity'::timestamptz), "id")`,
})
@Unique({
  name: 'api_key_organization_name_unique',
  expression: 'create unique index "api_key_organization_name_unique" on "api_key" ("organization_id", lower("name"))',
})
export class ApiKey {
  [EntityRepositoryType]?: ApiKeyRepository;

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization: Organization;

  @Property({ type: 'text' })
  name: string;

  /** Hex SHA-256 of the full key: the only form of the secret ever stored. */
  @Property({ type: 'text', hidden: true })
  @Unique({ name: 'api_key_digest_unique' })
  digest: string;

  @Property({ type: 'text' })
  maskedKey: string;

  /** The secret a roll replaced, accepted until `previousKeyExpiresAt`; only one lives at a time. */
  @Property({ type: 'text', nullable: true, hidden: true })
  @Unique({ name: 'api_key_previous_digest_unique' })
  previousDigest: string | null = null;

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  previousKeyExpiresAt: Date | null = null;

  /**
   * The organization routes the key may call besides the integration ones
   * (never `key:manage`). They belong to the key, not to whoever created it.
   */
  @Property({ type: ArrayType, default: '{}' })
  permissions: Permission[] = [];

  /** From this instant the key (either secret) is refused; null means it never expires. */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  expiresAt: Date | null = null;

  /** False refuses the key like a deleted one, until it is enabled again; nothing else about it changes. */
  @Property({ type: 'boolean', default: true })
  enabled: boolean = true;

  /** At most `rateLimitRequests` per `rateLimitWindowSeconds` across every instance; both null for no limit. */
  @Property({ type: 'integer', nullable: true })
  rateLimitRequests: number | null = null;

  @Property({ type: 'integer', nullable: true })
  rateLimitWindowSeconds: number | null = null;

  /** Addresses and CIDR ranges the key may be used from, in canonical form; empty allows any. */
  @Property({ type: ArrayType, default: '{}' })
  allowedIps: string[] = [];

  /** A leaked key revoked by its organization's policy: listed until deleted, so its admins see what happened; refused at use. */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  revokedAt: Date | null = null;

  /** The latest report of the key's secret found in public: when, where, by whom, and what the policy did. */
  @Property({ type: 'timestamptz', length: 3, nullable: true })
  exposedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  exposureUrl: string | null = null;

  @Property({ type: 'text', nullable: true })
  exposureSource: string | null = null;

  @Enum({ items: () => EXPOSURE_REPORTERS, nullable: true })
  exposureReportedBy: ExposureReporter | null = null;

  @Enum({ items: () => EXPOSURE_ACTIONS, nullable: true })
  exposureAction: ExposureAction | null = null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy: User | null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', length: 3, nullable: true })
  lastUsedAt: Date | null = null;

  constructor(organization: Organization, name: string, digest: string, maskedKey: string, createdBy: User | null, expiresAt: Date | null) {
    this.organization = organization;
    this.name = name;
    this.digest = digest;
    this.maskedKey = maskedKey;
    this.createdBy = createdBy;
    this.expiresAt = expiresAt;
  }
}

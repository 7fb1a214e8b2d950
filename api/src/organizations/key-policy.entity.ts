import { Entity, Enum, ManyToOne, PrimaryKeyProp, Property, ArrayType } from '@mikro-orm/core';
import { EXPOSURE_ACTIONS, type ExposureAction } from '../auth/api-keys/key-policy-rules';
import { Organization } from './organization.entity';

/**
 * The rules an organization's keys must follow. An organization without a
 * row has the default policy: no rule, and a leaked key is revoked.
 */
@Entity({ tableName: 'key_policy' })
export class KeyPolicy {
  [PrimaryKeyProp]?: 'organization';

  @ManyToOne(() => Organization, { primary: true, deleteRule: 'cascade' })
  organization: Organization;

  /** A key's `expiresAt` may be at most this many days after the moment it is set; null for no limit. */
  @Property({ type: 'integer', nullable: true })
  maxLifetimeDays: number | null = null;

  @Property({ type: 'boolean', default: false })
  requireExpiry: boolean = false;

  /** Canonical addresses and ranges every key's own allowed addresses must lie within; empty for no rule. */
  @Property({ type: ArrayType, default: '{}' })
  allowedIps: string[] = [];

  @Property({ type: 'boolean', default: false })
  requireRateLimit: boolean = false;

  @Enum({ items: () => EXPOSURE_ACTIONS, default: 'revoke' })
  onExposure: ExposureAction = 'revoke';

  constructor(organization: Organization) {
    this.organization = organization;
  }
}

import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { EXPOSURE_ACTIONS, type ExposureAction } from '../../auth/api-keys/key-policy-rules';
import { IsAllowedIpList } from '../../api-keys/dto/api-key.dto';
import { AcceptsNull } from '../../errors/validation';

export const MAX_LIFETIME_DAYS = 3650;

/** The rules an organization's keys must follow. `PUT` takes all of it. */
export class KeyPolicy {
  /**
   * A key's `expiresAt` may be at most this many days after the moment it is
   * set (create, PATCH, roll): 1–3650; null for no limit. @example 90
   */
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: MAX_LIFETIME_DAYS, example: 90 })
  @AcceptsNull()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: `must be a whole number of days from 1 to ${MAX_LIFETIME_DAYS}, or null for no limit` })
  @Min(1, { message: `must be a whole number of days from 1 to ${MAX_LIFETIME_DAYS}, or null for no limit` })
  @Max(MAX_LIFETIME_DAYS, { message: `must be a whole number of days from 1 to ${MAX_LIFETIME_DAYS}, or null for no limit` })
  maxLifetimeDays: number | null;

  /** Every key must have an `expiresAt`. @example true */
  @IsBoolean({ message: 'must be true or false' })
  requireExpiry: boolean;

  /**
   * Addresses and CIDR ranges every key's own allowed addresses must lie
   * within; a key allowing any address (`[]`) then breaks the policy. Empty: no rule.
   */
  @IsAllowedIpList(true)
  allowedIps: string[];

  /** Every key must have a rate limit. @example false */
  @IsBoolean({ message: 'must be true or false' })
  requireRateLimit: boolean;

  /** What happens to a key reported as leaked: revoked, disabled, or left working (its owners are told). @example revoke */
  @ApiProperty({ enum: EXPOSURE_ACTIONS, enumName: 'ExposureAction' })
  @IsIn(EXPOSURE_ACTIONS, { message: `must be one of ${EXPOSURE_ACTIONS.join(', ')}` })
  onExposure: ExposureAction;
}

export class KeyPolicyDryRun {
  /** How many of the organization's keys (revoked ones aside) would break the policy: refused at use until fixed. @example 3 */
  violatingKeys: number;
}

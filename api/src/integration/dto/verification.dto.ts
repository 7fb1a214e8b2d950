import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { OrganizationResponse } from '../../organizations/dto/organization.dto';
import { ApiKeyIdentity } from './whoami.dto';

export const VERIFICATION_CODES = [
  'VALID',
  'NOT_FOUND',
  'EXPIRED',
  'DISABLED',
  'RATE_LIMITED',
  'IP_NOT_ALLOWED',
  'POLICY_VIOLATION',
  'INSUFFICIENT_PERMISSIONS',
] as const;

export class VerifyApiKeyRequest {
  /** The key a caller of the service presented, exactly as it was sent. @example tptm_7Gq2… */
  @IsString({ message: 'must be a string' })
  key: string;

  /** Permissions the key must hold for what the caller asked (each a permission id); absent, none. */
  @ApiProperty({ type: String, isArray: true, required: false, example: ['audit:read'] })
  @IsOptional()
  @IsArray({ message: 'must be an array of permission ids' })
  @ArrayMaxSize(50, { message: 'must hold at most 50 permissions' })
  @IsString({ each: true, message: 'must hold only strings' })
  @MaxLength(100, { each: true, message: 'must hold permission ids of at most 100 characters' })
  permissions?: string[];

  /**
   * The address the key was presented from, as the service sees its caller:
   * checked against the key's allowed addresses (a key with any is refused
   * without it). @example 203.0.113.7
   */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  clientIp?: string;
}

export class VerificationRateLimit {
  /** Requests the key may make per window. @example 100 */
  limit: number;
  /** What is left of the window after this request. @example 99 */
  remaining: number;
  /** Seconds until the whole quota is available again. @example 60 */
  resetSeconds: number;
}

export class VerifyApiKeyResponse {
  /** True exactly when `code` is `VALID`. */
  valid: boolean;
  /**
   * `VALID`, or why not, the first that applies in this order: `NOT_FOUND`
   * (unknown, deleted, malformed, or a replaced secret past its grace),
   * `EXPIRED`, `DISABLED`, `IP_NOT_ALLOWED`, `POLICY_VIOLATION` (the key
   * breaks its organization's key policy, which a REST request answers with
   * 403 until the key is fixed), `INSUFFICIENT_PERMISSIONS`, `RATE_LIMITED`.
   */
  @ApiProperty({ enum: VERIFICATION_CODES, enumName: 'VerificationCode' })
  code: (typeof VERIFICATION_CODES)[number];
  /** The key's organization, whenever the key exists. */
  @ApiProperty({ type: OrganizationResponse, required: false })
  organization?: OrganizationResponse;
  /** The key (masked), whenever it exists. */
  @ApiProperty({ type: ApiKeyIdentity, required: false })
  apiKey?: ApiKeyIdentity;
  /** Whenever the key has a rate limit. */
  @ApiProperty({ type: VerificationRateLimit, required: false })
  rateLimit?: VerificationRateLimit;
}

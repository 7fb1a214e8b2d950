import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { AccessTokenResponse } from '../../auth/dto/login.dto';
import { IsDisplayName, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../common/validators';
import { RoleRef } from '../../members/dto/member.dto';

/** Who made an invitation: a member, or one of the organization's API keys. */
export class InvitedBy {
  /** @example user */
  @ApiProperty({ enum: ['user', 'apiKey'], enumName: 'InviterType' })
  type: 'user' | 'apiKey';
  /** The member's user id, or the key's id. @example 3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a */
  id: string;
  /** The member's name, or the key's. @example "Ada Lovelace" */
  name: string;
  /** For a key: its masked form, as the key list shows it. @example tptm_4Fq7…K9pL */
  maskedKey?: string;
}

export class InvitationResponse {
  /** @example 6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f */
  id: string;
  /** @example grace@example.com */
  email: string;
  /** The roles the invitee gets on accepting. */
  roles: RoleRef[];
  /** `expired` once `expiresAt` has passed: renew it to send a new link. @example pending */
  @ApiProperty({ enum: ['pending', 'expired'], enumName: 'InvitationStatus' })
  status: 'pending' | 'expired';
  /** @example 2026-01-22T09:30:00.000Z */
  expiresAt: Date;
  /** @example 2026-01-15T09:30:00.000Z */
  createdAt: Date;
  /** Who invited them; null only for invitations made before the maker was recorded. */
  invitedBy: InvitedBy | null;
}

export class InvitationCreatedResponse {
  invitation: InvitationResponse;
  /**
   * Only when the server sends no email: the invitee's only way in, shown
   * this once, for the inviter to hand over. With SMTP configured the link
   * is emailed to the invited address alone and this is absent.
   * Single use, valid 7 days.
   * @example https://keys.example.com/invite/tptm_inv_4Fq7vR2mK9pL4wN8tXq7vR2mK9pL4wN8
   */
  inviteUrl?: string;
}

export class InvitationList {
  items: InvitationResponse[];
}

export class InvitationOrganization {
  /** @example "Acme Corp" */
  name: string;
}

export class InvitationDetails {
  organization: InvitationOrganization;
  /**
   * The address invited. Whether it has an account is never said: accept
   * while signed in as it, or, if it has none, create it with a name and password.
   * @example grace@example.com
   */
  email: string;
}

export class AcceptInvitationRequest {
  /** For a new account: the name to show. Defaults to the one the inviter gave. @example "Grace Hopper" */
  @IsOptional()
  @IsDisplayName()
  name?: string;

  /** For a new account: its password, 12 to 256 characters. Not needed when signed in as the account invited. @example correct-horse-battery-staple */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long` })
  password?: string;
}

export class AcceptedOrganization {
  /** @example 0b7e5a6c-3f1d-4c2a-9e8b-5d4f3a2b1c0d */
  id: string;
  /** @example "Acme Corp" */
  name: string;
}

export class InvitationAcceptedResponse extends AccessTokenResponse {
  /** The organization just joined. */
  organization: AcceptedOrganization;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { AccessTokenResponse } from '../../auth/dto/login.dto';
import { IsDisplayName, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../common/validators';
import { RoleRef } from '../../members/dto/member.dto';

export class InvitedBy {
  /** @example 3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a */
  id: string;
  /** @example "Ada Lovelace" */
  name: string;
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
  /** Who invited them; null once that account is gone. */
  invitedBy: InvitedBy | null;
}

export class InvitationCreatedResponse {
  invitation: InvitationResponse;
  /**
   * The invitee's only way in, shown this once: hand it to them (it is also
   * emailed when the server can send email). Single use, valid 7 days.
   * @example https://keys.example.com/invite/tptm_inv_4Fq7vR2mK9pL4wN8tXq7vR2mK9pL4wN8
   */
  inviteUrl: string;
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
  /** The address invited. @example grace@example.com */
  email: string;
  /**
   * Whether that address has an account: if so, accept while signed in as
   * it; if not, accepting creates it with a name and password.
   */
  accountExists: boolean;
}

export class AcceptInvitationRequest {
  /** For a new account: the name to show. Defaults to the one the inviter gave. @example "Grace Hopper" */
  @IsOptional()
  @IsDisplayName()
  name?: string;

  /** For a new account: its password, 12 to 256 characters. Ignored for an existing account. @example correct-horse-battery-staple */
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

import { InvitationStatus, type InvitationResponse } from '@tptm/sdk';

/** Whether the invitation's link has run out; it stays listed until renewed or revoked. */
export function isExpired(invitation: InvitationResponse): boolean {
  return invitation.status === InvitationStatus.EXPIRED;
}

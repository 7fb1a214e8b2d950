import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { InvitationResponse, MemberResponse, RoleResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { CurrentUser, loadPerOrganization } from '../core/session/current-user';
import { ConfirmDialog, ConfirmDialogData } from '../shared/confirm-dialog';
import { CursorList } from '../shared/cursor-list';
import { ErrorState } from '../shared/error-state';
import { ListCard } from '../shared/list-card';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { AddMemberDialog, AddMemberDialogData } from './add-member.dialog';
import { EditRolesDialog, EditRolesDialogData } from './edit-roles.dialog';
import { isExpired } from './invitations';
import { RenewInvitationDialog, RenewInvitationDialogData } from './renew-invitation.dialog';

/** Admin ▸ Members: who belongs to the organization, with which roles, and who is invited to. */
@Component({
  selector: 'app-members-page',
  imports: [
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatTableModule,
    MatTooltipModule,
    ErrorState,
    ListCard,
    LocalDatePipe,
  ],
  templateUrl: './members.page.html',
  styles: `
    .invitations {
      margin-top: 2.5rem;
    }
    h2 {
      margin: 0 0 0.25rem;
      font: var(--mat-sys-title-large);
    }
    .invitations > p {
      margin: 0 0 1rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .badge.expired {
      margin-inline-start: 0;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MembersPage {
  private readonly client = inject(TPTM_CLIENT);
  protected readonly user = inject(CurrentUser);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['name', 'email', 'roles', 'joinedAt', 'actions'];
  protected readonly members = CursorList.whole(() => this.client.members.listMembers({ orgId: this.user.organizationId() }));
  /** The roles a member can be given, for the add and change dialogs. */
  protected readonly assignableRoles = CursorList.whole(() => this.client.roles.listRoles({ orgId: this.user.organizationId() }));
  protected readonly invitationColumns = ['email', 'roles', 'invitedBy', 'expiresAt', 'actions'];
  protected readonly invitations = CursorList.whole(() => this.client.members.listInvitations({ orgId: this.user.organizationId() }));
  protected readonly isExpired = isExpired;
  /** Where focus goes once a revoked invitation's row, and the button that had focus, are gone. */
  private readonly invitationsHeading = viewChild.required<ElementRef<HTMLElement>>('invitationsHeading');

  constructor() {
    loadPerOrganization(() => {
      void this.members.reload();
      void this.assignableRoles.reload();
      void this.invitations.reload();
    });
  }

  /** Keeps a renewed invitation's row, and the focus on its button, instead of drawing a new one. */
  protected byId(_index: number, invitation: InvitationResponse): string {
    return invitation.id;
  }

  protected add(roles: RoleResponse[]): void {
    this.dialog
      .open<AddMemberDialog, AddMemberDialogData, InvitationResponse>(AddMemberDialog, {
        data: { organizationId: this.user.organizationId(), roles },
        width: '36rem',
      })
      .afterClosed()
      .subscribe((invitation) => {
        if (!invitation) return;
        // A new invitation to the same address replaces the one before.
        this.invitations.remove((item) => item.email === invitation.email);
        this.invitations.prepend(invitation);
        this.snackBar.open(`${invitation.email} invited`, undefined, { duration: 4000 });
      });
  }

  protected renew(invitation: InvitationResponse): void {
    this.dialog
      .open<RenewInvitationDialog, RenewInvitationDialogData, InvitationResponse>(RenewInvitationDialog, {
        data: { organizationId: this.user.organizationId(), invitation },
        width: '36rem',
      })
      .afterClosed()
      .subscribe((renewed) => {
        if (!renewed) return;
        this.invitations.items.update((items) => items.map((item) => (item.id === renewed.id ? renewed : item)));
        this.snackBar.open(`Invitation for ${renewed.email} renewed`, undefined, { duration: 4000 });
      });
  }

  protected revoke(invitation: InvitationResponse): void {
    const organizationId = this.user.organizationId();
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: 'Revoke invitation',
          message: 'This invitation will be revoked:',
          subject: invitation.email,
          warning: 'Its link stops working immediately. To invite them again, add them as a member again.',
          confirmLabel: 'Revoke',
          action: () => this.client.members.revokeInvitation({ orgId: organizationId, invitationId: invitation.id }),
        },
        width: '32rem',
      })
      .afterClosed()
      .subscribe((revoked) => {
        if (!revoked) return;
        this.invitations.remove((item) => item.id === invitation.id);
        this.invitationsHeading().nativeElement.focus();
        this.snackBar.open(`Invitation for ${invitation.email} revoked`, undefined, { duration: 4000 });
      });
  }

  protected editRoles(member: MemberResponse, roles: RoleResponse[]): void {
    this.dialog
      .open<EditRolesDialog, EditRolesDialogData, MemberResponse>(EditRolesDialog, {
        data: { organizationId: this.user.organizationId(), member, roles },
        width: '36rem',
      })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.members.items.update((items) => items.map((item) => (item.id === updated.id ? updated : item)));
        this.snackBar.open(`Roles of ${updated.name} saved`, undefined, { duration: 4000 });
        if (updated.id === this.user.me()?.id) void this.user.refresh();
      });
  }

  protected remove(member: MemberResponse): void {
    const organization = this.user.organization();
    const organizationId = this.user.organizationId();
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: 'Remove member',
          message: `This member will be removed from ${organization?.name ?? 'the organization'}:`,
          subject: `${member.name} (${member.email})`,
          warning: 'They lose access to this organization immediately, including any API key management.',
          confirmLabel: 'Remove',
          action: () => this.client.members.removeMember({ orgId: organizationId, userId: member.id }),
        },
        width: '32rem',
      })
      .afterClosed()
      .subscribe((removed) => {
        if (!removed) return;
        this.members.remove((item) => item.id === member.id);
        this.snackBar.open(`${member.name} removed`, undefined, { duration: 4000 });
        if (member.id === this.user.me()?.id) void this.user.refresh();
      });
  }
}

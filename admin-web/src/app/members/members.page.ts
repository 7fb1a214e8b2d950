import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { MemberResponse, RoleResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { CurrentUser, loadPerOrganization } from '../core/session/current-user';
import { ConfirmDialog, ConfirmDialogData } from '../shared/confirm-dialog';
import { CursorList } from '../shared/cursor-list';
import { ErrorState } from '../shared/error-state';
import { ListCard } from '../shared/list-card';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { AddMemberDialog, AddMemberDialogData } from './add-member.dialog';
import { EditRolesDialog, EditRolesDialogData } from './edit-roles.dialog';

/** Admin ▸ Members: who belongs to the organization, and with which roles. */
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

  constructor() {
    loadPerOrganization(() => {
      void this.members.reload();
      void this.assignableRoles.reload();
    });
  }

  protected add(roles: RoleResponse[]): void {
    this.dialog
      .open<AddMemberDialog, AddMemberDialogData, MemberResponse>(AddMemberDialog, {
        data: { organizationId: this.user.organizationId(), roles },
        width: '36rem',
      })
      .afterClosed()
      .subscribe((member) => {
        if (!member) return;
        this.members.prepend(member);
        this.snackBar.open(`${member.name} added`, undefined, { duration: 4000 });
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

import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { MemberResponse, RoleResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { ApiErrors, Failure } from '../core/errors/api-errors';
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
  private readonly errors = inject(ApiErrors);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['name', 'email', 'roles', 'joinedAt', 'actions'];
  protected readonly members = new CursorList<MemberResponse>(async () => ({
    items: (await this.client.members.listMembers({ orgId: this.user.organizationId() })).items,
    nextCursor: null,
  }));
  /** The roles a member can be given, for the add and change dialogs. */
  protected readonly roles = signal<RoleResponse[] | null>(null);
  protected readonly rolesFailure = signal<Failure | null>(null);

  constructor() {
    loadPerOrganization(() => {
      void this.members.reload();
      void this.loadRoles();
    });
  }

  protected async loadRoles(): Promise<void> {
    this.roles.set(null);
    this.rolesFailure.set(null);
    try {
      this.roles.set((await this.client.roles.listRoles({ orgId: this.user.organizationId() })).items);
    } catch (error) {
      this.rolesFailure.set(this.errors.handle(error));
    }
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

import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Permission, RoleResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { CurrentUser, loadPerOrganization } from '../core/session/current-user';
import { ConfirmDialog, ConfirmDialogData } from '../shared/confirm-dialog';
import { CursorList } from '../shared/cursor-list';
import { ErrorState } from '../shared/error-state';
import { ListCard } from '../shared/list-card';
import { RoleEditorDialog, RoleEditorDialogData } from './role-editor.dialog';

/** Admin ▸ Roles & Permissions: the organization's roles and what each grants. */
@Component({
  selector: 'app-roles-page',
  imports: [
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatTableModule,
    MatTooltipModule,
    ErrorState,
    ListCard,
  ],
  templateUrl: './roles.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RolesPage {
  private readonly client = inject(TPTM_CLIENT);
  private readonly user = inject(CurrentUser);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['name', 'description', 'permissions', 'members', 'actions'];
  protected readonly roles = CursorList.whole(() => this.client.roles.listRoles({ orgId: this.user.organizationId() }));
  /** The permission catalog, for display names ("Key: Manage") and the editor's checkboxes. */
  protected readonly catalog = CursorList.whole(() => this.client.permissions.listPermissions());
  private readonly names = computed(() => new Map(this.catalog.items().map((p) => [p.id, p.name])));

  constructor() {
    loadPerOrganization(() => this.roles.reload());
    void this.catalog.reload();
  }

  protected permissionName(permission: Permission): string {
    return this.names().get(permission) ?? permission;
  }

  protected create(): void {
    this.openEditor(undefined);
  }

  protected edit(role: RoleResponse): void {
    this.openEditor(role);
  }

  protected delete(role: RoleResponse): void {
    const organizationId = this.user.organizationId();
    const holders =
      role.memberCount === 0
        ? 'No member holds this role.'
        : `${role.memberCount} ${role.memberCount === 1 ? 'member holds' : 'members hold'} this role and will lose its permissions immediately.`;
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: 'Delete role',
          message: 'This role will be permanently deleted:',
          subject: role.name,
          warning: `${holders} This cannot be undone.`,
          confirmLabel: 'Delete',
          action: () => this.client.roles.deleteRole({ orgId: organizationId, roleId: role.id }),
        },
        width: '32rem',
      })
      .afterClosed()
      .subscribe((deleted) => {
        if (!deleted) return;
        this.roles.remove((item) => item.id === role.id);
        this.snackBar.open(`Role "${role.name}" deleted`, undefined, { duration: 4000 });
        void this.user.refresh();
      });
  }

  private openEditor(role: RoleResponse | undefined): void {
    this.dialog
      .open<RoleEditorDialog, RoleEditorDialogData, RoleResponse>(RoleEditorDialog, {
        data: { organizationId: this.user.organizationId(), catalog: this.catalog.items(), role },
        width: '36rem',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.snackBar.open(`Role "${saved.name}" ${role ? 'saved' : 'created'}`, undefined, { duration: 4000 });
        void this.roles.reload();
        // Editing a role the user holds changes what the sidebar may show.
        void this.user.refresh();
      });
  }
}

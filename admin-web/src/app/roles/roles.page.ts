import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { Permission, type RoleResponse } from '@tptm/sdk';
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
  imports: [RouterLink, MatButtonModule, MatIconModule, MatTableModule, MatTooltipModule, ErrorState, ListCard],
  templateUrl: './roles.page.html',
  styles: `
    .role-name {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      overflow-wrap: anywhere;
    }
    .role-name .badge {
      margin-inline-start: 0;
    }
    /* Fixed widths, so that the columns do not jump when a role gains permissions. */
    @media (min-width: 600px) {
      table {
        min-width: 48rem;
      }
      .mat-column-name {
        width: 13rem;
      }
      .mat-column-members {
        width: 8rem;
      }
      .mat-column-actions {
        width: 7rem;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RolesPage {
  private readonly client = inject(TPTM_CLIENT);
  protected readonly user = inject(CurrentUser);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['name', 'description', 'permissions', 'members', 'actions'];
  protected readonly roles = CursorList.whole(() => this.client.roles.listRoles({ orgId: this.user.organizationId() }));
  /** The permission catalog, for display names ("Key: Manage") and the editor's checkboxes. */
  protected readonly catalog = CursorList.whole(() => this.client.permissions.listPermissions());
  private readonly names = computed(() => new Map(this.catalog.items().map((p) => [p.id, p.name])));
  /** Each permission's place in the catalog: chips follow the order of the role dialog's checkboxes. */
  private readonly catalogOrder = computed(() => new Map(this.catalog.items().map((p, index) => [p.id, index])));
  /** Whether a member count may link to those members: only for those who may see the Members page. */
  protected readonly canSeeMembers = computed(() => this.user.permissions().has(Permission.MEMBER_MANAGE));
  /** The role created last on this page, highlighted so that it can be found. */
  protected readonly createdId = signal<string | null>(null);
  private readonly rolesCard = viewChild.required<ListCard>('rolesCard');
  private readonly createButton = viewChild.required('createButton', { read: ElementRef<HTMLButtonElement> });

  constructor() {
    loadPerOrganization(() => this.roles.reload());
    void this.catalog.reload();
  }

  protected permissionName(permission: Permission): string {
    return this.names().get(permission) ?? permission;
  }

  /** A role's permissions in catalog order; any the catalog lacks go last. */
  protected ordered(permissions: Permission[]): Permission[] {
    const order = this.catalogOrder();
    const place = (p: Permission) => order.get(p) ?? Number.MAX_SAFE_INTEGER;
    return [...permissions].sort((a, b) => place(a) - place(b));
  }

  /** Keeps each row, and the focus on its buttons, when the list is read again. */
  protected byId(_index: number, role: RoleResponse): string {
    return role.id;
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
        const index = this.roles.items().findIndex((item) => item.id === role.id);
        this.roles.remove((item) => item.id === role.id);
        // The built-in roles always remain, so there is a next row.
        this.rolesCard().focusRow(index, () => this.createButton().nativeElement);
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
        if (!role) this.createdId.set(saved.id);
        // Read again for the member counts; then focus goes to the saved role's row, new or edited.
        void this.roles.reload().then(() => {
          const index = this.roles.items().findIndex((item) => item.id === saved.id);
          if (index !== -1) this.rolesCard().focusRow(index);
        });
        // Editing a role the user holds changes what the sidebar may show.
        void this.user.refresh();
      });
  }
}

import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { InvitationResponse, MemberResponse, RoleResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { CurrentUser, loadPerOrganization } from '../core/session/current-user';
import { ConfirmDialog, ConfirmDialogData } from '../shared/confirm-dialog';
import { CursorList } from '../shared/cursor-list';
import { ErrorState } from '../shared/error-state';
import { ListCard } from '../shared/list-card';
import { RelativeTime } from '../shared/relative-time';
import { AddMemberDialog, AddMemberDialogData } from './add-member.dialog';
import { EditRolesDialog, EditRolesDialogData } from './edit-roles.dialog';
import { isExpired } from './invitations';
import { injectKeysWithPermissionsCreatedBy, keysNote } from './keys-they-created';
import { isLastOwner, LAST_OWNER_REASON, ownerRoleId } from './owners';
import { RenewInvitationDialog, RenewInvitationDialogData } from './renew-invitation.dialog';

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Admin ▸ Members: who belongs to the organization, with which roles, and who is invited to. */
@Component({
  selector: 'app-members-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatSortModule, MatTableModule, MatTooltipModule, ErrorState, ListCard, RelativeTime],
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
    .role-filter {
      align-items: center;
      margin-bottom: 1rem;
    }
    .role-filter a {
      margin-inline-start: auto;
    }
    .email {
      overflow-wrap: anywhere;
    }
    /* Fixed widths, so that the columns do not jump as roles change or a name is long. */
    @media (min-width: 600px) {
      table {
        min-width: 48rem;
      }
      .mat-column-joinedAt,
      .mat-column-expiresAt {
        width: 8.5rem;
      }
      .mat-column-actions {
        width: 7rem;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MembersPage {
  private readonly client = inject(TPTM_CLIENT);
  protected readonly user = inject(CurrentUser);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly keysWithPermissionsCreatedBy = injectKeysWithPermissionsCreatedBy();

  /** Query parameter: only the members holding this role, as the Roles page links them. */
  readonly role = input<string>();

  protected readonly columns = ['name', 'email', 'roles', 'joinedAt', 'actions'];
  protected readonly members = CursorList.whole(() => this.client.members.listMembers({ orgId: this.user.organizationId() }));
  /** The roles a member can be given, for the add and change dialogs. */
  protected readonly assignableRoles = CursorList.whole(() => this.client.roles.listRoles({ orgId: this.user.organizationId() }));
  protected readonly invitationColumns = ['email', 'roles', 'invitedBy', 'expiresAt', 'actions'];
  protected readonly invitations = CursorList.whole(() => this.client.members.listInvitations({ orgId: this.user.organizationId() }));
  protected readonly isExpired = isExpired;
  protected readonly lastOwnerReason = LAST_OWNER_REASON;
  /** Sorted by name unless the user sorts otherwise, in the browser: the API sends every member at once. */
  protected readonly sort = signal<Sort>({ active: 'name', direction: 'asc' });
  /** The role the list is narrowed to, once the roles are known; an unknown id narrows nothing. */
  protected readonly filterRole = computed(() => this.assignableRoles.items().find((role) => role.id === this.role()) ?? null);
  protected readonly shownMembers = computed(() => {
    const role = this.filterRole();
    const members = role ? this.members.items().filter((m) => m.roles.some((r) => r.id === role.id)) : this.members.items();
    const { active, direction } = this.sort();
    const order = direction === 'desc' ? -1 : 1;
    const compare =
      active === 'joinedAt'
        ? (a: MemberResponse, b: MemberResponse) => Date.parse(a.joinedAt) - Date.parse(b.joinedAt)
        : (a: MemberResponse, b: MemberResponse) => byName.compare(a.name, b.name);
    return [...members].sort((a, b) => order * compare(a, b));
  });
  private readonly ownerId = computed(() => ownerRoleId(this.assignableRoles.items()));
  /** The invitation made last on this page, highlighted so that it can be found. */
  protected readonly invitedId = signal<string | null>(null);

  private readonly membersCard = viewChild.required<ListCard>('membersCard');
  private readonly invitationsCard = viewChild.required<ListCard>('invitationsCard');
  /** Where focus goes once the last row of a table, and the button that had focus, are gone. */
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  private readonly invitationsHeading = viewChild.required<ElementRef<HTMLElement>>('invitationsHeading');

  constructor() {
    loadPerOrganization(() => {
      void this.members.reload();
      void this.assignableRoles.reload();
      void this.invitations.reload();
    });
  }

  /** Keeps each row, and the focus on its buttons, when the row's data is replaced. */
  protected byId(_index: number, item: { id: string }): string {
    return item.id;
  }

  protected isSelf(member: MemberResponse): boolean {
    return member.id === this.user.me()?.id;
  }

  /** The only Owner: their Remove is disabled, with the reason, rather than refused after the click. */
  protected isLastOwner(member: MemberResponse): boolean {
    return isLastOwner(member, this.members.items(), this.ownerId());
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
        this.invitedId.set(invitation.id);
        this.invitationsCard().focusRow(0);
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
        const index = this.invitations.items().findIndex((item) => item.id === invitation.id);
        this.invitations.remove((item) => item.id === invitation.id);
        this.invitationsCard().focusRow(index, () => this.invitationsHeading().nativeElement);
        this.snackBar.open(`Invitation for ${invitation.email} revoked`, undefined, { duration: 4000 });
      });
  }

  protected editRoles(member: MemberResponse, roles: RoleResponse[]): void {
    this.dialog
      .open<EditRolesDialog, EditRolesDialogData, MemberResponse>(EditRolesDialog, {
        data: { organizationId: this.user.organizationId(), member, roles, lastOwner: this.isLastOwner(member) },
        width: '36rem',
      })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        const before = this.shownMembers().findIndex((item) => item.id === updated.id);
        this.members.items.update((items) => items.map((item) => (item.id === updated.id ? updated : item)));
        // Its row stays (tracked by id) unless the role filter now leaves it out; then the row in its place.
        const after = this.shownMembers().findIndex((item) => item.id === updated.id);
        this.membersCard().focusRow(after === -1 ? before : after, () => this.heading().nativeElement);
        this.snackBar.open(this.isSelf(updated) ? 'Your roles saved' : `Roles of ${updated.name} saved`, undefined, { duration: 4000 });
        if (this.isSelf(updated)) void this.user.refresh();
      });
  }

  protected async remove(member: MemberResponse): Promise<void> {
    // The button stays focusable while disabled, for its reason, and so still reports clicks.
    if (this.isLastOwner(member)) return;
    const organization = this.user.organization()?.name ?? 'the organization';
    const organizationId = this.user.organizationId();
    const self = this.isSelf(member);
    const keys = keysNote(await this.keysWithPermissionsCreatedBy(member.id), self ? 'you' : 'they');
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: self
          ? {
              title: 'Remove yourself',
              message: `You will be removed from ${organization}:`,
              subject: `You (${member.email})`,
              warning: `You lose access to ${organization} immediately. To come back, someone who manages its members must invite you again.${keys}`,
              confirmLabel: 'Remove yourself',
              action: () => this.client.members.removeMember({ orgId: organizationId, userId: member.id }),
            }
          : {
              title: 'Remove member',
              message: `This member will be removed from ${organization}:`,
              subject: `${member.name} (${member.email})`,
              warning: `They lose access to this organization immediately, including any API key management.${keys}`,
              confirmLabel: 'Remove',
              action: () => this.client.members.removeMember({ orgId: organizationId, userId: member.id }),
            },
        width: '32rem',
      })
      .afterClosed()
      .subscribe((removed) => {
        if (!removed) return;
        const index = this.shownMembers().findIndex((item) => item.id === member.id);
        this.members.remove((item) => item.id === member.id);
        this.snackBar.open(self ? `You left ${organization}` : `${member.name} removed`, undefined, { duration: 4000 });
        if (self) {
          // Without this membership the page shows another organization, or none: its heading is where reading starts.
          void this.user.refresh().then(() => this.heading().nativeElement.focus());
          return;
        }
        this.membersCard().focusRow(index, () => this.heading().nativeElement);
      });
  }

  protected sortBy(sort: Sort): void {
    this.sort.set(sort);
  }
}

import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MemberResponse, RoleResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { Submission } from '../shared/submission';
import { LAST_OWNER_REASON, ownerRoleId } from './owners';
import { chosenRoleIds, RoleCheckboxes, roleChoices } from './role-checkboxes';

export interface EditRolesDialogData {
  organizationId: string;
  member: MemberResponse;
  roles: RoleResponse[];
  /** The member is the organization's only Owner: the Owner box is locked, with the reason, instead of a refusal after Save. */
  lastOwner?: boolean;
}

/** Change a member's roles; the API's refusals (the last Owner, granting more than you hold) are shown here. */
@Component({
  selector: 'app-edit-roles-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule, MatProgressBarModule, RoleCheckboxes],
  template: `
    <h2 mat-dialog-title>Change roles</h2>
    <mat-dialog-content>
      <p>
        Roles of <strong>{{ data.member.name }}</strong> ({{ data.member.email }}). Changes take effect on their next request.
      </p>
      <app-role-checkboxes [choices]="roles" />
      @if (submission.error(); as error) {
        <p class="callout error" role="alert">
          <mat-icon aria-hidden="true">error</mat-icon>
          <span>{{ error }}</span>
        </p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" (click)="save()" [disabled]="submission.submitting()">Save</button>
    </mat-dialog-actions>
    @if (submission.submitting()) {
      <mat-progress-bar mode="indeterminate" aria-label="Saving roles" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditRolesDialog {
  protected readonly data = inject<EditRolesDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<EditRolesDialog, MemberResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  private readonly ownerId = ownerRoleId(this.data.roles);
  protected readonly roles = roleChoices(
    this.data.roles,
    new Set(this.data.member.roles.map((role) => role.id)),
    new Map(this.data.lastOwner && this.ownerId ? [[this.ownerId, LAST_OWNER_REASON]] : []),
  );
  protected readonly submission = new Submission();

  protected save(): Promise<void> {
    return this.submission.run(async () => {
      const member = await this.client.members.setMemberRoles({
        orgId: this.data.organizationId,
        userId: this.data.member.id,
        requestBody: { roleIds: chosenRoleIds(this.roles) },
      });
      this.dialogRef.close(member);
    });
  }
}

import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { FIELD_LIMITS, type InvitationCreatedResponse, type InvitationResponse, type RoleResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { Submission } from '../shared/submission';
import { notBlank } from '../shared/validators';
import { InvitationLink } from './invitation-link';
import { chosenRoleIds, RoleCheckboxes, roleChoices } from './role-checkboxes';

export interface AddMemberDialogData {
  organizationId: string;
  roles: RoleResponse[];
}

/**
 * Add a member by email: an invitation, whose link the server emails to that
 * address, or, when it sends no email, is shown here once like a new API
 * key. Nobody learns or sets the invitee's password; holding the link is how
 * they prove the address is theirs. Closes with the invitation only, never
 * its link.
 */
@Component({
  selector: 'app-add-member-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    InvitationLink,
    RoleCheckboxes,
  ],
  templateUrl: './add-member.dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddMemberDialog {
  protected readonly data = inject<AddMemberDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<AddMemberDialog, InvitationResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  private readonly limits = FIELD_LIMITS.AddMemberRequest;
  protected readonly nameMaxLength = this.limits.name.maxLength;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(this.limits.email.maxLength)]],
    name: ['', [Validators.required, notBlank, Validators.maxLength(this.nameMaxLength)]],
  });
  protected readonly roles = roleChoices(
    this.data.roles,
    new Set(this.data.roles.filter((role) => role.name === 'Member' && role.builtIn).map((role) => role.id)),
  );
  protected readonly submission = new Submission(this.form);
  /** Held from Invite until Done, and only here. */
  protected readonly invited = signal<InvitationCreatedResponse | null>(null);

  protected async add(): Promise<void> {
    await this.submission.run(async () => {
      const invited = await this.client.members.addMember({
        orgId: this.data.organizationId,
        requestBody: {
          email: this.form.controls.email.value.trim(),
          name: this.form.controls.name.value.trim(),
          roleIds: chosenRoleIds(this.roles),
        },
      });
      // Closing by accident (Escape, a click outside) would lose the only copy of the link, or the page's news of the invitation.
      this.dialogRef.disableClose = true;
      this.invited.set(invited);
    });
  }

  protected done(): void {
    const invited = this.invited();
    this.invited.set(null);
    if (invited) this.dialogRef.close(invited.invitation);
  }
}

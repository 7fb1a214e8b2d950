import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AddedMemberResponse, MemberResponse, RoleResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { SecretReveal } from '../shared/secret-reveal';
import { Submission } from '../shared/submission';
import { notBlank } from '../shared/validators';
import { chosenRoleIds, RoleCheckboxes, roleChoices } from './role-checkboxes';

export interface AddMemberDialogData {
  organizationId: string;
  roles: RoleResponse[];
}

/**
 * Add a member by email. A person without an account gets one with a
 * temporary password, shown here once like a new API key; the dialog closes
 * with the member only, never the password.
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
    RoleCheckboxes,
    SecretReveal,
  ],
  templateUrl: './add-member.dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddMemberDialog {
  protected readonly data = inject<AddMemberDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<AddMemberDialog, MemberResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    name: ['', [Validators.required, notBlank, Validators.maxLength(100)]],
  });
  protected readonly roles = roleChoices(
    this.data.roles,
    new Set(this.data.roles.filter((role) => role.name === 'Member' && role.builtIn).map((role) => role.id)),
  );
  protected readonly submission = new Submission(this.form);
  /** Held from Add until Done, and only here. */
  protected readonly added = signal<AddedMemberResponse | null>(null);

  protected async add(): Promise<void> {
    await this.submission.run(async () => {
      const added = await this.client.members.addMember({
        orgId: this.data.organizationId,
        requestBody: {
          email: this.form.controls.email.value.trim(),
          name: this.form.controls.name.value.trim(),
          roleIds: chosenRoleIds(this.roles),
        },
      });
      if (added.temporaryPassword) {
        this.dialogRef.disableClose = true;
        this.added.set(added);
      } else {
        this.close(added);
      }
    });
  }

  protected done(): void {
    const added = this.added();
    this.added.set(null);
    if (added) this.close(added);
  }

  private close(added: AddedMemberResponse): void {
    this.dialogRef.close({ id: added.id, email: added.email, name: added.name, roles: added.roles, joinedAt: added.joinedAt });
  }
}

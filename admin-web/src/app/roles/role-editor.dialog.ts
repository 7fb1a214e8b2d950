import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { merge } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { FIELD_LIMITS, type PermissionResponse, type RoleResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { Submission } from '../shared/submission';
import { notBlank } from '../shared/validators';

export interface RoleEditorDialogData {
  organizationId: string;
  catalog: PermissionResponse[];
  /** The custom role to edit; none to create one. */
  role?: RoleResponse;
}

/** Create or edit a custom role: its name, description and permission checkboxes. */
@Component({
  selector: 'app-role-editor-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  templateUrl: './role-editor.dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoleEditorDialog {
  protected readonly data = inject<RoleEditorDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RoleEditorDialog, RoleResponse>>(MatDialogRef);
  private readonly client = inject(TPTM_CLIENT);

  /** What the request this dialog sends accepts: an edit is an UpdateRoleRequest, a new role a CreateRoleRequest. */
  private readonly limits = this.data.role ? FIELD_LIMITS.UpdateRoleRequest : FIELD_LIMITS.CreateRoleRequest;
  protected readonly nameMaxLength = this.limits.name.maxLength;
  protected readonly descriptionMaxLength = this.limits.description.maxLength;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.data.role?.name ?? '', [Validators.required, notBlank, Validators.maxLength(this.nameMaxLength)]],
    description: [this.data.role?.description ?? '', [Validators.maxLength(this.descriptionMaxLength)]],
  });
  /** One checkbox per permission in the catalog. */
  protected readonly choices = this.data.catalog.map((permission) => ({
    permission,
    checked: new FormControl(this.data.role?.permissions.includes(permission.id) ?? false, { nonNullable: true }),
  }));
  protected readonly submission = new Submission(this.form);
  /**
   * Save was pressed with no permission chosen: the dialog says what such a
   * role does (nothing) and asks for a second Save, rather than saving a role
   * that silently grants nothing.
   */
  protected readonly confirmingEmpty = signal(false);

  constructor() {
    merge(...this.choices.map((choice) => choice.checked.valueChanges))
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.confirmingEmpty.set(false));
  }

  protected async save(): Promise<void> {
    if (this.form.valid && !this.confirmingEmpty() && !this.choices.some((choice) => choice.checked.value)) {
      this.confirmingEmpty.set(true);
      return;
    }
    await this.submission.run(async () => {
      const requestBody = {
        name: this.form.controls.name.value.trim(),
        description: this.form.controls.description.value.trim(),
        permissions: this.choices.filter((choice) => choice.checked.value).map((choice) => choice.permission.id),
      };
      const { organizationId, role } = this.data;
      const saved = role
        ? await this.client.roles.updateRole({ orgId: organizationId, roleId: role.id, requestBody })
        : await this.client.roles.createRole({ orgId: organizationId, requestBody });
      this.dialogRef.close(saved);
    });
  }
}

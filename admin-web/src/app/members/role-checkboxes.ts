import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { RoleResponse } from '@tptm/sdk';

export interface RoleChoice {
  role: RoleResponse;
  checked: FormControl<boolean>;
}

export function roleChoices(roles: RoleResponse[], held: ReadonlySet<string>): RoleChoice[] {
  return roles.map((role) => ({ role, checked: new FormControl(held.has(role.id), { nonNullable: true }) }));
}

export function chosenRoleIds(choices: RoleChoice[]): string[] {
  return choices.filter((choice) => choice.checked.value).map((choice) => choice.role.id);
}

/** The organization's roles as checkboxes, each with what it is for. */
@Component({
  selector: 'app-role-checkboxes',
  imports: [ReactiveFormsModule, MatCheckboxModule],
  template: `
    <fieldset class="checklist">
      <legend>Roles</legend>
      @for (choice of choices(); track choice.role.id) {
        <mat-checkbox [formControl]="choice.checked">
          {{ choice.role.name }}
          @if (choice.role.description) {
            <span class="description">{{ choice.role.description }}</span>
          }
        </mat-checkbox>
      }
    </fieldset>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoleCheckboxes {
  readonly choices = input.required<RoleChoice[]>();
}

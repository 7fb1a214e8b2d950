import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { RoleResponse } from '@tptm/sdk';

export interface RoleChoice {
  role: RoleResponse;
  checked: FormControl<boolean>;
  /** Why this box can't be changed, shown under it; the box is disabled. */
  locked?: string;
}

/** One checkbox per role, ticked for those held; `locked` names roles that must stay as they are, and why. */
export function roleChoices(roles: RoleResponse[], held: ReadonlySet<string>, locked: ReadonlyMap<string, string> = new Map()): RoleChoice[] {
  return roles.map((role) => {
    const reason = locked.get(role.id);
    const checked = new FormControl({ value: held.has(role.id), disabled: reason !== undefined }, { nonNullable: true });
    return reason === undefined ? { role, checked } : { role, checked, locked: reason };
  });
}

export function chosenRoleIds(choices: RoleChoice[]): string[] {
  return choices.filter((choice) => choice.checked.value).map((choice) => choice.role.id);
}

/** The organization's roles as checkboxes, each with what it is for, or why it can't be changed. */
@Component({
  selector: 'app-role-checkboxes',
  imports: [ReactiveFormsModule, MatCheckboxModule],
  template: `
    <fieldset class="checklist">
      <legend>Roles</legend>
      @for (choice of choices(); track choice.role.id) {
        <mat-checkbox [formControl]="choice.checked">
          {{ choice.role.name }}
          @if (choice.locked) {
            <span class="description">{{ choice.locked }}</span>
          } @else if (choice.role.description) {
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

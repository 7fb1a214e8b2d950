import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { Permission } from '@tptm/sdk';
import { PermissionCatalog, permissionNames } from './permission-catalog';

/** What a key may do: "Integration only", or its permissions' names as tags (not buttons: they do nothing). */
@Component({
  selector: 'app-key-permissions',
  template: `
    @if (names().length) {
      <ul class="tags" [attr.aria-label]="'Permissions of ' + keyName()">
        @for (name of names(); track name) {
          <li>{{ name }}</li>
        }
      </ul>
    } @else {
      <span class="muted">Integration only</span>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeyPermissions {
  private readonly catalog = inject(PermissionCatalog);

  readonly permissions = input.required<Permission[]>();
  /** Names the list for screen readers, which otherwise hear a list of names with no owner in a table row. */
  readonly keyName = input.required<string>();

  protected readonly names = computed(() => permissionNames(this.catalog.items(), this.permissions()));

  constructor() {
    void this.catalog.load();
  }
}

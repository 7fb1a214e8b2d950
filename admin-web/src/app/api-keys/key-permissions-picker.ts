import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatRadioModule } from '@angular/material/radio';
import type { Permission } from '@tptm/sdk';
import { map, startWith, switchMap } from 'rxjs';
import { CurrentUser } from '../core/session/current-user';
import { PermissionCatalog } from './permission-catalog';

type Mode = 'integration' | 'chosen';

/**
 * A key's permissions: *Integration only* or a chosen set. It offers what
 * the API would accept: permissions a key may hold (never Key: Manage) that
 * the user holds too. A permission the key has but the user lacks stays
 * listed, so that it can be taken away (always allowed), with a note that it
 * can't be given back. Writes the whole set into `control`, sorted; the API's
 * refusal of `permissions` lands on that control.
 */
@Component({
  selector: 'app-key-permissions-picker',
  imports: [MatButtonModule, MatCheckboxModule, MatRadioModule],
  template: `
    <fieldset class="checklist">
      <legend id="permissions-legend">Permissions</legend>
      <mat-radio-group aria-labelledby="permissions-legend" [value]="mode()" (change)="setMode($event.value)">
        <mat-radio-button value="integration">
          Integration only
          <span class="description">The key proves who it is and calls integration routes; nothing else.</span>
        </mat-radio-button>
        <mat-radio-button value="chosen" [disabled]="choices().length === 0">
          Choose permissions
          <span class="description">
            @if (catalog.items().length && choices().length === 0) {
              You hold no permission that a key may have.
            } @else {
              The key may do what these permissions allow, as a member holding them would.
            }
          </span>
        </mat-radio-button>
      </mat-radio-group>
      @if (catalog.failed()) {
        <p class="callout error" role="alert">
          <span>Could not load the list of permissions.</span>
          <button mat-button type="button" (click)="catalog.load()">Try again</button>
        </p>
      }
      @if (mode() === 'chosen') {
        <div class="choices" role="group" aria-label="Permissions the key may hold">
          @for (choice of choices(); track choice.id) {
            <mat-checkbox [checked]="chosen().has(choice.id)" (change)="toggle(choice.id, $event.checked)">
              {{ choice.name }}
              <span class="description">{{ choice.description }}</span>
              @if (!choice.held) {
                <span class="description">You don't hold this permission: once removed, you can't give it back.</span>
              }
            </mat-checkbox>
          }
        </div>
        @if (chosen().size === 0) {
          <p class="description">With none ticked, the key is integration only.</p>
        }
      }
      @if (serverError(); as error) {
        <p class="error-text" role="alert">Permissions {{ error }}</p>
      }
    </fieldset>
  `,
  styles: `
    mat-radio-button {
      display: block;
    }
    .choices {
      margin: 0.25rem 0 0 2rem;
    }
    .error-text {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeyPermissionsPicker {
  protected readonly catalog = inject(PermissionCatalog);
  private readonly user = inject(CurrentUser);

  /** The key's permissions: the current set going in, the chosen set coming out. */
  readonly control = input.required<FormControl<Permission[]>>();

  private readonly initial = computed(() => new Set(this.control().value));
  /** The ticked boxes, kept while *Integration only* is chosen so that switching back restores them. */
  protected readonly chosen = linkedSignal(() => new Set(this.initial()));
  protected readonly mode = linkedSignal<Mode>(() => (this.initial().size ? 'chosen' : 'integration'));
  protected readonly choices = computed(() => {
    const held = this.user.permissions();
    return this.catalog
      .items()
      .filter((p) => p.grantableToApiKeys && (held.has(p.id) || this.initial().has(p.id)))
      .map((p) => ({ ...p, held: held.has(p.id) }));
  });

  /** The API's word on \`permissions\`, set on the control after the view last looked: watched, not read once. */
  protected readonly serverError = toSignal(
    toObservable(this.control).pipe(
      switchMap((control) =>
        control.statusChanges.pipe(
          startWith(null),
          map(() => control.getError('server') as string | null),
        ),
      ),
    ),
  );

  constructor() {
    void this.catalog.load();
  }

  protected setMode(mode: Mode): void {
    this.mode.set(mode);
    this.write();
  }

  protected toggle(permission: Permission, checked: boolean): void {
    const chosen = new Set(this.chosen());
    if (checked) chosen.add(permission);
    else chosen.delete(permission);
    this.chosen.set(chosen);
    this.write();
  }

  private write(): void {
    const value = this.mode() === 'chosen' ? [...this.chosen()].sort() : [];
    this.control().setValue(value);
    this.control().markAsDirty();
  }
}

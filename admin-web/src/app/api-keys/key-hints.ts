import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ApiKeyResponse } from '@tptm/sdk';

const DAY_MS = 86_400_000;
/** A new key gets this long to be put to use before it is pointed out. */
const NEW_KEY_DAYS = 7;
const IDLE_DAYS = 90;

/** What suggests a key may no longer be needed: candidates for deletion, as the user guide advises. */
export function hygieneHints(key: Pick<ApiKeyResponse, 'createdAt' | 'lastUsedAt'>, now = Date.now()): string[] {
  if (key.lastUsedAt === null) {
    return now - Date.parse(key.createdAt) > NEW_KEY_DAYS * DAY_MS ? ['Never used'] : [];
  }
  return now - Date.parse(key.lastUsedAt) >= IDLE_DAYS * DAY_MS ? ['Unused for 90+ days'] : [];
}

/** A key's hygiene hints, as badges on a line of their own under what they qualify. */
@Component({
  selector: 'app-key-hints',
  template: `
    @for (hint of hints(); track hint) {
      <span class="badge hint">{{ hint }}</span>
    }
  `,
  styles: `
    :host:not(:empty) {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-top: 0.25rem;
    }
    .hint {
      margin: 0;
      background: #fff4e5;
      color: #5f3700;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeyHints {
  readonly key = input.required<Pick<ApiKeyResponse, 'createdAt' | 'lastUsedAt'>>();
  protected readonly hints = computed(() => hygieneHints(this.key()));
}

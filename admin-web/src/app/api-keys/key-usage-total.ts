import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { CurrentUser } from '../core/session/current-user';
import { DATE_LOCALE } from '../shared/local-date.pipe';
import { USAGE_DAYS } from './key-usage';

/**
 * A key's requests over the last 30 days, for the keys table, so that idle
 * and busy keys stand out. One usage call per row: a page holds at most 50.
 * A failure shows a dash; the key's page has the details and Try again.
 */
@Component({
  selector: 'app-key-usage-total',
  template: `
    @if (total(); as total) {
      @if (total === 'failed') {
        <span class="muted" title="Could not load the requests">—</span>
      } @else {
        {{ total }}
      }
    } @else {
      <span class="muted">…</span>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeyUsageTotal {
  private readonly client = inject(TPTM_CLIENT);
  private readonly user = inject(CurrentUser);
  private readonly numberFormat = new Intl.NumberFormat(inject(DATE_LOCALE));

  readonly keyId = input.required<string>();

  protected readonly total = signal<string | null>(null);

  constructor() {
    effect(() => {
      const keyId = this.keyId();
      untracked(() => void this.load(this.user.organizationId(), keyId));
    });
  }

  private async load(orgId: string, keyId: string): Promise<void> {
    this.total.set(null);
    try {
      const usage = await this.client.apiKeys.getApiKeyUsage({ orgId, keyId, days: USAGE_DAYS });
      if (keyId === this.keyId()) this.total.set(this.numberFormat.format(usage.days.reduce((sum, day) => sum + day.requests, 0)));
    } catch {
      // Not through ApiErrors: fifty rows failing at once must not each refresh the session or /me.
      if (keyId === this.keyId()) this.total.set('failed');
    }
  }
}

import { ChangeDetectionStrategy, Component, effect, inject, input, PendingTasks, signal, untracked } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ApiKeyUsageDay } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { ApiErrors, Failure } from '../core/errors/api-errors';
import { CurrentUser } from '../core/session/current-user';
import { ErrorState } from '../shared/error-state';
import { UsageChart } from './usage-chart';

export const USAGE_DAYS = 30;

/** The key page's **Requests, last 30 days**: its traffic by UTC day, read when the key is shown. */
@Component({
  selector: 'app-key-usage',
  imports: [MatProgressBarModule, ErrorState, UsageChart],
  template: `
    <section aria-labelledby="usage-heading">
      <h2 id="usage-heading">Requests, last {{ days }} days</h2>
      @if (failure(); as failure) {
        <app-error-state title="Could not load the key's requests" [message]="failure.message" (retry)="load()" />
      } @else if (usage(); as usage) {
        <app-usage-chart [days]="usage" />
        <p class="muted note">Days are UTC days; the last few seconds of requests may not show yet.</p>
      } @else {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the key's requests" />
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
      margin: 0 0 2rem;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
    .note {
      margin: 0.5rem 0 0;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeyUsage {
  private readonly client = inject(TPTM_CLIENT);
  private readonly user = inject(CurrentUser);
  private readonly errors = inject(ApiErrors);
  private readonly pendingTasks = inject(PendingTasks);

  readonly keyId = input.required<string>();

  protected readonly days = USAGE_DAYS;
  protected readonly usage = signal<ApiKeyUsageDay[] | null>(null);
  protected readonly failure = signal<Failure | null>(null);

  constructor() {
    effect(() => {
      this.keyId();
      untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    const keyId = this.keyId();
    // Stability (and tests waiting on it) waits for the counts too.
    const done = this.pendingTasks.add();
    this.usage.set(null);
    this.failure.set(null);
    try {
      const usage = await this.client.apiKeys.getApiKeyUsage({ orgId: this.user.organizationId(), keyId, days: USAGE_DAYS });
      if (keyId === this.keyId()) this.usage.set(usage.days);
    } catch (error) {
      if (keyId === this.keyId()) this.failure.set(this.errors.handle(error));
    } finally {
      done();
    }
  }
}

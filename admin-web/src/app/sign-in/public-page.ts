import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';

/**
 * The frame of the pages reached without the console around them (sign-in,
 * an invitation, a password reset): one card with the brand and the heading,
 * and the page's own content inside.
 */
@Component({
  selector: 'app-public-page',
  imports: [MatCardModule, MatProgressBarModule],
  template: `
    <main class="public-page">
      <mat-card appearance="outlined" class="card">
        @if (busy(); as busy) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="busy" />
        }
        <mat-card-content>
          <div class="brand">
            <img src="favicon.svg" alt="" width="40" height="40" />
            <h1>{{ heading() }}</h1>
          </div>
          <ng-content />
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .public-page {
      display: grid;
      place-items: center;
      min-height: 100vh;
      padding: 1rem;
      box-sizing: border-box;
      background: var(--mat-sys-surface-container-low);
    }
    .card {
      width: min(26rem, 100%);
      overflow: hidden;
    }
    .brand {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      margin: 0.5rem 0 1.5rem;
    }
    h1 {
      margin: 0;
      font: var(--mat-sys-headline-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicPage {
  readonly heading = input.required<string>();
  /** While something is under way: what, for the progress bar's label. */
  readonly busy = input<string | null>(null);
}

import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** A load that failed: what went wrong, and a way to try again. */
@Component({
  selector: 'app-error-state',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="error-state" role="alert">
      <mat-icon aria-hidden="true">error</mat-icon>
      <div class="text">
        <p class="title">{{ title() }}</p>
        <p>{{ message() }}</p>
      </div>
      <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
    </div>
  `,
  styles: `
    .error-state {
      display: flex;
      align-items: center;
      gap: 1rem;
      padding: 1rem;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .text {
      flex: 1;
    }
    p {
      margin: 0;
    }
    .title {
      font: var(--mat-sys-title-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorState {
  readonly title = input.required<string>();
  readonly message = input.required<string>();
  readonly retry = output<void>();
}

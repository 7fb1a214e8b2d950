import { ClipboardModule } from '@angular/cdk/clipboard';
import { afterNextRender, ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/**
 * A secret shown once (a new API key, a temporary password): the value, a
 * copy button that says "Copied", and the warning that it cannot be shown again.
 */
@Component({
  selector: 'app-secret-reveal',
  imports: [ClipboardModule, MatButtonModule, MatIconModule],
  template: `
    <p class="label" [id]="labelId">{{ label() }}</p>
    <div class="secret">
      <code class="value" [attr.aria-labelledby]="labelId" data-testid="secret-value">{{ value() }}</code>
      <button
        #copyButton
        mat-stroked-button
        type="button"
        [cdkCopyToClipboard]="value()"
        (cdkCopyToClipboardCopied)="copiedNow($event)"
        [attr.aria-label]="'Copy ' + label()"
      >
        <mat-icon aria-hidden="true">{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
        Copy
      </button>
    </div>
    <p class="status" role="status">
      @if (copied()) {
        Copied
      } @else if (copyFailed()) {
        Could not copy. Select the text and copy it yourself.
      }
    </p>
    <p class="callout warning">
      <mat-icon aria-hidden="true">warning</mat-icon>
      <span>{{ warning() }}</span>
    </p>
  `,
  styles: `
    .label {
      margin: 0 0 0.25rem;
      font: var(--mat-sys-label-large);
    }
    .secret {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.25rem 0.25rem 0.25rem 0.75rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
    .value {
      flex: 1;
      overflow-wrap: anywhere;
      user-select: all;
    }
    .status {
      min-height: 1.25rem;
      margin: 0.25rem 0;
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecretReveal {
  private static nextId = 0;
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  readonly warning = input.required<string>();
  protected readonly labelId = `secret-label-${SecretReveal.nextId++}`;
  protected readonly copied = signal(false);
  protected readonly copyFailed = signal(false);
  private resetTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly copyButton = viewChild.required('copyButton', { read: ElementRef<HTMLButtonElement> });

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.resetTimer));
    // It replaces the form that had focus; copying is the next step, so focus goes there.
    afterNextRender(() => this.copyButton().nativeElement.focus());
  }

  protected copiedNow(succeeded: boolean): void {
    this.copied.set(succeeded);
    this.copyFailed.set(!succeeded);
    clearTimeout(this.resetTimer);
    if (succeeded) this.resetTimer = setTimeout(() => this.copied.set(false), 4000);
  }
}

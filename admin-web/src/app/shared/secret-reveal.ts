import { ClipboardModule } from '@angular/cdk/clipboard';
import { DOCUMENT } from '@angular/common';
import {
  afterNextRender,
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** A secret as the key list shows it: enough to recognise, not to use (`tptm_7Gq2…x9Fa`). */
export function maskSecret(secret: string): string {
  return secret.length > 13 ? `${secret.slice(0, 9)}…${secret.slice(-4)}` : '…';
}

/**
 * A secret shown once (a new API key, an invitation link): the value on one
 * line, a copy button that says "Copied", and the warning that it cannot be
 * shown again. With `apiKeyUsage`, a curl command that uses the key follows, the
 * key masked in it until it has been copied. While shown, leaving the page
 * (reload, closing the tab) asks first: the secret would be lost.
 */
@Component({
  selector: 'app-secret-reveal',
  imports: [ClipboardModule, MatButtonModule, MatIconModule],
  template: `
    <p class="label" [id]="labelId">{{ label() }}</p>
    <div class="secret">
      <!-- One line that scrolls, never wrapped mid-string; focusable so that it scrolls from the keyboard too. -->
      <code class="value" tabindex="0" role="region" [attr.aria-labelledby]="labelId" data-testid="secret-value">{{ value() }}</code>
      <button #copyButton mat-stroked-button type="button" [cdkCopyToClipboard]="value()" (cdkCopyToClipboardCopied)="copiedNow('value', $event)">
        <mat-icon aria-hidden="true">{{ copied() === 'value' ? 'check' : 'content_copy' }}</mat-icon>
        {{ copied() === 'value' ? 'Copied' : 'Copy' }}<span class="visually-hidden"> {{ label() }}</span>
      </button>
    </div>
    <p class="status" role="status">
      @if (copied(); as copied) {
        <span class="visually-hidden">{{ copied === 'value' ? label() : 'Command' }} copied to the clipboard</span>
      } @else if (copyFailed()) {
        Could not copy. Select the text and copy it yourself.
      }
    </p>
    <p class="callout warning">
      <mat-icon aria-hidden="true">warning</mat-icon>
      <span>{{ warning() }}</span>
    </p>
    @if (snippet(); as snippet) {
      <p class="label" [id]="labelId + '-usage'">Try it</p>
      <div class="secret usage">
        <pre class="value command" tabindex="0" role="region" [attr.aria-labelledby]="labelId + '-usage'" data-testid="secret-usage">{{
          snippet
        }}</pre>
        <button mat-stroked-button type="button" [cdkCopyToClipboard]="command()" (cdkCopyToClipboardCopied)="copiedNow('command', $event)">
          <mat-icon aria-hidden="true">{{ copied() === 'command' ? 'check' : 'content_copy' }}</mat-icon>
          {{ copied() === 'command' ? 'Copied' : 'Copy' }}<span class="visually-hidden"> command</span>
        </button>
      </div>
      @if (!revealed()) {
        <p class="hint">The key is masked in the command until you copy one of them.</p>
      }
    }
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
      min-width: 0;
      padding: 0.5rem 0;
      overflow-x: auto;
      white-space: nowrap;
      user-select: all;
    }
    /* The request on one line, the key on the next: each line scrolls, and the key is in view. */
    .command {
      margin: 0;
      white-space: pre;
      font: var(--mat-sys-body-small);
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace;
    }
    .value:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .secret button {
      flex-shrink: 0;
      min-width: 6.5rem;
    }
    .status {
      min-height: 1.25rem;
      margin: 0.25rem 0;
      color: var(--mat-sys-on-surface);
    }
    .usage {
      margin-bottom: 0.25rem;
    }
    .usage + .hint {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .callout + .label {
      margin-top: 1rem;
    }
  `,
  host: { '(window:beforeunload)': 'confirmLeaving($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecretReveal {
  private static nextId = 0;
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  readonly warning = input.required<string>();
  /** For a new API key: a request that uses it (the integration's whoami on this server), shown under it. */
  readonly apiKeyUsage = input(false, { transform: booleanAttribute });
  private readonly whoamiUrl = `${inject(DOCUMENT).location.origin}/api/v1/integration/whoami`;
  protected readonly labelId = `secret-label-${SecretReveal.nextId++}`;
  /** What was copied last, shown as "Copied" in its button for a few seconds. */
  protected readonly copied = signal<'value' | 'command' | null>(null);
  protected readonly copyFailed = signal(false);
  /** Once the secret has been copied, it is shown in the command too: it is where the user keeps it anyway. */
  protected readonly revealed = signal(false);
  private resetTimer: ReturnType<typeof setTimeout> | undefined;

  /** The command as it is copied, with the key itself. */
  protected readonly command = computed(() => this.curl(this.value()));
  /** The command as shown: the key masked until copied. */
  protected readonly snippet = computed(() => (this.apiKeyUsage() ? this.curl(this.revealed() ? this.value() : maskSecret(this.value())) : null));

  private readonly copyButton = viewChild.required('copyButton', { read: ElementRef<HTMLButtonElement> });

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.resetTimer));
    // It replaces the form that had focus; copying is the next step, so focus goes there.
    afterNextRender(() => this.copyButton().nativeElement.focus());
  }

  /** A reload or a closed tab would lose the only copy: the browser asks first. */
  protected confirmLeaving(event: BeforeUnloadEvent): void {
    event.preventDefault();
    // Older browsers ask only when a return value is set; the text itself is never shown.
    event.returnValue = '';
  }

  protected copiedNow(what: 'value' | 'command', succeeded: boolean): void {
    this.copied.set(succeeded ? what : null);
    this.copyFailed.set(!succeeded);
    if (succeeded) this.revealed.set(true);
    clearTimeout(this.resetTimer);
    if (succeeded) this.resetTimer = setTimeout(() => this.copied.set(null), 4000);
  }

  private curl(key: string): string {
    return `curl ${this.whoamiUrl} \\\n  -H "X-API-Key: ${key}"`;
  }
}

import { booleanAttribute, ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ApiKeyResponse, RateLimit } from '@tptm/sdk';

/** The windows a rate limit is usually set in, by name; any other length is written in seconds. */
export const RATE_WINDOWS = [
  { id: 'second', seconds: 1, short: 's' },
  { id: 'minute', seconds: 60, short: 'min' },
  { id: 'hour', seconds: 3_600, short: 'h' },
  { id: 'day', seconds: 86_400, short: 'day' },
] as const;

export type RateWindowId = (typeof RATE_WINDOWS)[number]['id'];

const count = new Intl.NumberFormat('en-US');
/** As the API's `expiring` status counts it. */
const EXPIRING_WITHIN_DAYS = 14;

/** "100 requests per minute", "1 request per 90 seconds", or "No limit". */
export function rateLimitText(limit: RateLimit | null): string {
  if (!limit) return 'No limit';
  const requests = `${count.format(limit.requests)} ${limit.requests === 1 ? 'request' : 'requests'}`;
  const window = RATE_WINDOWS.find((w) => w.seconds === limit.windowSeconds);
  return `${requests} per ${window ? window.id : `${count.format(limit.windowSeconds)} seconds`}`;
}

/** The same, short enough for a table cell: "100/min", "5/90 s". */
export function rateLimitShort(limit: RateLimit): string {
  const window = RATE_WINDOWS.find((w) => w.seconds === limit.windowSeconds);
  return `${count.format(limit.requests)}/${window ? window.short : `${count.format(limit.windowSeconds)} s`}`;
}

/** A rate limit as the audit log records it ("100 per 60 s"), read back; null for anything else. */
export function parseAuditRateLimit(text: string): RateLimit | null {
  const match = /^(\d+) per (\d+) s$/.exec(text);
  return match ? { requests: Number(match[1]), windowSeconds: Number(match[2]) } : null;
}

/**
 * What holds a key back, at a glance beside its name in the table: "Disabled",
 * "Revoked", "Leaked", "Breaks policy", and its rate limit in short ("100/min", spoken in full).
 */
@Component({
  selector: 'app-key-state-badges',
  template: `
    @let key = this.key();
    <!-- Spaces between the name and each badge, so that their words do not run together when read out. -->
    @if (expiryState() === 'expired') {
      &ngsp;<span class="badge disabled"><mat-icon aria-hidden="true">error</mat-icon>Expired</span>
    } @else if (expiryState() === 'expiring') {
      &ngsp;<span class="badge expiring"><mat-icon aria-hidden="true">schedule</mat-icon>Expiring</span>
    }
    @if (key.revokedAt) {
      &ngsp;<span class="badge disabled"><mat-icon aria-hidden="true">gpp_bad</mat-icon>Revoked</span>
    } @else if (!key.enabled) {
      &ngsp;<span class="badge disabled"><mat-icon aria-hidden="true">block</mat-icon>Disabled</span>
    }
    @if (key.exposure) {
      &ngsp;<span class="badge disabled"><mat-icon aria-hidden="true">report</mat-icon>Leaked</span>
    }
    @if (key.policyViolations?.length) {
      &ngsp;<span class="badge expiring"><mat-icon aria-hidden="true">policy</mat-icon>Breaks policy</span>
    }
    @if (key.rateLimit; as limit) {
      &ngsp;<span class="badge" [title]="'Rate limit: ' + rateLimitText(limit)"
        ><span class="visually-hidden">Rate limit: </span>{{ rateLimitShort(limit) }}</span
      >
    }
  `,
  styles: `
    .disabled {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .expiring {
      background: #fff4e5;
      color: #5f3700;
    }
    /* The word says it; the icon repeats it for those who scan by shape, not colour. */
    mat-icon {
      width: 14px;
      height: 14px;
      margin-inline-end: 0.2rem;
      font-size: 14px;
      vertical-align: -2px;
    }
  `,
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KeyStateBadges {
  readonly key = input.required<
    Pick<ApiKeyResponse, 'enabled' | 'rateLimit'> & Partial<Pick<ApiKeyResponse, 'expiresAt' | 'revokedAt' | 'exposure' | 'policyViolations'>>
  >();
  /** Whether to badge an expired or soon expiring key too (the list does; the key page says it at length). */
  readonly showExpiry = input(false, { transform: booleanAttribute });
  protected readonly expiryState = computed(() => {
    const at = this.showExpiry() ? this.key().expiresAt : null;
    if (!at) return null;
    const left = Date.parse(at) - Date.now();
    return left <= 0 ? 'expired' : left <= EXPIRING_WITHIN_DAYS * 86_400_000 ? 'expiring' : null;
  });
  protected readonly rateLimitText = rateLimitText;
  protected readonly rateLimitShort = rateLimitShort;
}

import { ChangeDetectionStrategy, Component, computed, effect, inject, input, PendingTasks, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { type ApiKeyResponse, type AuditEventResponse, ExposureAction, Permission } from '@tptm/sdk';
import { AuditAction, AuditActorName } from '../audit-log/audit-format';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { ApiErrors, Failure } from '../core/errors/api-errors';
import { CurrentUser } from '../core/session/current-user';
import { CursorList } from '../shared/cursor-list';
import { ErrorState } from '../shared/error-state';
import { ListCard } from '../shared/list-card';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { ConfirmDialog, ConfirmDialogData } from '../shared/confirm-dialog';
import { NoPermissionPage } from '../shared/no-permission';
import { ChangeExpiryDialog, ChangeExpiryDialogData } from './change-expiry.dialog';
import { injectDeleteApiKey } from './delete-api-key';
import { EditKeyLimitsDialog, EditKeyLimitsDialogData } from './edit-key-limits.dialog';
import { expiry, KeyExpiry } from './key-expiry';
import { KeyHints } from './key-hints';
import { rateLimitText } from './key-limits';
import { RenameApiKeyDialog, RenameApiKeyDialogData } from './rename-api-key.dialog';
import { RollApiKeyDialog, RollApiKeyDialogData } from './roll-api-key.dialog';
import { EditKeyPermissionsDialog, EditKeyPermissionsDialogData } from './edit-key-permissions.dialog';
import { KeyPermissions } from './key-permissions';
import { KeyUsage } from './key-usage';

const HISTORY_PAGE_SIZE = 20;

/**
 * Admin ▸ API Keys ▸ one key (/admin/api-keys/:id): its details, Rename,
 * Roll key and Delete; disabling and enabling it, its limits and its expiry
 * (renewing it once expired); and, for those who may read the audit log, its history.
 */
@Component({
  selector: 'app-api-key-page',
  imports: [
    RouterLink,
    AuditAction,
    AuditActorName,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    ErrorState,
    KeyExpiry,
    KeyHints,
    ListCard,
    LocalDatePipe,
    NoPermissionPage,
    KeyPermissions,
    KeyUsage,
  ],
  templateUrl: './api-key.page.html',
  styles: `
    .back {
      margin: -0.5rem 0 0.5rem -0.75rem;
    }
    .title {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 0.5rem;
      min-width: 0;
    }
    h1 {
      overflow-wrap: anywhere;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .delete {
      --mat-button-outlined-label-text-color: var(--mat-sys-error);
    }
    .callout {
      margin-bottom: 1rem;
    }
    .callout button {
      margin-top: 0.5rem;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      font-weight: 500;
    }
    .status.disabled {
      color: var(--mat-sys-error);
    }
    .status mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
    .addresses {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .details {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.75rem 2rem;
      margin: 0 0 2rem;
      padding: 1rem 1.25rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .permissions,
    .stack {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.25rem;
    }
    /* On a phone each value goes under its label. */
    @media (max-width: 599.98px) {
      .details {
        grid-template-columns: 1fr;
        gap: 0.25rem;
      }
      dd + dt {
        margin-top: 0.5rem;
      }
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeyPage {
  private readonly client = inject(TPTM_CLIENT);
  protected readonly user = inject(CurrentUser);
  private readonly errors = inject(ApiErrors);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly deleteKey = injectDeleteApiKey();

  /** The key's id, from the address. */
  readonly id = input.required<string>();

  protected readonly key = signal<ApiKeyResponse | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly expired = computed(() => expiry(this.key()?.expiresAt ?? null).state === 'expired');
  protected readonly rateLimit = computed(() => rateLimitText(this.key()?.rateLimit ?? null));
  /** While Enable is under way. */
  protected readonly enabling = signal(false);
  /** Until when the secret the last roll replaced still works, while it does. */
  protected readonly previousSecretUntil = computed(() => {
    const until = this.key()?.previousKeyExpiresAt;
    return until && Date.parse(until) > Date.now() ? until : null;
  });

  /** What the organization's policy did when the key was found in public. */
  protected exposureOutcome(action: ExposureAction): string {
    if (action === ExposureAction.REVOKE) return 'It was revoked: every request with it is refused. Delete it once its integration has a new key.';
    if (action === ExposureAction.DISABLE) return 'It was disabled: replace it in its integration before enabling it again, if ever.';
    return "It was left working, as the organization's policy says: replace it in its integration, then delete it.";
  }

  protected readonly canReadHistory = computed(() => this.user.permissions().has(Permission.AUDIT_READ));
  private readonly shownKeyId = computed(() => this.key()?.id);
  protected readonly historyColumns = ['occurredAt', 'action', 'name', 'actor', 'ip'];
  protected readonly history = new CursorList<AuditEventResponse>((cursor) =>
    this.client.audit.listAuditEvents({
      orgId: this.user.organizationId(),
      targetId: this.shownKeyId(),
      limit: HISTORY_PAGE_SIZE,
      cursor,
    }),
  );

  constructor() {
    // The key's name in the tab and history, once known: every key's page otherwise has the same title.
    const title = inject(Title);
    effect(() => {
      const name = this.key()?.name;
      if (name) title.setTitle(`${name} · API Keys · TPTM Admin`);
    });
    let shownIn: string | undefined;
    effect(() => {
      const organizationId = this.user.organization()?.id;
      const keyId = this.id();
      if (!organizationId) return;
      untracked(() => {
        if (shownIn && shownIn !== organizationId) {
          // A key belongs to one organization: after a switch, that organization's keys are what there is to see.
          void this.router.navigate(['/admin/api-keys']);
          return;
        }
        shownIn = organizationId;
        void this.load(organizationId, keyId);
      });
    });
    effect(() => {
      if (this.shownKeyId() && this.canReadHistory()) untracked(() => void this.history.reload());
    });
  }

  protected reload(): void {
    void this.load(this.user.organizationId(), this.id());
  }

  protected rename(key: ApiKeyResponse): void {
    this.dialog
      .open<RenameApiKeyDialog, RenameApiKeyDialogData, ApiKeyResponse>(RenameApiKeyDialog, {
        data: { organizationId: this.user.organizationId(), key },
        width: '32rem',
      })
      .afterClosed()
      .subscribe((renamed) => {
        if (renamed) this.changed(renamed);
      });
  }

  protected editPermissions(key: ApiKeyResponse): void {
    this.dialog
      .open<EditKeyPermissionsDialog, EditKeyPermissionsDialogData, ApiKeyResponse>(EditKeyPermissionsDialog, {
        data: { organizationId: this.user.organizationId(), key },
        width: '36rem',
      })
      .afterClosed()
      .subscribe((updated) => {
        if (updated) this.changed(updated);
      });
  }

  protected editLimits(key: ApiKeyResponse): void {
    this.dialog
      .open<EditKeyLimitsDialog, EditKeyLimitsDialogData, ApiKeyResponse>(EditKeyLimitsDialog, {
        data: { organizationId: this.user.organizationId(), key },
        width: '36rem',
      })
      .afterClosed()
      .subscribe((updated) => {
        if (updated) this.changed(updated);
      });
  }

  protected changeExpiry(key: ApiKeyResponse): void {
    this.dialog
      .open<ChangeExpiryDialog, ChangeExpiryDialogData, ApiKeyResponse>(ChangeExpiryDialog, {
        data: { organizationId: this.user.organizationId(), key },
        width: '32rem',
      })
      .afterClosed()
      .subscribe((updated) => {
        if (updated) this.changed(updated);
      });
  }

  protected disable(key: ApiKeyResponse): void {
    const organizationId = this.user.organizationId();
    let disabled: ApiKeyResponse | undefined;
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: 'Disable API key',
          message: 'This API key will be disabled:',
          subject: key.name,
          warning:
            'Integrations using it stop at once, on every server: each request with it is refused until you enable it again. ' +
            'Nothing else about the key changes: its secret, permissions, limits and history stay as they are.',
          confirmLabel: 'Disable',
          action: async () => {
            disabled = await this.client.apiKeys.updateApiKey({ orgId: organizationId, keyId: key.id, requestBody: { enabled: false } });
          },
        },
        width: '32rem',
      })
      .afterClosed()
      .subscribe(() => {
        if (disabled) this.changed(disabled);
      });
  }

  /** Enabling takes nothing away, so it is done without asking. */
  protected async enable(key: ApiKeyResponse): Promise<void> {
    if (this.enabling()) return;
    this.enabling.set(true);
    const done = this.pendingTasks.add();
    try {
      const enabled = await this.client.apiKeys.updateApiKey({ orgId: this.user.organizationId(), keyId: key.id, requestBody: { enabled: true } });
      this.changed(enabled);
      this.snackBar.open(`API key "${key.name}" enabled`, undefined, { duration: 4000 });
    } catch (error) {
      this.snackBar.open(`Could not enable the key. ${this.errors.handle(error).message}`, 'Dismiss', { duration: 8000 });
    } finally {
      this.enabling.set(false);
      done();
    }
  }

  protected roll(key: ApiKeyResponse): void {
    this.dialog
      .open<RollApiKeyDialog, RollApiKeyDialogData, ApiKeyResponse>(RollApiKeyDialog, {
        data: { organizationId: this.user.organizationId(), key },
        width: '36rem',
        // The title, not the first option: Space there would pick "Now" and cut the current secret off.
        autoFocus: 'first-heading',
      })
      .afterClosed()
      .subscribe((rolled) => {
        if (rolled) this.changed(rolled);
      });
  }

  protected delete(key: ApiKeyResponse): void {
    this.deleteKey(this.user.organizationId(), key).subscribe((deleted) => {
      if (!deleted) return;
      this.snackBar.open(`API key "${key.name}" deleted`, undefined, { duration: 4000 });
      void this.router.navigate(['/admin/api-keys'], { state: { deleted: true } });
    });
  }

  private changed(key: ApiKeyResponse): void {
    this.key.set(key);
    if (this.canReadHistory()) void this.history.reload();
  }

  private async load(organizationId: string, keyId: string): Promise<void> {
    // Tells Angular the key is still loading, so that its stability (and tests waiting on it) waits too.
    const done = this.pendingTasks.add();
    this.key.set(null);
    this.failure.set(null);
    try {
      const key = await this.client.apiKeys.getApiKey({ orgId: organizationId, keyId });
      if (keyId === this.id()) this.key.set(key);
    } catch (error) {
      if (keyId === this.id()) this.failure.set(this.errors.handle(error));
    } finally {
      done();
    }
  }
}

import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { ApiKeyResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { CurrentUser, loadPerOrganization } from '../core/session/current-user';
import { ConfirmDialog, ConfirmDialogData } from '../shared/confirm-dialog';
import { CursorList } from '../shared/cursor-list';
import { ListCard } from '../shared/list-card';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { CreateApiKeyDialog, CreateApiKeyDialogData } from './create-api-key.dialog';

const PAGE_SIZE = 25;

/** Admin ▸ API Keys, as the help article "Managing API Keys" describes it. */
@Component({
  selector: 'app-api-keys-page',
  imports: [MatButtonModule, MatIconModule, MatTableModule, MatTooltipModule, ListCard, LocalDatePipe],
  templateUrl: './api-keys.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeysPage {
  private readonly client = inject(TPTM_CLIENT);
  private readonly user = inject(CurrentUser);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = ['name', 'key', 'createdBy', 'createdAt', 'lastUsedAt', 'actions'];
  protected readonly keys = new CursorList<ApiKeyResponse>((cursor) =>
    this.client.apiKeys.listApiKeys({ orgId: this.user.organizationId(), limit: PAGE_SIZE, cursor }),
  );

  constructor() {
    loadPerOrganization(() => this.keys.reload());
  }

  protected create(): void {
    this.dialog
      .open<CreateApiKeyDialog, CreateApiKeyDialogData, ApiKeyResponse>(CreateApiKeyDialog, {
        data: { organizationId: this.user.organizationId() },
        width: '36rem',
      })
      .afterClosed()
      .subscribe((key) => {
        if (key) this.keys.prepend(key);
      });
  }

  protected delete(key: ApiKeyResponse): void {
    const organizationId = this.user.organizationId();
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: 'Delete API key',
          message: 'This API key will be permanently deleted:',
          subject: key.name,
          warning: 'Any integrations using this key will immediately stop working. This cannot be undone.',
          confirmLabel: 'Delete',
          action: () => this.client.apiKeys.deleteApiKey({ orgId: organizationId, keyId: key.id }),
        },
        width: '32rem',
      })
      .afterClosed()
      .subscribe((deleted) => {
        if (!deleted) return;
        this.keys.remove((item) => item.id === key.id);
        this.snackBar.open(`API key "${key.name}" deleted`, undefined, { duration: 4000 });
      });
  }
}

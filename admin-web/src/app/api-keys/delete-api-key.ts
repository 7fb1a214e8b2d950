import { inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { ApiKeyResponse } from '@tptm/sdk';
import { Observable } from 'rxjs';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { ConfirmDialog, ConfirmDialogData } from '../shared/confirm-dialog';

/**
 * Deleting a key, the same from the list and from the key's page: a
 * confirmation naming the key, then the delete. The returned function emits
 * true once the key is gone. Call this in an injection context.
 */
export function injectDeleteApiKey(): (organizationId: string, key: ApiKeyResponse) => Observable<boolean | undefined> {
  const dialog = inject(MatDialog);
  const client = inject(TPTM_CLIENT);
  return (organizationId, key) =>
    dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: 'Delete API key',
          message: 'This API key will be permanently deleted:',
          subject: key.name,
          warning: 'Any integrations using this key will immediately stop working. This cannot be undone.',
          confirmLabel: 'Delete',
          action: () => client.apiKeys.deleteApiKey({ orgId: organizationId, keyId: key.id }),
        },
        width: '32rem',
      })
      .afterClosed();
}

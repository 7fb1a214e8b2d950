import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { type ApiKeyResponse, QUERY_LIMITS } from '@tptm/sdk';
import { debounceTime, filter, map } from 'rxjs';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { CurrentUser, loadPerOrganization } from '../core/session/current-user';
import { CursorList } from '../shared/cursor-list';
import { ListCard } from '../shared/list-card';
import { RelativeTime } from '../shared/relative-time';
import { CreateApiKeyDialog, CreateApiKeyDialogData } from './create-api-key.dialog';
import { injectDeleteApiKey } from './delete-api-key';
import { KeyExpiry } from './key-expiry';
import { KeyHints } from './key-hints';
import { KeyStateBadges } from './key-limits';
import { KeyPermissions } from './key-permissions';
import { KeyUsageTotal } from './key-usage-total';

const PAGE_SIZE = 25;
/** Typing pauses this long before the list is asked for again. */
const SEARCH_DEBOUNCE_MS = 300;

/** Admin ▸ API Keys, as the help article "Managing API Keys" describes it. */
@Component({
  selector: 'app-api-keys-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTableModule,
    MatTooltipModule,
    KeyExpiry,
    KeyHints,
    KeyStateBadges,
    KeyPermissions,
    KeyUsageTotal,
    ListCard,
    RelativeTime,
  ],
  templateUrl: './api-keys.page.html',
  styles: `
    .search {
      width: min(24rem, 100%);
      margin-bottom: 1rem;
    }
    .key-link {
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    /* Fixed widths, so that the columns do not jump as rows load, dates change or a name is long. */
    @media (min-width: 600px) {
      table {
        min-width: 74rem;
      }
      .mat-column-key {
        width: 10.5rem;
      }
      .mat-column-createdBy {
        width: 9rem;
      }
      .mat-column-createdAt,
      .mat-column-lastUsedAt {
        width: 8rem;
      }
      .mat-column-expiresAt {
        width: 8.5rem;
      }
      .mat-column-permissions {
        width: 10rem;
      }
      .mat-column-requests {
        width: 6rem;
      }
      .mat-column-actions {
        width: 5rem;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeysPage {
  private readonly client = inject(TPTM_CLIENT);
  private readonly user = inject(CurrentUser);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly deleteKey = injectDeleteApiKey();

  protected readonly columns = ['name', 'key', 'createdBy', 'createdAt', 'lastUsedAt', 'expiresAt', 'permissions', 'requests', 'actions'];
  protected readonly searchMaxLength = QUERY_LIMITS.listApiKeys.q.maxLength;
  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly searchInput = viewChild.required<ElementRef<HTMLInputElement>>('searchInput');
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  private readonly createButton = viewChild.required('createButton', { read: ElementRef<HTMLButtonElement> });
  private readonly listCard = viewChild.required(ListCard);
  /** The key created last on this page, highlighted so that it can be found. */
  protected readonly createdId = signal<string | null>(null);
  /** The part of a name the list is filtered by; every page of one list is read with the same. */
  protected readonly query = signal('');
  protected readonly keys = new CursorList<ApiKeyResponse>((cursor) =>
    this.client.apiKeys.listApiKeys({
      orgId: this.user.organizationId(),
      q: this.query() || undefined,
      limit: PAGE_SIZE,
      cursor,
    }),
  );

  constructor() {
    // Arriving from a key deleted on its own page: the button that had focus is gone with that page.
    if (inject(Router).currentNavigation()?.extras.state?.['deleted']) {
      afterNextRender(() => this.heading().nativeElement.focus());
    }
    loadPerOrganization(() => this.keys.reload());
    this.search.valueChanges
      .pipe(
        map((text) => text.trim()),
        debounceTime(SEARCH_DEBOUNCE_MS),
        filter((query) => query !== this.query()),
        takeUntilDestroyed(),
      )
      .subscribe((query) => {
        this.query.set(query);
        void this.keys.reload();
      });
  }

  /** Keeps each key's row, and the focus in it, while the rows around it change. */
  protected byId(_index: number, key: ApiKeyResponse): string {
    return key.id;
  }

  protected clearSearch(): void {
    this.search.setValue('');
    // The button that had focus goes away with the text: typing again is the likely next step.
    this.searchInput().nativeElement.focus();
  }

  protected create(): void {
    this.dialog
      .open<CreateApiKeyDialog, CreateApiKeyDialogData, ApiKeyResponse>(CreateApiKeyDialog, {
        data: { organizationId: this.user.organizationId() },
        width: '36rem',
      })
      .afterClosed()
      .subscribe((key) => {
        if (!key) return;
        this.keys.prepend(key);
        this.createdId.set(key.id);
        this.listCard().focusRow(0);
      });
  }

  protected delete(key: ApiKeyResponse): void {
    this.deleteKey(this.user.organizationId(), key).subscribe((deleted) => {
      if (!deleted) return;
      const index = this.keys.items().findIndex((item) => item.id === key.id);
      this.keys.remove((item) => item.id === key.id);
      // The next row takes its place; with none left, creating one is what there is to do.
      this.listCard().focusRow(index, () => this.createButton().nativeElement);
      this.snackBar.open(`API key "${key.name}" deleted`, undefined, { duration: 4000 });
    });
  }
}

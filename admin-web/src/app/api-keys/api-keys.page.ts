import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { type ApiKeyListItem, type ApiKeyResponse, QUERY_LIMITS } from '@tptm/sdk';
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
import { KEY_SORTS, KEY_STATUSES, keyListQuery, type KeySortId, type KeyStatusId } from './key-list-query';

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
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
    KeyExpiry,
    KeyHints,
    KeyStateBadges,
    ListCard,
    RelativeTime,
  ],
  templateUrl: './api-keys.page.html',
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1rem;
      align-items: flex-start;
      margin-bottom: 0.5rem;
    }
    .search {
      width: min(20rem, 100%);
    }
    .status-filter,
    .sort {
      width: min(14rem, 100%);
    }
    .key-link {
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .total {
      margin: 0 0 0.75rem;
    }
    .requests {
      font-variant-numeric: tabular-nums;
    }
    /* Fixed widths that fit the content column at 1280 px wide, so columns do not jump as rows load. */
    @media (min-width: 600px) {
      .mat-column-key {
        width: 10.5rem;
      }
      .mat-column-lastUsedAt {
        width: 8rem;
      }
      .mat-column-expiresAt {
        width: 8.5rem;
      }
      .mat-column-requests {
        width: 7.5rem;
      }
      .mat-column-actions {
        width: 6.5rem;
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

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** The list keeps only what tells keys apart at a glance; who made a key, when, and what it may do are on its page. */
  protected readonly columns = ['name', 'key', 'lastUsedAt', 'expiresAt', 'requests', 'actions'];
  protected readonly statuses = KEY_STATUSES;
  protected readonly sorts = KEY_SORTS;
  protected readonly searchMaxLength = QUERY_LIMITS.listApiKeys.q.maxLength;
  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly searchInput = viewChild.required<ElementRef<HTMLInputElement>>('searchInput');
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  private readonly createButton = viewChild.required('createButton', { read: ElementRef<HTMLButtonElement> });
  private readonly listCard = viewChild.required(ListCard);
  /** The key created last on this page, highlighted so that it can be found. */
  protected readonly createdId = signal<string | null>(null);
  /**
   * Search, statuses and sort live in the URL, so a reload, Back, or a link
   * from Home shows the same list; every page of one list is read with them.
   */
  private readonly routeQuery = toSignal(this.route.queryParamMap.pipe(map(keyListQuery)), { requireSync: true });
  /** The same list asked for again (the router re-emits unchanged parameters) is not read again. */
  private readonly listQuery = computed(() => this.routeQuery(), { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  protected readonly query = computed(() => this.listQuery().q);
  protected readonly status = computed(() => this.listQuery().status);
  protected readonly sort = computed(() => this.listQuery().sort);
  protected readonly filtered = computed(() => this.query() !== '' || this.status().length > 0);
  protected readonly keys = new CursorList<ApiKeyListItem>((cursor) => {
    const { q, status, sort } = this.listQuery();
    return this.client.apiKeys.listApiKeys({
      orgId: this.user.organizationId(),
      q: q || undefined,
      status: status.length ? (status as never) : undefined,
      sort: sort as never,
      limit: PAGE_SIZE,
      cursor,
    });
  });
  protected readonly countFormat = new Intl.NumberFormat('en-US');

  constructor() {
    // Arriving from a key deleted on its own page: the button that had focus is gone with that page.
    if (inject(Router).currentNavigation()?.extras.state?.['deleted']) {
      afterNextRender(() => this.heading().nativeElement.focus());
    }
    this.search.setValue(this.query(), { emitEvent: false });
    loadPerOrganization(() => this.keys.reload());
    // A new query in the URL (typed, chosen, or Back): the list read again, and the search box showing it.
    let first = true;
    effect(() => {
      const query = this.listQuery();
      if (first) {
        first = false;
        return;
      }
      untracked(() => {
        if (this.search.value.trim() !== query.q) this.search.setValue(query.q, { emitEvent: false });
        void this.keys.reload();
      });
    });
    this.search.valueChanges
      .pipe(
        map((text) => text.trim()),
        debounceTime(SEARCH_DEBOUNCE_MS),
        filter((query) => query !== this.query()),
        takeUntilDestroyed(),
      )
      // Each keystroke is not a place to go Back to.
      .subscribe((q) => this.navigate({ q: q || null }, true));
  }

  protected setStatus(status: KeyStatusId[]): void {
    this.navigate({ status: status.length ? status : null });
  }

  protected setSort(sort: KeySortId): void {
    this.navigate({ sort: sort === KEY_SORTS[0].id ? null : sort });
  }

  private navigate(queryParams: Record<string, string | string[] | null>, replaceUrl = false): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl });
  }

  /** Keeps each key's row, and the focus in it, while the rows around it change. */
  protected byId(_index: number, key: ApiKeyListItem): string {
    return key.id;
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.navigate({ q: null, status: null });
    this.searchInput().nativeElement.focus();
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
        // Not used yet, so no requests: as the list would answer it.
        this.keys.prepend({ ...key, requests30d: 0 });
        this.createdId.set(key.id);
        this.listCard().focusRow(0);
      });
  }

  protected delete(key: ApiKeyListItem): void {
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

import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CursorList } from './cursor-list';
import { ErrorState } from './error-state';
import { NoPermissionPage } from './no-permission';

/**
 * The frame of a list page's table: the page's own table projected inside,
 * and around it what every list shows the same way: "no permission" on a 403,
 * the progress bar, the failure with Try again, "Loading …", the page's own
 * `[empty]` content once loaded with no rows, how many rows there are and,
 * for a list read page by page, the button for the next page.
 *
 * The table scrolls inside the card under a header that stays in view
 * (styles.scss); below 600 px its rows become cards and the page scrolls.
 */
@Component({
  selector: 'app-list-card',
  imports: [MatButtonModule, MatProgressBarModule, ErrorState, NoPermissionPage],
  template: `
    @if (list().failure()?.status === 403) {
      <app-no-permission />
    } @else {
      <div class="table-card">
        @if (list().loading()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Loading ' + noun()" />
        }
        <!-- Focusable, so that a table with nothing else to focus can still be scrolled from the keyboard. -->
        <div class="table-scroll" tabindex="0" role="region" [attr.aria-label]="noun()">
          <ng-content />
        </div>
        @if (list().failure(); as failure) {
          <div class="list-state">
            <app-error-state [title]="'Could not load ' + noun()" [message]="failure.message" (retry)="list().retry()" />
          </div>
        } @else if (!list().loaded()) {
          <p class="list-state">Loading {{ noun() }}…</p>
        } @else if (list().items().length === 0) {
          <ng-content select="[empty]" />
        }
        @if (count(); as count) {
          <div class="list-footer">
            <span data-testid="list-count">{{ count }}</span>
            @if (list().nextCursor()) {
              <button mat-stroked-button type="button" (click)="loadMore()" [disabled]="list().loading()">{{ moreLabel() }}</button>
            }
          </div>
        }
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListCard {
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly injector = inject(Injector);

  readonly list = input.required<CursorList<unknown>>();
  /** What the list holds, as in "Could not load API keys". */
  readonly noun = input.required<string>();
  /** Its rows counted, as in "1 key", "8 members"; "25 keys shown" while more pages are left. */
  readonly unit = input<{ one: string; other: string }>();
  readonly moreLabel = input('Load more');
  /** How many rows the table shows, when the page narrows the list itself ("3 of 8 members"). */
  readonly shown = input<number>();

  /**
   * With a total from the API (the key list counts its matches): "25 of 137
   * keys shown" while pages are left. Without one, only what is loaded is
   * counted, and a list with pages left says "shown".
   */
  protected readonly count = computed(() => {
    const unit = this.unit();
    const count = this.list().items().length;
    if (!unit || count === 0) return null;
    const total = this.list().total();
    const noun = (n: number) => `${n} ${n === 1 ? unit.one : unit.other}`;
    if (total !== null) return count < total ? `${count} of ${noun(total)} shown` : noun(total);
    const words = noun(count);
    const shown = this.shown();
    if (shown !== undefined && shown !== count) return `${shown} of ${words}`;
    return this.list().nextCursor() ? `${words} shown` : words;
  });

  /**
   * Once the table has drawn its latest change, focus goes to its row at
   * `index` (the last row when fewer are left), or to `fallback` with no
   * rows: after a dialog removed the row that had focus, or added one.
   */
  focusRow(index: number, fallback?: () => HTMLElement | undefined): void {
    afterNextRender(
      () => {
        const rows = this.host.querySelectorAll<HTMLElement>('tr.mat-mdc-row');
        const row = rows[Math.min(index, rows.length - 1)];
        if (!row) {
          fallback?.()?.focus();
          return;
        }
        // Reachable by script, not by Tab: the row's own links and buttons stay the tab stops.
        row.tabIndex = -1;
        row.focus();
      },
      { injector: this.injector },
    );
  }

  /** Reading goes on at the first row the page brought (the button itself goes away with the last page). */
  protected async loadMore(): Promise<void> {
    const before = this.list().items().length;
    await this.list().loadMore();
    if (this.list().items().length > before) this.focusRow(before);
  }
}

import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CursorList } from './cursor-list';
import { ErrorState } from './error-state';
import { NoPermissionPage } from './no-permission';

/**
 * The frame of a list page's table: the page's own table projected inside,
 * and around it what every list shows the same way: "no permission" on a 403,
 * the progress bar, the failure with Try again, "Loading …", the page's own
 * `[empty]` content once loaded with no rows, and, for a list read page by
 * page, how many rows are shown and the button for the next page.
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
        <ng-content />
        @if (list().failure(); as failure) {
          <div class="list-state">
            <app-error-state [title]="'Could not load ' + noun()" [message]="failure.message" (retry)="list().retry()" />
          </div>
        } @else if (!list().loaded()) {
          <p class="list-state">Loading {{ noun() }}…</p>
        } @else if (list().items().length === 0) {
          <ng-content select="[empty]" />
        }
        @if (unit(); as unit) {
          @if (list().items().length; as count) {
            <div class="list-footer">
              <span>{{ count }} {{ count === 1 ? unit.one : unit.other }} shown</span>
              @if (list().nextCursor()) {
                <button mat-stroked-button type="button" (click)="list().loadMore()" [disabled]="list().loading()">{{ moreLabel() }}</button>
              }
            </div>
          }
        }
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListCard {
  readonly list = input.required<CursorList<unknown>>();
  /** What the list holds, as in "Could not load API keys". */
  readonly noun = input.required<string>();
  /** For a list read page by page: its rows counted, as in "1 key shown", "2 keys shown". */
  readonly unit = input<{ one: string; other: string }>();
  readonly moreLabel = input('Load more');
}

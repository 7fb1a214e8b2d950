import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { CursorList } from './cursor-list';
import { ErrorState } from './error-state';

/**
 * What a table shows in place of rows: the failure with a way to try again,
 * "Loading …", or, once loaded and empty, the page's own projected content.
 */
@Component({
  selector: 'app-list-state',
  imports: [ErrorState],
  template: `
    @if (list().failure(); as failure) {
      <div class="list-state">
        <app-error-state [title]="'Could not load ' + noun()" [message]="failure.message" (retry)="list().retry()" />
      </div>
    } @else if (!list().loaded()) {
      <p class="list-state">Loading {{ noun() }}…</p>
    } @else if (list().items().length === 0) {
      <ng-content />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListState {
  readonly list = input.required<CursorList<unknown>>();
  /** What the list holds, as in "Could not load API keys". */
  readonly noun = input.required<string>();
}

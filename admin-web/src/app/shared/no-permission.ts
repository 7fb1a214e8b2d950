import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** What a page shows to someone whose roles do not include its permission. */
@Component({
  selector: 'app-no-permission',
  imports: [MatIconModule],
  template: `
    <section class="no-permission" role="alert">
      <mat-icon aria-hidden="true">lock</mat-icon>
      <h1>You don't have permission to view this page</h1>
      <p>Your roles in this organization don't include access to it. If you need it, contact your organization administrator.</p>
    </section>
  `,
  styles: `
    .no-permission {
      max-width: 36rem;
      margin: 4rem auto;
      text-align: center;
    }
    mat-icon {
      font-size: 48px;
      width: 48px;
      height: 48px;
      color: var(--mat-sys-on-surface-variant);
    }
    h1 {
      font: var(--mat-sys-headline-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoPermissionPage {}

import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { RouterLink } from '@angular/router';
import { ADMIN_PAGES } from '../core/admin-pages';
import { CurrentUser } from '../core/session/current-user';

/** Where signing in lands: who you are here, and what you can open. */
@Component({
  selector: 'app-home-page',
  imports: [MatIconModule, MatListModule, RouterLink],
  template: `
    <h1>Welcome, {{ user.me()?.name }}</h1>
    @if (user.membership(); as membership) {
      <p>
        You're working in <strong>{{ membership.organization.name }}</strong>{{ roleNames() ? ' as ' + roleNames() : '' }}.
      </p>
      @if (pages().length > 0) {
        <h2>Admin</h2>
        <mat-nav-list class="pages" aria-label="Admin pages">
          @for (page of pages(); track page.path) {
            <a mat-list-item [routerLink]="['/admin', page.path]">
              <mat-icon matListItemIcon aria-hidden="true">{{ page.icon }}</mat-icon>
              <span matListItemTitle>{{ page.label }}</span>
            </a>
          }
        </mat-nav-list>
      } @else {
        <p class="callout">
          <mat-icon aria-hidden="true">info</mat-icon>
          <span>
            Your roles don't include any admin pages. To manage API keys, roles or members, contact your organization
            administrator.
          </span>
        </p>
      }
    }
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-medium);
    }
    h2 {
      font: var(--mat-sys-title-medium);
    }
    .pages {
      max-width: 24rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  protected readonly user = inject(CurrentUser);
  protected readonly pages = computed(() => ADMIN_PAGES.filter((page) => this.user.permissions().has(page.permission)));
  protected readonly roleNames = computed(() => {
    const names = (this.user.membership()?.roles ?? []).map((role) => role.name);
    return names.length ? new Intl.ListFormat('en', { type: 'conjunction' }).format(names) : '';
  });
}

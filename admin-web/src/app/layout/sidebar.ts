import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { filter } from 'rxjs';
import { ADMIN_PAGES } from '../core/admin-pages';
import { CurrentUser } from '../core/session/current-user';

/** Where the sidebar keeps whether the Admin section was left open (not a secret, like the organization chosen). */
const ADMIN_OPEN_KEY = 'tptm.sidebar.adminOpen';

/** The sidebar: Home, and an Admin section listing only the pages the user's permissions open. */
@Component({
  selector: 'app-sidebar',
  imports: [MatIconModule, MatListModule, RouterLink, RouterLinkActive],
  template: `
    <nav aria-label="Main">
      <mat-nav-list>
        <a
          mat-list-item
          routerLink="/"
          routerLinkActive
          #home="routerLinkActive"
          [routerLinkActiveOptions]="{ exact: true }"
          [activated]="home.isActive"
          ariaCurrentWhenActive="page"
        >
          <mat-icon matListItemIcon aria-hidden="true">home</mat-icon>
          <span matListItemTitle>Home</span>
        </a>
      </mat-nav-list>
      @if (adminPages().length > 0) {
        <button type="button" class="section-toggle" aria-controls="admin-section" [attr.aria-expanded]="adminOpen()" (click)="toggleAdmin()">
          <span>Admin</span>
          <mat-icon aria-hidden="true">{{ adminOpen() ? 'expand_less' : 'expand_more' }}</mat-icon>
        </button>
        @if (adminOpen()) {
          <mat-nav-list id="admin-section" aria-label="Admin">
            @for (page of adminPages(); track page.path) {
              <a
                mat-list-item
                [routerLink]="['/admin', page.path]"
                routerLinkActive
                #link="routerLinkActive"
                [activated]="link.isActive"
                ariaCurrentWhenActive="page"
              >
                <mat-icon matListItemIcon aria-hidden="true">{{ page.icon }}</mat-icon>
                <span matListItemTitle>{{ page.label }}</span>
              </a>
            }
          </mat-nav-list>
        }
      }
    </nav>
  `,
  styles: `
    .section-toggle {
      display: flex;
      align-items: center;
      justify-content: space-between;
      width: 100%;
      margin-top: 0.5rem;
      padding: 0.75rem 1rem;
      border: 0;
      border-radius: 24px;
      background: none;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-title-small);
      cursor: pointer;
    }
    .section-toggle:hover,
    .section-toggle:focus-visible {
      background: var(--mat-sys-surface-container-highest);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Sidebar {
  private readonly user = inject(CurrentUser);
  protected readonly adminPages = computed(() => ADMIN_PAGES.filter((page) => this.user.permissions().has(page.permission)));
  private readonly router = inject(Router);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  /**
   * As the user last left it; until they first do, open on an admin page and
   * closed elsewhere, as the help article describes. Going to an admin page
   * opens it, so that the page's link is in view.
   */
  protected readonly adminOpen = signal(this.remembered() ?? this.router.url.startsWith('/admin'));

  constructor() {
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe((event) => {
        if (event.urlAfterRedirects.startsWith('/admin')) this.adminOpen.set(true);
      });
  }

  protected toggleAdmin(): void {
    const open = !this.adminOpen();
    this.adminOpen.set(open);
    this.storage?.setItem(ADMIN_OPEN_KEY, String(open));
  }

  private remembered(): boolean | null {
    const stored = this.storage?.getItem(ADMIN_OPEN_KEY);
    return stored === 'true' ? true : stored === 'false' ? false : null;
  }
}

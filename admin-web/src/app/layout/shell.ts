import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { ChangePasswordDialog } from '../account/change-password.dialog';
import { ApiErrors, Failure } from '../core/errors/api-errors';
import { AuthService } from '../core/session/auth.service';
import { CurrentUser } from '../core/session/current-user';
import { ErrorState } from '../shared/error-state';
import { Sidebar } from './sidebar';

/** Narrower than this, a fixed sidebar would leave the tables too little room. */
const NARROW_SCREEN = '(max-width: 839.98px)';

/** The signed-in frame: sidebar, organization switcher, the user and sign-out, and the page. */
@Component({
  selector: 'app-shell',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatSelectModule,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterOutlet,
    ErrorState,
    Sidebar,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly user = inject(CurrentUser);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly errors = inject(ApiErrors);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly failure = signal<Failure | null>(null);
  /** On a narrow screen the sidebar slides over the page, opened from a menu button. */
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe(NARROW_SCREEN)
      .pipe(map((state) => state.matches)),
    {
      requireSync: true,
    },
  );
  private readonly sidenav = viewChild(MatSidenav);
  private readonly accountButton = viewChild('accountButton', { read: ElementRef<HTMLButtonElement> });

  constructor() {
    this.user.ensureLoaded().catch((error: unknown) => this.failure.set(this.errors.handle(error)));
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe((event) => {
        if (this.narrow()) void this.sidenav()?.close();
        // A new page, not new filters on the same one: the page's heading takes focus, so a screen reader
        // announces where the person now is and Tab starts from the page rather than from the link they left.
        const path = event.urlAfterRedirects.split(/[?#]/)[0];
        if (this.lastPath !== null && path !== this.lastPath) this.focusHeading();
        this.lastPath = path;
      });
  }

  private lastPath: string | null = null;

  /** Focuses the page's main heading once it is rendered (a page may draw it after loading), else the main region. */
  private focusHeading(attempt = 0): void {
    setTimeout(() => {
      if (document.querySelector('.cdk-overlay-container [role="dialog"]')) return;
      const heading = document.querySelector<HTMLElement>('main h1');
      if (!heading && attempt < 20) return this.focusHeading(attempt + 1);
      const target = heading ?? document.querySelector<HTMLElement>('main');
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }, 50);
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    const target = document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main');
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }

  protected switchOrganization(organizationId: string): void {
    this.user.selectOrganization(organizationId);
    // The page's permission is checked again for the new organization.
    void this.router.navigateByUrl(this.router.url, { onSameUrlNavigation: 'reload' });
  }

  protected changePassword(): void {
    this.dialog
      // The menu item that opened it is gone with the menu: focus returns to the menu's button.
      .open<ChangePasswordDialog, void, boolean>(ChangePasswordDialog, { width: '32rem', restoreFocus: this.accountButton()?.nativeElement ?? true })
      .afterClosed()
      .subscribe((changed) => {
        if (changed) this.snackBar.open('Password changed', undefined, { duration: 4000 });
      });
  }

  protected async signOut(): Promise<void> {
    try {
      await this.auth.signOut();
    } catch (error) {
      this.snackBar.open(`Could not sign out. ${this.errors.handle(error).message}`, 'Dismiss', { duration: 8000 });
    }
  }

  protected retry(): void {
    location.reload();
  }
}

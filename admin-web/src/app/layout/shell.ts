import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { ChangePasswordDialog } from '../account/change-password.dialog';
import { ApiErrors, Failure } from '../core/errors/api-errors';
import { AuthService } from '../core/session/auth.service';
import { CurrentUser } from '../core/session/current-user';
import { ErrorState } from '../shared/error-state';
import { Sidebar } from './sidebar';

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

  constructor() {
    this.user.ensureLoaded().catch((error: unknown) => this.failure.set(this.errors.handle(error)));
  }

  protected switchOrganization(organizationId: string): void {
    this.user.selectOrganization(organizationId);
    // The page's permission is checked again for the new organization.
    void this.router.navigateByUrl(this.router.url, { onSameUrlNavigation: 'reload' });
  }

  protected changePassword(): void {
    this.dialog
      .open<ChangePasswordDialog, void, boolean>(ChangePasswordDialog, { width: '32rem' })
      .afterClosed()
      .subscribe((changed) => {
        if (changed) this.snackBar.open('Password changed', undefined, { duration: 4000 });
      });
  }

  protected signOut(): void {
    this.auth.signOut();
  }

  protected retry(): void {
    location.reload();
  }
}

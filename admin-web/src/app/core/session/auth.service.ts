import { DestroyRef, inject, Injectable } from '@angular/core';
import { Router } from '@angular/router';
import { TPTM_CLIENT } from '../api/tptm-client';
import { CurrentUser } from './current-user';
import { SessionStore } from './session.store';

/** Signing in and out, and ending a session that the API no longer accepts. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly client = inject(TPTM_CLIENT);
  private readonly session = inject(SessionStore);
  private readonly user = inject(CurrentUser);
  private readonly router = inject(Router);
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.watchExpiry();
    inject(DestroyRef).onDestroy(() => clearTimeout(this.expiryTimer));
  }

  async signIn(email: string, password: string): Promise<void> {
    const { accessToken, expiresIn } = await this.client.auth.login({ requestBody: { email, password } });
    this.user.clear();
    this.session.start(accessToken, expiresIn);
    this.watchExpiry();
  }

  signOut(): void {
    this.end();
    void this.router.navigateByUrl('/sign-in');
  }

  /**
   * Back to sign-in with a message, and to `returnUrl` after signing in again.
   * Called when the token runs out, and whenever the API answers 401.
   */
  expire(returnUrl = this.router.url): void {
    if (!this.session.signedIn()) return;
    this.end();
    void this.router.navigate(['/sign-in'], {
      queryParams: { reason: 'expired', returnUrl: returnUrl.startsWith('/sign-in') ? undefined : returnUrl },
    });
  }

  private end(): void {
    clearTimeout(this.expiryTimer);
    this.session.clear();
    this.user.clear();
  }

  /** An idle console leaves the page when its token runs out, instead of failing on the next click. */
  private watchExpiry(): void {
    clearTimeout(this.expiryTimer);
    const remaining = this.session.remainingMs();
    if (remaining === undefined) return;
    // setTimeout fires at once for delays beyond ~24.8 days; tokens live hours at most.
    this.expiryTimer = setTimeout(() => this.expire(), Math.max(0, Math.min(remaining, 2 ** 31 - 1)));
  }
}

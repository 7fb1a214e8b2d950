import { DestroyRef, inject, Injectable, PendingTasks } from '@angular/core';
import { Router } from '@angular/router';
import { AccessTokenResponse, isTptmApiError } from '@tptm/sdk';
import { TPTM_CLIENT } from '../api/tptm-client';
import { CurrentUser } from './current-user';
import { SessionStore } from './session.store';

/** How long before a token runs out a new one is fetched: a background tab's timers may run a minute late. */
const RENEW_BEFORE_MS = 2 * 60_000;
/** When a renewal got no answer (offline, a laptop just woken), how soon it is tried again. */
const RETRY_MS = 15_000;

/**
 * Signing in and out, and keeping the tab's access token fresh. The session
 * lives in an HttpOnly cookie shared by every tab; `auth.refresh` trades it
 * for a short-lived token on start-up, before the token runs out and after a
 * 401. When the session has ended, the tab goes back to sign-in.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly client = inject(TPTM_CLIENT);
  private readonly session = inject(SessionStore);
  private readonly user = inject(CurrentUser);
  private readonly router = inject(Router);
  /** Tells Angular a refresh is under way, so that its stability (and tests waiting on it) waits too. */
  private readonly pendingTasks = inject(PendingTasks);
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private restoring: Promise<void> | null = null;
  private refreshing: Promise<boolean> | null = null;
  /** Bumped whenever a session starts or ends here, so that a refresh answered after that cannot undo it. */
  private generation = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.renewTimer));
  }

  /**
   * Whether the tab is signed in, after picking up the browser's session the
   * first time it is asked: a reload or a new tab is signed in if any tab is.
   */
  async restore(): Promise<boolean> {
    this.restoring ??= this.session.signedIn()
      ? Promise.resolve()
      : this.refresh().then(
          () => undefined,
          // The server did not answer: the next navigation asks again.
          () => void (this.restoring = null),
        );
    await this.restoring;
    return this.session.signedIn();
  }

  /**
   * A new access token from the session cookie. Resolves false when the
   * session has ended, and rejects when the server could not be asked.
   * Concurrent callers share one request.
   */
  refresh(): Promise<boolean> {
    return (this.refreshing ??= this.renew().finally(() => (this.refreshing = null)));
  }

  async signIn(email: string, password: string): Promise<void> {
    this.startSession(await this.client.auth.login({ requestBody: { email, password } }));
  }

  /** A session from a sign-in, an accepted invitation or a password reset, perhaps for another user. */
  startSession({ accessToken, expiresIn }: Pick<AccessTokenResponse, 'accessToken' | 'expiresIn'>): void {
    this.generation++;
    this.user.clear();
    this.keep(accessToken, expiresIn);
  }

  /**
   * Ends the session on the server, for every tab, then here. Rejects, still
   * signed in, when the server could not be told: a session left standing
   * behind a sign-in page would sign the next tab in again.
   */
  async signOut(returnUrl?: string): Promise<void> {
    // An expired token cannot end the session; a fresh one can.
    if (this.session.validToken() || (await this.refresh())) {
      try {
        await this.client.auth.logout();
      } catch (error) {
        // A 401: the session had already ended.
        if (!isTptmApiError(error) || error.status !== 401) throw error;
      }
    }
    this.forget();
    await this.router.navigate(['/sign-in'], { queryParams: { returnUrl } });
  }

  /**
   * Called whenever the API answers 401: the token may just be stale, so a
   * new one is fetched; when the session has ended, back to sign-in with a
   * message, and to `returnUrl` after signing in again.
   */
  expire(returnUrl = this.router.url): void {
    if (!this.session.signedIn()) return;
    this.refresh().then(
      (renewed) => renewed || this.leave(returnUrl),
      () => this.leave(returnUrl),
    );
  }

  /** Forgets the session in this tab only. */
  forget(): void {
    this.generation++;
    clearTimeout(this.renewTimer);
    this.session.clear();
    this.user.clear();
  }

  private async renew(): Promise<boolean> {
    const generation = this.generation;
    const done = this.pendingTasks.add();
    try {
      const { accessToken, expiresIn } = await this.client.auth.refresh();
      if (generation !== this.generation) return this.session.signedIn();
      const previousUser = this.user.me()?.id;
      this.keep(accessToken, expiresIn);
      if (previousUser) this.followUser(previousUser);
      return true;
    } catch (error) {
      if (isTptmApiError(error) && error.status === 401) return false;
      throw error;
    } finally {
      done();
    }
  }

  private keep(accessToken: string, expiresIn: number): void {
    this.session.start(accessToken, expiresIn);
    const remaining = expiresIn * 1000;
    this.renewAfter(Math.max(remaining - RENEW_BEFORE_MS, remaining / 2));
  }

  /** The cookie is the browser's: another tab may have signed in as someone else since, and this one follows. */
  private followUser(previousUser: string): void {
    this.user.refresh().then(
      (me) => {
        if (me.id !== previousUser) void this.router.navigateByUrl('/');
      },
      // The page's own next call reports what went wrong.
      () => undefined,
    );
  }

  private renewAfter(delayMs: number): void {
    clearTimeout(this.renewTimer);
    // setTimeout fires at once for delays beyond ~24.8 days; tokens live hours at most.
    this.renewTimer = setTimeout(
      () =>
        this.refresh().then(
          (renewed) => renewed || this.leave(this.router.url),
          () => this.renewAfter(RETRY_MS),
        ),
      Math.max(0, Math.min(delayMs, 2 ** 31 - 1)),
    );
  }

  private leave(returnUrl: string): void {
    if (!this.session.signedIn()) return;
    this.forget();
    void this.router.navigate(['/sign-in'], {
      queryParams: { reason: 'expired', returnUrl: returnUrl.startsWith('/sign-in') ? undefined : returnUrl },
    });
  }
}

import { computed, Injectable, signal } from '@angular/core';

interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * The signed-in user's access token, in this tab's memory only: no storage a
 * page script could read it back from, and gone with the tab. What makes a
 * reload or a new tab signed in is the session cookie, which scripts cannot
 * read at all; AuthService trades it for a token here.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly session = signal<Session | null>(null);

  readonly signedIn = computed(() => this.session() !== null);

  /** The token while it is still valid; after its expiry the API would refuse it anyway. */
  validToken(): string | undefined {
    const session = this.session();
    return session && session.expiresAt > Date.now() ? session.accessToken : undefined;
  }

  /** Milliseconds until the token expires, or undefined when signed out. */
  remainingMs(): number | undefined {
    const session = this.session();
    return session ? session.expiresAt - Date.now() : undefined;
  }

  start(accessToken: string, expiresInSeconds: number): void {
    this.session.set({ accessToken, expiresAt: Date.now() + expiresInSeconds * 1000 });
  }

  clear(): void {
    this.session.set(null);
  }
}

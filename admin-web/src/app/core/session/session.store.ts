import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable, signal } from '@angular/core';

interface StoredSession {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const STORAGE_KEY = 'tptm.session';

/**
 * The signed-in user's access token. It is kept in sessionStorage so that it
 * survives a reload but ends with the tab: a token that can manage API keys
 * should not outlive the browser session it was issued to.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly storage = inject(DOCUMENT).defaultView?.sessionStorage;
  private readonly session = signal<StoredSession | null>(this.read());

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
    const session = { accessToken, expiresAt: Date.now() + expiresInSeconds * 1000 };
    this.storage?.setItem(STORAGE_KEY, JSON.stringify(session));
    this.session.set(session);
  }

  clear(): void {
    this.storage?.removeItem(STORAGE_KEY);
    this.session.set(null);
  }

  private read(): StoredSession | null {
    try {
      const stored: unknown = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? 'null');
      if (
        stored &&
        typeof stored === 'object' &&
        typeof (stored as StoredSession).accessToken === 'string' &&
        typeof (stored as StoredSession).expiresAt === 'number'
      ) {
        return stored as StoredSession;
      }
    } catch {
      // A corrupt entry is treated as no session.
    }
    return null;
  }
}

import { DOCUMENT } from '@angular/common';
import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { MeResponse, MembershipSummary, Permission } from '@tptm/sdk';
import { TPTM_CLIENT } from '../api/tptm-client';

const ORGANIZATION_KEY = 'tptm.organization';

/**
 * Who is signed in, the organization they are working in, and what their
 * roles there allow (GET /api/v1/me). The console shows and hides by these
 * permissions; the API enforces them on its own.
 */
@Injectable({ providedIn: 'root' })
export class CurrentUser {
  private readonly client = inject(TPTM_CLIENT);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  private readonly chosenOrganizationId = signal<string | null>(this.storage?.getItem(ORGANIZATION_KEY) ?? null);
  private loading: Promise<MeResponse> | null = null;
  /** Bumped on sign-out, so that an answer still in flight cannot bring the old user back. */
  private generation = 0;

  readonly me = signal<MeResponse | null>(null);
  readonly memberships = computed(() => this.me()?.memberships ?? []);
  /** The chosen organization, or the first one when the choice is gone (say, after leaving it). */
  readonly membership = computed<MembershipSummary | null>(() => {
    const memberships = this.memberships();
    return memberships.find((m) => m.organization.id === this.chosenOrganizationId()) ?? memberships[0] ?? null;
  });
  readonly organization = computed(() => this.membership()?.organization ?? null);
  readonly permissions = computed(() => new Set<Permission>(this.membership()?.permissions ?? []));

  has(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  /** The current organization's id; pages that need one are only reachable with one. */
  organizationId(): string {
    const organization = this.organization();
    if (!organization) throw new Error('No organization is selected');
    return organization.id;
  }

  /** Loads the user once per session; concurrent callers share the request. */
  ensureLoaded(): Promise<MeResponse> {
    const me = this.me();
    return me ? Promise.resolve(me) : (this.loading ??= this.fetch());
  }

  /** Reads roles and permissions again, after a change that may have altered them. */
  refresh(): Promise<MeResponse> {
    return (this.loading = this.fetch());
  }

  selectOrganization(organizationId: string): void {
    this.storage?.setItem(ORGANIZATION_KEY, organizationId);
    this.chosenOrganizationId.set(organizationId);
  }

  clear(): void {
    this.generation++;
    this.loading = null;
    this.me.set(null);
  }

  private async fetch(): Promise<MeResponse> {
    const generation = this.generation;
    try {
      const me = await this.client.me.getMe();
      if (generation === this.generation) this.me.set(me);
      return me;
    } finally {
      if (generation === this.generation) this.loading = null;
    }
  }
}

/**
 * Runs `load` now and again whenever the user switches organization, for
 * pages that show one organization's data. Call it in an injection context.
 */
export function loadPerOrganization(load: () => unknown): void {
  const user = inject(CurrentUser);
  const organizationId = computed(() => user.organization()?.id);
  effect(() => {
    if (organizationId()) untracked(load);
  });
}

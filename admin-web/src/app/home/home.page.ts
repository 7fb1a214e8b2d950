import { ChangeDetectionStrategy, Component, computed, inject, PendingTasks, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { type ApiKeyResponse, type AuditEventResponse, Permission, QUERY_LIMITS } from '@tptm/sdk';
import { AuditAction, AuditActorName } from '../audit-log/audit-format';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { ApiErrors } from '../core/errors/api-errors';
import { CurrentUser, loadPerOrganization } from '../core/session/current-user';
import { CursorList } from '../shared/cursor-list';
import { RelativeTime } from '../shared/relative-time';

const DAY_MS = 86_400_000;
/** The user guide's threshold for a key that may no longer be needed. */
const IDLE_DAYS = 90;
/** Keys read per request, and the most the overview counts: past this it says "500+" instead of reading on. */
const KEY_PAGE = QUERY_LIMITS.listApiKeys.limit.maximum;
const KEYS_COUNTED = 500;
const RECENT_EVENTS = 5;

/** Unused for 90 days: last used that long ago, or never used and created that long ago. */
export function idleFor90Days(key: Pick<ApiKeyResponse, 'createdAt' | 'lastUsedAt'>, now = Date.now()): boolean {
  return now - Date.parse(key.lastUsedAt ?? key.createdAt) >= IDLE_DAYS * DAY_MS;
}

interface KeyCounts {
  total: number;
  idle: number;
  /** More keys exist than were counted. */
  more: boolean;
}

/**
 * Where signing in lands: an overview of the organization, a tile per admin
 * page the user may open (how many keys and how many idle, members and
 * invitations, roles, the latest audit events), each linking to its page.
 */
@Component({
  selector: 'app-home-page',
  imports: [MatIconModule, RouterLink, AuditAction, AuditActorName, RelativeTime],
  templateUrl: './home.page.html',
  styles: `
    h1 {
      margin: 0 0 0.25rem;
      font: var(--mat-sys-headline-medium);
    }
    .intro {
      margin: 0 0 1.5rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
      gap: 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .tile {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      padding: 1rem 1.25rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface);
    }
    .tile.wide {
      grid-column: 1 / -1;
    }
    .tile h2 {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .tile h2 a {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      color: var(--mat-sys-primary);
      text-decoration: none;
    }
    .tile h2 a:hover,
    .tile h2 a:focus-visible {
      text-decoration: underline;
    }
    .tile h2 a mat-icon {
      width: 20px;
      height: 20px;
      font-size: 20px;
    }
    .figure {
      margin-inline-end: 0.25rem;
      font: var(--mat-sys-display-small);
    }
    .tile p {
      margin: 0;
    }
    .attention {
      color: #5f3700;
    }
    .events {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .events li {
      display: grid;
      grid-template-columns: 8rem minmax(0, 1fr) minmax(0, 12rem);
      gap: 0.25rem 1rem;
      padding: 0.5rem 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .events .target {
      grid-column: 2;
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 599.98px) {
      .events li {
        grid-template-columns: minmax(0, 1fr);
      }
      .events .target {
        grid-column: 1;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  private readonly client = inject(TPTM_CLIENT);
  private readonly errors = inject(ApiErrors);
  private readonly pendingTasks = inject(PendingTasks);
  protected readonly user = inject(CurrentUser);
  protected readonly Permission = Permission;

  protected readonly hasAdminPages = computed(() =>
    [Permission.KEY_MANAGE, Permission.ROLE_MANAGE, Permission.MEMBER_MANAGE, Permission.AUDIT_READ].some((p) => this.user.has(p)),
  );
  protected readonly roleNames = computed(() => {
    const names = (this.user.membership()?.roles ?? []).map((role) => role.name);
    return names.length ? new Intl.ListFormat('en', { type: 'conjunction' }).format(names) : '';
  });

  protected readonly keys = signal<KeyCounts | null>(null);
  protected readonly keysFailed = signal<string | null>(null);
  protected readonly members = CursorList.whole(() => this.client.members.listMembers({ orgId: this.user.organizationId() }));
  protected readonly invitations = CursorList.whole(() => this.client.members.listInvitations({ orgId: this.user.organizationId() }));
  protected readonly roles = CursorList.whole(() => this.client.roles.listRoles({ orgId: this.user.organizationId() }));
  protected readonly customRoles = computed(() => this.roles.items().filter((role) => !role.builtIn).length);
  protected readonly events = new CursorList<AuditEventResponse>(async () => {
    const page = await this.client.audit.listAuditEvents({ orgId: this.user.organizationId(), limit: RECENT_EVENTS });
    // The latest only: the Audit Log page reads on.
    return { items: page.items, nextCursor: null };
  });

  constructor() {
    loadPerOrganization(() => {
      if (this.user.has(Permission.KEY_MANAGE)) void this.countKeys(this.user.organizationId());
      if (this.user.has(Permission.MEMBER_MANAGE)) {
        void this.members.reload();
        void this.invitations.reload();
      }
      if (this.user.has(Permission.ROLE_MANAGE)) void this.roles.reload();
      if (this.user.has(Permission.AUDIT_READ)) void this.events.reload();
    });
  }

  /**
   * The API counts nothing, so the keys are read (100 a request) and counted
   * here, up to 500: an organization with more is told "500+", not made to
   * wait for every page.
   */
  private async countKeys(organizationId: string): Promise<void> {
    // Tells Angular the count is still loading, so that its stability (and tests waiting on it) waits too.
    const done = this.pendingTasks.add();
    this.keys.set(null);
    this.keysFailed.set(null);
    let counts: KeyCounts = { total: 0, idle: 0, more: false };
    let cursor: string | undefined;
    try {
      do {
        const page = await this.client.apiKeys.listApiKeys({ orgId: organizationId, limit: KEY_PAGE, cursor });
        counts = { total: counts.total + page.items.length, idle: counts.idle + page.items.filter((key) => idleFor90Days(key)).length, more: false };
        cursor = page.nextCursor ?? undefined;
      } while (cursor && counts.total < KEYS_COUNTED);
      if (organizationId === this.user.organization()?.id) this.keys.set({ ...counts, more: cursor !== undefined });
    } catch (error) {
      if (organizationId === this.user.organization()?.id) this.keysFailed.set(this.errors.handle(error).message);
    } finally {
      done();
    }
  }
}

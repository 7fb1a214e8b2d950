import { ChangeDetectionStrategy, Component, computed, inject, PendingTasks, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { type AttentionResponse, type AuditEventResponse, Permission } from '@tptm/sdk';
import { AuditAction, AuditActorName } from '../audit-log/audit-format';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { ApiErrors } from '../core/errors/api-errors';
import { CurrentUser, loadPerOrganization } from '../core/session/current-user';
import { CursorList } from '../shared/cursor-list';
import { RelativeTime } from '../shared/relative-time';

const RECENT_EVENTS = 5;

/** One line of "Needs attention": a count, what it counts, and the list filtered to exactly those. */
interface AttentionItem {
  id: string;
  count: number;
  one: string;
  other: string;
  link: string;
  queryParams?: Record<string, string>;
}

/**
 * Where signing in lands: first what needs doing (expired and expiring keys,
 * unused keys, pending and lapsed invitations), each a link to the list of
 * exactly those; then the latest audit events, each a link to what it was
 * about; then a tile per admin page the user may open.
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
    section {
      margin-bottom: 1.5rem;
    }
    section h2 {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-large);
    }
    section h2 a {
      display: inline-flex;
      align-items: center;
      color: inherit;
    }
    .attention-list {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .attention-list a {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 12px;
      background: #fff4e5;
      color: #5f3700;
      text-decoration: none;
    }
    .attention-list a:hover {
      text-decoration: underline;
    }
    .figure-sm {
      font: var(--mat-sys-headline-small);
    }
    .events {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .events li {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .event-link {
      display: grid;
      grid-template-columns: 8rem minmax(0, 1fr) minmax(0, 12rem);
      gap: 0.25rem 1rem;
      padding: 0.5rem 0.25rem;
      color: inherit;
      text-decoration: none;
    }
    .event-link:hover {
      background: var(--mat-sys-surface-container);
    }
    .events .target {
      grid-column: 2;
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 599.98px) {
      .event-link {
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

  protected readonly keyTotal = signal<number | null>(null);
  protected readonly attention = signal<AttentionResponse | null>(null);
  protected readonly attentionFailed = signal<string | null>(null);
  /** The counts above zero, most urgent first. */
  protected readonly attentionItems = computed<AttentionItem[]>(() => {
    const counts = this.attention();
    if (!counts) return [];
    const keys = '/admin/api-keys';
    const items: (AttentionItem | null)[] = [
      count(counts.exposedKeys, {
        id: 'exposed',
        one: 'key reported as leaked',
        other: 'keys reported as leaked',
        link: keys,
        queryParams: { status: 'exposed' },
      }),
      count(counts.policyViolations, {
        id: 'policy',
        one: 'key breaking the key policy',
        other: 'keys breaking the key policy',
        link: keys,
        queryParams: { status: 'policyViolation' },
      }),
      count(counts.expiredKeys, { id: 'expired', one: 'expired key', other: 'expired keys', link: keys, queryParams: { status: 'expired' } }),
      count(counts.expiringKeys, {
        id: 'expiring',
        one: 'key expiring within 14 days',
        other: 'keys expiring within 14 days',
        link: keys,
        queryParams: { status: 'expiring' },
      }),
      count(counts.unusedKeys, {
        id: 'unused',
        one: 'key unused for 90+ days',
        other: 'keys unused for 90+ days',
        link: keys,
        queryParams: { status: 'unused' },
      }),
      count(counts.lapsedInvitations, { id: 'lapsed', one: 'lapsed invitation', other: 'lapsed invitations', link: '/admin/members' }),
      count(counts.pendingInvitations, { id: 'pending', one: 'pending invitation', other: 'pending invitations', link: '/admin/members' }),
    ];
    return items.filter((item) => item !== null);
  });
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
      if (this.user.has(Permission.KEY_MANAGE) || this.user.has(Permission.MEMBER_MANAGE)) void this.loadAttention(this.user.organizationId());
      if (this.user.has(Permission.KEY_MANAGE)) void this.countKeys(this.user.organizationId());
      if (this.user.has(Permission.MEMBER_MANAGE)) {
        void this.members.reload();
        void this.invitations.reload();
      }
      if (this.user.has(Permission.ROLE_MANAGE)) void this.roles.reload();
      if (this.user.has(Permission.AUDIT_READ)) void this.events.reload();
    });
  }

  private async loadAttention(organizationId: string): Promise<void> {
    // Tells Angular the counts are still loading, so that its stability (and tests waiting on it) waits too.
    const done = this.pendingTasks.add();
    this.attention.set(null);
    this.attentionFailed.set(null);
    try {
      const counts = await this.client.organizations.getAttention({ orgId: organizationId });
      if (organizationId === this.user.organization()?.id) this.attention.set(counts);
    } catch (error) {
      if (organizationId === this.user.organization()?.id) this.attentionFailed.set(this.errors.handle(error).message);
    } finally {
      done();
    }
  }

  /** The list answers how many keys match; one key is all it needs to read. */
  private async countKeys(organizationId: string): Promise<void> {
    const done = this.pendingTasks.add();
    this.keyTotal.set(null);
    try {
      const page = await this.client.apiKeys.listApiKeys({ orgId: organizationId, limit: 1 });
      if (organizationId === this.user.organization()?.id) this.keyTotal.set(page.total);
    } catch {
      // The tile then says nothing about the count; the attention block reports the failure.
    } finally {
      done();
    }
  }

  /** Where an audit event's row leads: the key or role it was about, else the log itself. */
  protected eventLink(event: AuditEventResponse): string[] {
    const target = event.target as { type: string; id: string | null };
    if (target.type === 'api_key' && target.id && event.action !== 'api_key.deleted') return ['/admin/api-keys', target.id];
    if (target.type === 'role') return ['/admin/roles'];
    if (target.type === 'member' || target.type === 'invitation') return ['/admin/members'];
    return ['/admin/audit-log'];
  }
}

function count(value: number | null, item: Omit<AttentionItem, 'count'>): AttentionItem | null {
  return value ? { ...item, count: value } : null;
}

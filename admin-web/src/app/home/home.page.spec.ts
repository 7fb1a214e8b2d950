import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { type ApiKeyResponse, AuditAction, AuditActorType, type AuditEventResponse, Permission } from '@tptm/sdk';
import { apiError, fakeClient, FakeClient, invitation, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { HomePage, idleFor90Days } from './home.page';

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

function key(n: number, createdAt: string, lastUsedAt: string | null): ApiKeyResponse {
  return {
    id: `k${n}`,
    name: `Key ${n}`,
    maskedKey: 'tptm_ab12…x9Fa',
    permissions: [],
    expiresAt: null,
    previousKeyExpiresAt: null,
    enabled: true,
    rateLimit: null,
    allowedIps: [],
    revokedAt: null,
    exposure: null,
    policyViolations: [],
    createdAt,
    createdBy: null,
    lastUsedAt,
  };
}

describe('HomePage', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function render() {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(HomePage);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const tile = (heading: string) => [...element.querySelectorAll('.tile')].find((t) => t.querySelector('h2')?.textContent?.includes(heading));
    const text = (node: Element | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return { element, tile, text };
  }

  it('counts the keys and those unused for 90 days, reading every page, and links to API Keys', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    client.apiKeys.listApiKeys
      .mockResolvedValueOnce({ items: [key(1, ago(200 * DAY), ago(91 * DAY)), key(2, ago(100 * DAY), null)], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [key(3, ago(100 * DAY), ago(DAY)), key(4, ago(5 * DAY), null)], nextCursor: null });
    const { tile, text } = await render();

    expect(client.apiKeys.listApiKeys).toHaveBeenLastCalledWith({ orgId: ORG.id, limit: 100, cursor: 'c1' });
    expect(text(tile('API Keys'))).toContain('4 keys');
    expect(text(tile('API Keys'))).toContain('2 unused for 90+ days');
    expect(tile('API Keys')?.querySelector('a')?.getAttribute('href')).toBe('/admin/api-keys');
  });

  it('stops counting at 500 keys and says so, rather than reading on', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    const page = Array.from({ length: 100 }, (_, n) => key(n, ago(DAY), ago(DAY)));
    client.apiKeys.listApiKeys.mockResolvedValue({ items: page, nextCursor: 'more' });
    const { tile, text } = await render();
    expect(client.apiKeys.listApiKeys).toHaveBeenCalledTimes(5);
    expect(text(tile('API Keys'))).toContain('500+ keys');
  });

  it('counts members and pending invitations, roles, and lists the latest events, for the pages the user may open', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.MEMBER_MANAGE, Permission.ROLE_MANAGE, Permission.AUDIT_READ]));
    client.members.listMembers.mockResolvedValue({
      items: [{ id: 'u1', name: 'Ada', email: 'ada@example.com', roles: [], joinedAt: ago(DAY) }],
    });
    client.members.listInvitations.mockResolvedValue({ items: [invitation('mia@example.com'), invitation('lin@example.com')] });
    client.roles.listRoles.mockResolvedValue({
      items: ['Owner', 'Admin', 'Member', 'Integrations'].map((name, n) => ({
        id: `r${n}`,
        name,
        description: '',
        builtIn: n < 3,
        permissions: [],
        memberCount: 0,
        createdAt: ago(DAY),
      })),
    });
    const event: AuditEventResponse = {
      id: 'e1',
      action: AuditAction.MEMBER_ROLES_UPDATED,
      actor: { id: 'u1', name: 'Ada', type: AuditActorType.USER, email: 'ada@example.com', maskedKey: null },
      target: { id: 'u2', name: 'Grace Hopper', type: 'member' } as AuditEventResponse['target'],
      changes: [{ field: 'roles', before: [], after: ['Admin'] }],
      ip: null,
      userAgent: null,
      occurredAt: ago(3 * 60_000),
    };
    client.audit.listAuditEvents.mockResolvedValue({ items: [event], nextCursor: 'older' });
    const { tile, text, element } = await render();

    expect(tile('API Keys')).toBeUndefined();
    expect(client.apiKeys.listApiKeys).not.toHaveBeenCalled();
    expect(text(tile('Members'))).toContain('1 member');
    expect(text(tile('Members'))).toContain('2 pending invitations');
    expect(text(tile('Roles'))).toContain('4 roles, 1 custom');
    expect(client.audit.listAuditEvents).toHaveBeenCalledWith({ orgId: ORG.id, limit: 5 });
    const latest = [...element.querySelectorAll('[aria-label="Latest events"] li > *')].map((part) => text(part));
    expect(latest).toEqual(['3 minutes ago', 'Member roles changedAdded Admin', 'Ada ada@example.com', 'Grace Hopper']);
    expect(tile('Audit Log')?.querySelector('a')?.getAttribute('href')).toBe('/admin/audit-log');
  });

  it('says when a count could not be made', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    client.apiKeys.listApiKeys.mockRejectedValue(apiError(503, 'The database is not answering; try again shortly.'));
    const { tile, text } = await render();
    expect(text(tile('API Keys'))).toContain('Could not count the keys. The database is not answering; try again shortly.');
  });

  it('tells someone without admin pages whom to ask, instead of an empty overview', async () => {
    client.me.getMe.mockResolvedValue(me([]));
    const { element } = await render();
    expect(element.querySelector('.tiles')).toBeNull();
    expect(element.textContent).toContain("Your roles don't include any admin pages.");
  });
});

describe('idleFor90Days', () => {
  const now = Date.parse('2026-12-03T12:00:00.000Z');
  it('counts a key last used, or never used and created, 90 days ago or more', () => {
    expect(idleFor90Days({ createdAt: '2026-01-01T00:00:00.000Z', lastUsedAt: '2026-09-03T12:00:00.000Z' }, now)).toBe(true);
    expect(idleFor90Days({ createdAt: '2026-01-01T00:00:00.000Z', lastUsedAt: '2026-09-05T12:00:00.000Z' }, now)).toBe(false);
    expect(idleFor90Days({ createdAt: '2026-09-01T00:00:00.000Z', lastUsedAt: null }, now)).toBe(true);
    expect(idleFor90Days({ createdAt: '2026-11-01T00:00:00.000Z', lastUsedAt: null }, now)).toBe(false);
  });
});

import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuditAction, AuditActorType, type AuditEventResponse, Permission } from '@tptm/sdk';
import { apiError, fakeClient, FakeClient, invitation, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { HomePage } from './home.page';

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

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

  it('says first what needs attention, each count a link to the list of exactly those, and counts the keys from one request', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE, Permission.MEMBER_MANAGE]));
    client.members.listMembers.mockResolvedValue({ items: [] });
    client.members.listInvitations.mockResolvedValue({ items: [] });
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [], total: 42, nextCursor: 'c1' });
    client.organizations.getAttention.mockResolvedValue({
      expiringKeys: 2,
      expiredKeys: 1,
      exposedKeys: 1,
      unusedKeys: 0,
      policyViolations: 2,
      pendingInvitations: 3,
      lapsedInvitations: 1,
    });
    const { element, tile, text } = await render();

    const links = [...element.querySelectorAll('[data-testid="attention"] a')].map((a) => [text(a), a.getAttribute('href')]);
    expect(links).toEqual([
      ['1 key reported as leaked chevron_right', '/admin/api-keys?status=exposed'],
      ['2 keys breaking the key policy chevron_right', '/admin/api-keys?status=policyViolation'],
      ['1 expired key chevron_right', '/admin/api-keys?status=expired'],
      ['2 keys expiring within 14 days chevron_right', '/admin/api-keys?status=expiring'],
      ['1 lapsed invitation chevron_right', '/admin/members'],
      ['3 pending invitations chevron_right', '/admin/members'],
    ]);
    expect(client.apiKeys.listApiKeys).toHaveBeenCalledTimes(1);
    expect(client.apiKeys.listApiKeys).toHaveBeenCalledWith({ orgId: ORG.id, limit: 1 });
    expect(text(tile('API Keys'))).toContain('42 keys');
  });

  it('says when nothing needs attention', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [], total: 0, nextCursor: null });
    const { element } = await render();
    expect(element.querySelector('[data-testid="attention-none"]')?.textContent).toContain('Nothing needs attention.');
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
    expect(client.organizations.getAttention).toHaveBeenCalledWith({ orgId: ORG.id });
    expect(text(tile('Members'))).toContain('1 member');
    expect(text(tile('Members'))).toContain('2 pending invitations');
    expect(text(tile('Roles'))).toContain('4 roles, 1 custom');
    expect(client.audit.listAuditEvents).toHaveBeenCalledWith({ orgId: ORG.id, limit: 5 });
    const latest = [...element.querySelectorAll('[aria-label="Latest events"] li a > *')].map((part) => text(part));
    expect(latest).toEqual(['3 minutes ago', 'Member roles changedAdded Admin', 'Ada ada@example.com', 'Grace Hopper']);
    // Each row leads to what it was about.
    expect(element.querySelector('[aria-label="Latest events"] li a')?.getAttribute('href')).toBe('/admin/members');
  });

  it('says when what needs attention could not be checked', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [], total: 0, nextCursor: null });
    client.organizations.getAttention.mockRejectedValue(apiError(503, 'The database is not answering; try again shortly.'));
    const { element } = await render();
    expect(element.textContent).toContain('Could not check what needs attention. The database is not answering; try again shortly.');
  });

  it('tells someone without admin pages whom to ask, instead of an empty overview', async () => {
    client.me.getMe.mockResolvedValue(me([]));
    const { element } = await render();
    expect(element.querySelector('.tiles')).toBeNull();
    expect(element.textContent).toContain("Your roles don't include any admin pages.");
  });
});

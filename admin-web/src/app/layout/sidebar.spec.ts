import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MeResponse, Permission } from '@tptm/sdk';
import { fakeClient, me, ORG, OTHER_ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { Sidebar } from './sidebar';

describe('Sidebar', () => {
  beforeEach(() => localStorage.clear());

  async function render(user: MeResponse) {
    const client = fakeClient();
    client.me.getMe.mockResolvedValue(user);
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(Sidebar);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const adminToggle = () => [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Admin'));
    const openAdmin = async () => {
      adminToggle()?.click();
      await fixture.whenStable();
    };
    const adminLinks = () =>
      [...element.querySelectorAll('#admin-section a')].map((a) => ({
        text: a.textContent?.trim(),
        href: a.getAttribute('href'),
      }));
    return { fixture, adminToggle, openAdmin, adminLinks };
  }

  it('has no Admin section for a user without admin permissions', async () => {
    const { adminToggle } = await render(me([]));
    expect(adminToggle()).toBeUndefined();
  });

  it('shows API Keys, and only it, to a user with Key: Manage once Admin is opened', async () => {
    const { adminToggle, openAdmin, adminLinks } = await render(me([Permission.KEY_MANAGE]));
    expect(adminToggle()?.getAttribute('aria-expanded')).toBe('false');
    expect(adminLinks()).toEqual([]);

    await openAdmin();

    expect(adminToggle()?.getAttribute('aria-expanded')).toBe('true');
    expect(adminLinks()).toEqual([{ text: expect.stringContaining('API Keys'), href: '/admin/api-keys' }]);
  });

  it('shows each page for its own permission, in a fixed order', async () => {
    const { openAdmin, adminLinks } = await render(
      me([Permission.AUDIT_READ, Permission.MEMBER_MANAGE, Permission.ROLE_MANAGE, Permission.KEY_MANAGE]),
    );
    await openAdmin();
    expect(adminLinks().map((link) => link.href)).toEqual(['/admin/api-keys', '/admin/roles', '/admin/members', '/admin/audit-log']);
    expect(adminLinks().map((link) => link.text)).toEqual([
      expect.stringContaining('API Keys'),
      expect.stringContaining('Roles & Permissions'),
      expect.stringContaining('Members'),
      expect.stringContaining('Audit Log'),
    ]);
  });

  it('follows the permissions of the organization the user switches to', async () => {
    const { fixture, openAdmin, adminLinks, adminToggle } = await render(
      me(
        [],
        [
          { organization: ORG, permissions: [Permission.AUDIT_READ] },
          { organization: OTHER_ORG, permissions: [] },
        ],
      ),
    );
    await openAdmin();
    expect(adminLinks().map((link) => link.href)).toEqual(['/admin/audit-log']);

    TestBed.inject(CurrentUser).selectOrganization(OTHER_ORG.id);
    await fixture.whenStable();

    expect(adminToggle()).toBeUndefined();
  });

  it('remembers whether the Admin section was left open', async () => {
    const first = await render(me([Permission.KEY_MANAGE]));
    await first.openAdmin();
    expect(localStorage.getItem('tptm.sidebar.adminOpen')).toBe('true');
    first.fixture.destroy();

    TestBed.resetTestingModule();
    const second = await render(me([Permission.KEY_MANAGE]));
    expect(second.adminToggle()?.getAttribute('aria-expanded')).toBe('true');
    expect(second.adminLinks()).toEqual([{ text: expect.stringContaining('API Keys'), href: '/admin/api-keys' }]);
    await second.openAdmin();
    expect(localStorage.getItem('tptm.sidebar.adminOpen')).toBe('false');
    second.fixture.destroy();

    TestBed.resetTestingModule();
    const third = await render(me([Permission.KEY_MANAGE]));
    expect(third.adminToggle()?.getAttribute('aria-expanded')).toBe('false');
  });
});

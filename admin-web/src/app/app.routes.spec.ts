import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Permission } from '@tptm/sdk';
import { apiError, fakeClient, FakeClient, me, provideFakeClient } from '../testing/fake-client';
import { routes } from './app.routes';
import { SessionStore } from './core/session/session.store';

describe('routes', () => {
  let client: FakeClient;

  beforeEach(() => {
    localStorage.clear();
    client = fakeClient();
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [], nextCursor: null });
    TestBed.configureTestingModule({ providers: [provideRouter(routes, withComponentInputBinding()), provideFakeClient(client)] });
  });

  async function open(url: string) {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await harness.fixture.whenStable();
    return {
      url: TestBed.inject(Router).url,
      text: (harness.routeNativeElement?.closest('app-shell') ?? harness.routeNativeElement)?.textContent?.replace(/\s+/g, ' ') ?? '',
    };
  }

  it('sends a visitor to sign-in, remembering the page', async () => {
    const { url } = await open('/admin/api-keys');
    expect(url).toBe('/sign-in?returnUrl=%2Fadmin%2Fapi-keys');
    expect(client.auth.refresh).toHaveBeenCalledTimes(1);
  });

  it('opens the page in a new tab or after a reload, with the session another tab signed in', async () => {
    client.auth.refresh.mockResolvedValue({ accessToken: 'from-the-cookie', tokenType: 'Bearer', expiresIn: 3600 });
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    const { url, text } = await open('/admin/api-keys');
    expect(url).toBe('/admin/api-keys');
    expect(text).toContain('Create API Key');
    expect(TestBed.inject(SessionStore).validToken()).toBe('from-the-cookie');
  });

  it('renews a token that ran out, and stays', async () => {
    TestBed.inject(SessionStore).start('old-token', -1);
    client.auth.refresh.mockResolvedValue({ accessToken: 'new-token', tokenType: 'Bearer', expiresIn: 3600 });
    client.me.getMe.mockResolvedValue(me([Permission.MEMBER_MANAGE]));
    client.members.listMembers.mockResolvedValue({ items: [] });
    client.members.listInvitations.mockResolvedValue({ items: [] });
    client.roles.listRoles.mockResolvedValue({ items: [] });
    const { url } = await open('/admin/members');
    expect(url).toBe('/admin/members');
    expect(TestBed.inject(SessionStore).validToken()).toBe('new-token');
  });

  it('sends a user whose session ended to sign-in, saying so', async () => {
    TestBed.inject(SessionStore).start('old-token', -1);
    const { url } = await open('/admin/members');
    expect(url).toBe('/sign-in?reason=expired&returnUrl=%2Fadmin%2Fmembers');
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
  });

  it('treats a token the API refuses as expired', async () => {
    TestBed.inject(SessionStore).start('revoked-token', 3600);
    client.me.getMe.mockRejectedValue(apiError(401, 'Missing, invalid or expired credentials.'));
    const { url } = await open('/admin/api-keys');
    expect(url).toBe('/sign-in?reason=expired&returnUrl=%2Fadmin%2Fapi-keys');
  });

  it('opens API Keys with Key: Manage', async () => {
    TestBed.inject(SessionStore).start('token', 3600);
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    const { url, text } = await open('/admin/api-keys');
    expect(url).toBe('/admin/api-keys');
    expect(text).toContain('Create API Key');
    expect(client.apiKeys.listApiKeys).toHaveBeenCalled();
  });

  it.each([
    ['/admin/api-keys', Permission.MEMBER_MANAGE],
    ['/admin/roles', Permission.KEY_MANAGE],
    ['/admin/members', Permission.AUDIT_READ],
    ['/admin/audit-log', Permission.ROLE_MANAGE],
  ])('explains instead of opening %s without its permission', async (path, other) => {
    TestBed.inject(SessionStore).start('token', 3600);
    client.me.getMe.mockResolvedValue(me([other]));
    const { url, text } = await open(path);
    expect(url).toBe(path);
    expect(text).toContain("You don't have permission to view this page");
    expect(text).toContain('contact your organization administrator');
    expect(client.apiKeys.listApiKeys).not.toHaveBeenCalled();
  });

  it('keeps a signed-in user away from the sign-in page, in any tab', async () => {
    client.auth.refresh.mockResolvedValue({ accessToken: 'from-the-cookie', tokenType: 'Bearer', expiresIn: 3600 });
    client.me.getMe.mockResolvedValue(me([]));
    const { url } = await open('/sign-in');
    expect(url).toBe('/');
  });

  it.each([
    ['signed out', false],
    ['signed in', true],
  ])('opens an invitation link %s', async (_, signedIn) => {
    if (signedIn) client.auth.refresh.mockResolvedValue({ accessToken: 'from-the-cookie', tokenType: 'Bearer', expiresIn: 3600 });
    client.me.getMe.mockResolvedValue(me([]));
    client.invitations.getInvitation.mockResolvedValue({ organization: { name: 'Acme' }, email: 'grace@example.com' });
    const { url, text } = await open('/invite/the-token');
    expect(url).toBe('/invite/the-token');
    expect(text).toContain(signedIn ? "You're signed in as ada@example.com" : 'Sign in to accept');
    expect(client.invitations.getInvitation).toHaveBeenCalledWith({ token: 'the-token' });
  });

  it('opens a password-reset link signed out', async () => {
    client.auth.getPasswordReset.mockResolvedValue({ email: 'grace@example.com' });
    const { url, text } = await open('/reset-password/the-token');
    expect(url).toBe('/reset-password/the-token');
    expect(text).toContain('Choose a new password');
  });
});

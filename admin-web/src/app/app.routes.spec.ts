import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Permission } from '@tptm/sdk';
import { apiError, fakeClient, FakeClient, me, provideFakeClient } from '../testing/fake-client';
import { routes } from './app.routes';
import { SessionStore } from './core/session/session.store';

describe('routes', () => {
  let client: FakeClient;

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    client = fakeClient();
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [], nextCursor: null });
    TestBed.configureTestingModule({ providers: [provideRouter(routes), provideFakeClient(client)] });
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
  });

  it('sends a user whose token ran out to sign-in, saying so', async () => {
    TestBed.inject(SessionStore).start('old-token', -1);
    const { url } = await open('/admin/members');
    expect(url).toBe('/sign-in?reason=expired&returnUrl=%2Fadmin%2Fmembers');
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

  it('keeps a signed-in user away from the sign-in page', async () => {
    TestBed.inject(SessionStore).start('token', 3600);
    client.me.getMe.mockResolvedValue(me([]));
    const { url } = await open('/sign-in');
    expect(url).toBe('/');
  });
});

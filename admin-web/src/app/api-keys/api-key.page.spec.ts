import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { type ApiKeyResponse, AuditAction, type AuditEventResponse, Permission } from '@tptm/sdk';
import { dialogText } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { routes } from '../app.routes';
import { CurrentUser } from '../core/session/current-user';
import { ApiKeyPage } from './api-key.page';

const DAY = 86_400_000;
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

const KEY: ApiKeyResponse = {
  id: '6a1f6c38-0c7e-4a55-9d0b-111111111111',
  name: 'Production Integration',
  maskedKey: 'tptm_7Gq2…x9Fa',
  expiresAt: null,
  previousKeyExpiresAt: null,
  enabled: true,
  rateLimit: null,
  allowedIps: [],
  revokedAt: null,
  exposure: null,
  policyViolations: [],
  createdAt: fromNow(-DAY),
  createdBy: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com' },
  lastUsedAt: null,
  permissions: [],
};

function event(n: number, action: AuditAction, name = KEY.name): AuditEventResponse {
  return {
    id: `e${n}`,
    action,
    actor: { id: 'u1', name: 'Ada Lovelace', type: 'user', email: 'ada@example.com', maskedKey: null } as AuditEventResponse['actor'],
    changes: null,
    ip: '203.0.113.7',
    occurredAt: fromNow(-n * 60_000),
    target: { id: KEY.id, name, type: 'api_key' } as AuditEventResponse['target'],
    userAgent: 'Firefox',
  };
}

describe('ApiKeyPage', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE, Permission.AUDIT_READ]));
    client.apiKeys.getApiKey.mockResolvedValue(KEY);
    client.audit.listAuditEvents.mockResolvedValue({ items: [event(1, AuditAction.API_KEY_CREATED)], nextCursor: null });
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function render(keyId = KEY.id) {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(ApiKeyPage);
    fixture.componentRef.setInput('id', keyId);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const text = () => element.textContent?.replace(/\s+/g, ' ') ?? '';
    /** The definition list, term to description as a screen reader has it (icons left out). */
    const details = () =>
      Object.fromEntries(
        [...element.querySelectorAll('dt')].map((dt) => {
          const description = dt.nextElementSibling!.cloneNode(true) as Element;
          description.querySelectorAll('[aria-hidden="true"]').forEach((icon) => icon.remove());
          return [dt.textContent?.trim(), description.textContent?.replace(/\s+/g, ' ').trim()];
        }),
      );
    const button = (name: string) => loader.getHarness(MatButtonHarness.with({ text: new RegExp(`${name}$`) }));
    return { fixture, element, loader, text, details, button, settle: () => fixture.whenStable() };
  }

  it("shows the key's name, masked key, creator, dates and the actions on it", async () => {
    const { element, details, button } = await render();
    expect(client.apiKeys.getApiKey).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY.id });
    expect(element.querySelector('h1')?.textContent).toBe('Production Integration');
    expect(details()).toEqual({
      Key: 'tptm_7Gq2…x9Fa',
      'Created by': 'Ada Lovelace (ada@example.com)',
      Created: expect.stringMatching(/\d{4}/),
      Status: 'Enabled Disable Disabling refuses every request with the key at once, on every server, until it is enabled again.',
      Expires: 'Never Change expiry',
      'Last used': 'Never',
      Permissions: expect.stringMatching(/^Integration only Edit permissions They belong to the organization/),
      'Rate limit': 'No limit The key may make as many requests as it likes.',
      'Allowed addresses': 'Any address Edit limits',
    });
    for (const name of ['Rename', 'Roll key', 'Delete', 'Edit permissions', 'Disable', 'Change expiry', 'Edit limits']) {
      expect(await (await button(name)).isDisabled()).toBe(false);
    }
    expect(element.querySelector('a[href="/admin/api-keys"]')?.textContent).toContain('Back to API Keys');
  });

  it('shows the expiry with its date and time, and points out a key never used', async () => {
    client.apiKeys.getApiKey.mockResolvedValue({ ...KEY, createdAt: fromNow(-30 * DAY), expiresAt: fromNow(2 * DAY) });
    const { details } = await render();
    expect(details()['Expires']).toMatch(/^in 2 days.*\d{4}.* Change expiry$/);
    expect(details()['Last used']).toBe('Never Never used');
  });

  it('says an expired key is refused and offers to renew it, but no roll: the new secret would be expired too', async () => {
    client.apiKeys.getApiKey.mockResolvedValue({ ...KEY, expiresAt: fromNow(-DAY) });
    const { text, button } = await render();
    expect(text()).toContain('This key expired on');
    expect(text()).toContain('Renew it to give it a new expiry: it works again with the same secret, permissions, history and usage.');
    expect(text()).not.toContain("can't be changed");
    expect(await (await button('Roll key')).isDisabled()).toBe(true);
    expect(await (await button('Renew')).isDisabled()).toBe(false);
    expect(await (await button('Delete')).isDisabled()).toBe(false);
  });

  it('renews an expired key from its callout: the page shows the new expiry and the history reloads', async () => {
    const renewed = { ...KEY, expiresAt: fromNow(90 * DAY) };
    client.apiKeys.getApiKey.mockResolvedValue({ ...KEY, expiresAt: fromNow(-DAY) });
    client.apiKeys.updateApiKey.mockResolvedValue(renewed);
    const { text, details, loader, button, settle } = await render();
    await (await button('Renew')).click();
    await settle();
    expect(dialogText()).toContain('Renew API key');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Renew', ancestor: 'mat-dialog-container' }))).click();
    await settle();
    expect(client.apiKeys.updateApiKey).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY.id, requestBody: { expiresAt: expect.any(String) } });
    expect(text()).not.toContain('This key expired on');
    expect(details()['Expires']).toMatch(/\d{4}.* Change expiry$/);
    expect(await (await button('Roll key')).isDisabled()).toBe(false);
    expect(client.audit.listAuditEvents).toHaveBeenCalledTimes(2);
  });

  it("shows a key's rate limit in words and its allowed addresses", async () => {
    client.apiKeys.getApiKey.mockResolvedValue({
      ...KEY,
      rateLimit: { requests: 100, windowSeconds: 60 },
      allowedIps: ['203.0.113.7', '10.0.0.0/8'],
    });
    const { element, details } = await render();
    expect(details()['Rate limit']).toBe(
      '100 requests per minute Counted across every server together; requests over it are refused until the window frees up.',
    );
    expect([...element.querySelectorAll('ul.addresses code')].map((code) => code.textContent)).toEqual(['203.0.113.7', '10.0.0.0/8']);
    expect(details()['Allowed addresses']).toMatch(/Requests with the key from any other address are refused\. Edit limits$/);
  });

  it('edits the limits, and the page shows them', async () => {
    client.apiKeys.updateApiKey.mockResolvedValue({ ...KEY, rateLimit: { requests: 5, windowSeconds: 90 }, allowedIps: ['2001:db8::/32'] });
    const { element, details, loader, button, settle } = await render();
    await (await button('Edit limits')).click();
    await settle();
    expect(dialogText()).toContain('Edit limits');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    await settle();
    expect(details()['Rate limit']).toMatch(/^5 requests per 90 seconds /);
    expect([...element.querySelectorAll('ul.addresses code')].map((code) => code.textContent)).toEqual(['2001:db8::/32']);
    expect(client.audit.listAuditEvents).toHaveBeenCalledTimes(2);
  });

  it('disables the key after a confirmation saying what that does, then enables it again without asking', async () => {
    client.apiKeys.updateApiKey.mockResolvedValueOnce({ ...KEY, enabled: false }).mockResolvedValueOnce(KEY);
    const { text, details, loader, button, settle } = await render();
    expect(text()).not.toContain('This key is disabled');

    await (await button('Disable')).click();
    await settle();
    expect(dialogText()).toContain('Disable API key');
    expect(document.querySelector('[data-testid="confirm-subject"]')?.textContent).toBe('Production Integration');
    expect(dialogText()).toContain('Integrations using it stop at once, on every server');
    expect(dialogText()).toContain('Nothing else about the key changes');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Disable', ancestor: 'mat-dialog-container' }))).click();
    await settle();
    expect(client.apiKeys.updateApiKey).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY.id, requestBody: { enabled: false } });
    expect(details()['Status']).toBe('Disabled Enable Every request with the key is refused until it is enabled again.');
    expect(text()).toContain('This key is disabled: every request with it is refused until it is enabled again.');
    expect(client.audit.listAuditEvents).toHaveBeenCalledTimes(2);

    // One Enable in the callout, one beside the status: either does it.
    const [enable] = await loader.getAllHarnesses(MatButtonHarness.with({ text: /Enable$/ }));
    await enable!.click();
    await settle();
    expect(client.apiKeys.updateApiKey).toHaveBeenLastCalledWith({ orgId: ORG.id, keyId: KEY.id, requestBody: { enabled: true } });
    expect(details()['Status']).toMatch(/^Enabled Disable /);
    expect(text()).not.toContain('This key is disabled');
    expect(client.audit.listAuditEvents).toHaveBeenCalledTimes(3);
  });

  it('says why Enable failed, and the key stays disabled', async () => {
    client.apiKeys.getApiKey.mockResolvedValue({ ...KEY, enabled: false });
    client.apiKeys.updateApiKey.mockRejectedValue(apiError(503, 'The database is not answering; try again shortly.'));
    const { details, loader, settle } = await render();
    const [enable] = await loader.getAllHarnesses(MatButtonHarness.with({ text: /Enable$/ }));
    await enable!.click();
    await settle();
    expect(document.body.textContent).toContain('Could not enable the key. The database is not answering; try again shortly.');
    expect(details()['Status']).toMatch(/^Disabled Enable /);
  });

  it("lists the key's history for a user with Audit: Read", async () => {
    client.audit.listAuditEvents.mockResolvedValue({
      items: [
        event(1, AuditAction.API_KEY_ROLLED, 'Production v2'),
        {
          ...event(2, AuditAction.API_KEY_UPDATED, 'Production v2'),
          changes: [{ field: 'name', before: ['Production Integration'], after: ['Production v2'] }],
        },
        event(3, AuditAction.API_KEY_CREATED),
      ],
      nextCursor: null,
    });
    const { element } = await render();
    expect(client.audit.listAuditEvents).toHaveBeenCalledWith({ orgId: ORG.id, targetId: KEY.id, limit: 20, cursor: undefined });
    expect(element.querySelector('#history-heading')?.textContent).toBe('History');
    const rows = [...element.querySelectorAll('tr[mat-row]')].map((row) =>
      [...row.querySelectorAll('td')].slice(1, 4).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['API key rolled', 'Production v2', 'Ada Lovelace ada@example.com'],
      ['API key renamedName: Production Integration → Production v2', 'Production v2', 'Ada Lovelace ada@example.com'],
      ['API key created', 'Production Integration', 'Ada Lovelace ada@example.com'],
    ]);
  });

  it('leaves the history out without Audit: Read', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    const { element, text } = await render();
    expect(text()).toContain('Production Integration');
    expect(client.audit.listAuditEvents).not.toHaveBeenCalled();
    expect(element.querySelector('#history-heading')).toBeNull();
  });

  it('renames the key, and its history shows it', async () => {
    client.apiKeys.updateApiKey.mockResolvedValue({ ...KEY, name: 'Production v2' });
    const { element, loader, button, settle } = await render();
    await (await button('Rename')).click();
    await settle();
    expect(dialogText()).toContain('Rename API key');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    await settle();
    expect(element.querySelector('h1')?.textContent).toBe('Production v2');
    expect(client.audit.listAuditEvents).toHaveBeenCalledTimes(2);
  });

  it('rolls the key and says until when the previous secret works', async () => {
    const until = fromNow(3_600_000);
    client.apiKeys.rollApiKey.mockResolvedValue({ ...KEY, maskedKey: 'tptm_Zx81…q2Lm', previousKeyExpiresAt: until, key: 'tptm_new' });
    const { element, text, loader, button, settle } = await render();
    expect(text()).not.toContain('Previous secret works until');

    await (await button('Roll key')).click();
    await settle();
    await (await loader.getHarness(MatRadioGroupHarness)).checkRadioButton({ label: 'In 1 hour' });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Roll key', ancestor: 'mat-dialog-container' }))).click();
    await settle();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Done' }))).click();
    await settle();

    expect(text()).toContain('Previous secret works until');
    expect(element.querySelector('dl code')?.textContent).toBe('tptm_Zx81…q2Lm');
    expect(element.innerHTML).not.toContain('tptm_new');
    expect(client.audit.listAuditEvents).toHaveBeenCalledTimes(2);
  });

  it('deletes the key after the confirmation naming it, then goes back to the list', async () => {
    client.apiKeys.deleteApiKey.mockResolvedValue(undefined);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const { loader, button, settle } = await render();
    await (await button('Delete')).click();
    await settle();
    expect(document.querySelector('[data-testid="confirm-subject"]')?.textContent).toBe('Production Integration');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Delete', ancestor: 'mat-dialog-container' }))).click();
    await settle();
    expect(client.apiKeys.deleteApiKey).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY.id });
    // The list puts focus on its heading: the button that had it went with this page.
    expect(navigate).toHaveBeenCalledWith(['/admin/api-keys'], { state: { deleted: true } });
  });

  it('says so when there is no such key in the organization', async () => {
    client.apiKeys.getApiKey.mockRejectedValue(apiError(404, 'API key was not found.'));
    const { element, text } = await render();
    expect(element.querySelector('h1')?.textContent).toBe('API key not found');
    expect(text()).toContain('Acme has no API key at this address.');
    expect(client.audit.listAuditEvents).not.toHaveBeenCalled();
  });

  it("shows the API's message when the key cannot be loaded, and tries again on request", async () => {
    client.apiKeys.getApiKey.mockRejectedValueOnce(apiError(503, 'The database is not answering; try again shortly.')).mockResolvedValueOnce(KEY);
    const { element, loader, settle } = await render();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('The database is not answering');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
    await settle();
    expect(element.querySelector('h1')?.textContent).toBe('Production Integration');
  });

  it("goes back to the list when the user switches to another organization, where the key isn't", async () => {
    const other = { id: '0b6f8a4e-8d1f-4f4e-9a55-0a6f9b8c1d02', name: 'Globex' };
    client.me.getMe.mockResolvedValue(
      me(
        [],
        [
          { organization: ORG, permissions: [Permission.KEY_MANAGE] },
          { organization: other, permissions: [Permission.KEY_MANAGE] },
        ],
      ),
    );
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const { settle } = await render();
    TestBed.inject(CurrentUser).selectOrganization(other.id);
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/admin/api-keys']);
    expect(client.apiKeys.getApiKey).toHaveBeenCalledTimes(1);
  });
});

describe('the route /admin/api-keys/:id', () => {
  let client: FakeClient;
  /** The signed-in part of the console, without the session check in front of it. */
  const adminRoutes = routes.find((route) => route.children)!.children!;

  beforeEach(() => {
    localStorage.clear();
    client = fakeClient();
    client.apiKeys.getApiKey.mockResolvedValue(KEY);
    TestBed.configureTestingModule({ providers: [provideRouter(adminRoutes, withComponentInputBinding()), provideFakeClient(client)] });
  });

  async function open(url: string) {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await harness.fixture.whenStable();
    return harness.routeNativeElement?.textContent?.replace(/\s+/g, ' ') ?? '';
  }

  it("opens the key's page from its address, with Key: Manage", async () => {
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    const text = await open(`/admin/api-keys/${KEY.id}`);
    expect(client.apiKeys.getApiKey).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY.id });
    expect(text).toContain('Production Integration');
    expect(TestBed.inject(Router).url).toBe(`/admin/api-keys/${KEY.id}`);
  });

  it('explains instead of opening it without Key: Manage', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.AUDIT_READ]));
    const text = await open(`/admin/api-keys/${KEY.id}`);
    expect(text).toContain("You don't have permission to view this page");
    expect(client.apiKeys.getApiKey).not.toHaveBeenCalled();
  });
});

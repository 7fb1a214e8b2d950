import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideRouter, Router } from '@angular/router';
import { ApiKeyResponse, Permission } from '@tptm/sdk';
import { dialogText } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { SessionStore } from '../core/session/session.store';
import { ApiKeysPage } from './api-keys.page';

function key(n: number, overrides: Partial<ApiKeyResponse> = {}): ApiKeyResponse {
  return {
    id: `6a1f6c38-0c7e-4a55-9d0b-${String(n).padStart(12, '0')}`,
    name: `Key ${n}`,
    maskedKey: `tptm_ab${n}…x9Fa`,
    createdAt: '2026-11-29T10:00:00.000Z',
    createdBy: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com' },
    lastUsedAt: null,
    ...overrides,
  };
}

describe('ApiKeysPage', () => {
  let client: FakeClient;

  beforeEach(() => {
    sessionStorage.clear();
    client = fakeClient();
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE]));
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function render() {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(ApiKeysPage);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const text = () => element.textContent?.replace(/\s+/g, ' ') ?? '';
    const rows = () =>
      [...element.querySelectorAll('tr[mat-row]')].map((row) =>
        [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim()),
      );
    return { fixture, element, loader, text, rows, settle: () => fixture.whenStable() };
  }

  it('lists the keys with the columns of the contract', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({
      items: [key(1, { name: 'Production Integration', lastUsedAt: '2026-11-29T11:30:00.000Z' }), key(2, { createdBy: null })],
      nextCursor: null,
    });
    const { element, rows } = await render();

    const headers = [...element.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Name', 'Key', 'Created by', 'Created', 'Last used', 'Actions']);
    expect(client.apiKeys.listApiKeys).toHaveBeenCalledWith({ orgId: ORG.id, limit: 25, cursor: undefined });
    const [first, second] = rows();
    expect(first?.slice(0, 3)).toEqual(['Production Integration', 'tptm_ab1…x9Fa', 'Ada Lovelace']);
    expect(first?.[4]).not.toBe('Never');
    expect(second?.[2]).toBe('Deleted user');
    expect(second?.[4]).toBe('Never');
    expect(element.querySelector('button[aria-label="Delete API key Production Integration"]')).not.toBeNull();
  });

  it('says so when there are no keys yet', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [], nextCursor: null });
    const { text } = await render();
    expect(text()).toContain('No API keys yet.');
  });

  it('loads further pages with the cursor', async () => {
    client.apiKeys.listApiKeys
      .mockResolvedValueOnce({ items: [key(1), key(2)], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [key(3)], nextCursor: null });
    const { loader, rows, text, settle } = await render();
    expect(text()).toContain('2 keys shown');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Load more' }))).click();
    await settle();

    expect(client.apiKeys.listApiKeys).toHaveBeenLastCalledWith({ orgId: ORG.id, limit: 25, cursor: 'c1' });
    expect(rows().map((row) => row[0])).toEqual(['Key 1', 'Key 2', 'Key 3']);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Load more' }))).toHaveLength(0);
  });

  it("shows the API's message when the list fails, and tries again on request", async () => {
    client.apiKeys.listApiKeys
      .mockRejectedValueOnce(apiError(503, 'The database is not answering; try again shortly.'))
      .mockResolvedValueOnce({ items: [key(1)], nextCursor: null });
    const { element, loader, rows, settle } = await render();

    const alert = element.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Could not load API keys');
    expect(alert?.textContent).toContain('The database is not answering; try again shortly.');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
    await settle();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(rows()).toHaveLength(1);
  });

  it('keeps the rows it has when a further page fails, and tries that page again', async () => {
    client.apiKeys.listApiKeys
      .mockResolvedValueOnce({ items: [key(1)], nextCursor: 'c1' })
      .mockRejectedValueOnce(apiError(503, 'The database is not answering; try again shortly.'))
      .mockResolvedValueOnce({ items: [key(2)], nextCursor: null });
    const { element, loader, rows, settle } = await render();

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Load more' }))).click();
    await settle();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Could not load API keys');
    expect(rows().map((row) => row[0])).toEqual(['Key 1']);

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
    await settle();
    expect(client.apiKeys.listApiKeys).toHaveBeenLastCalledWith({ orgId: ORG.id, limit: 25, cursor: 'c1' });
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(rows().map((row) => row[0])).toEqual(['Key 1', 'Key 2']);
  });

  it('says the server cannot be reached when the request never got an answer', async () => {
    client.apiKeys.listApiKeys.mockRejectedValue(new TypeError('Failed to fetch'));
    const { text } = await render();
    expect(text()).toContain('Could not reach the server. Check your connection and try again.');
  });

  it('explains a refusal by the API instead of showing a broken table, and rereads the permissions', async () => {
    client.apiKeys.listApiKeys.mockRejectedValue(apiError(403, 'You need the key:manage permission.'));
    const { element, text } = await render();
    expect(text()).toContain("You don't have permission");
    expect(text()).toContain('contact your organization administrator');
    expect(element.querySelector('table')).toBeNull();
    // The role was taken away since sign-in: the sidebar should learn it too.
    expect(client.me.getMe).toHaveBeenCalledTimes(2);
  });

  it('returns to sign-in, saying the session expired, when the API answers 401', async () => {
    TestBed.inject(SessionStore).start('token', 3600);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    client.apiKeys.listApiKeys.mockRejectedValue(apiError(401, 'Missing, invalid or expired credentials.'));
    await render();
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { reason: 'expired', returnUrl: '/' } });
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
  });

  it('deletes a key after a confirmation that names it and warns about integrations', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [key(1, { name: 'Staging Environment' }), key(2)], nextCursor: null });
    client.apiKeys.deleteApiKey.mockResolvedValue(undefined);
    const { loader, rows, settle } = await render();

    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Delete API key Staging Environment"]' }))).click();
    await settle();
    expect(document.querySelector('[data-testid="confirm-subject"]')?.textContent).toBe('Staging Environment');
    expect(dialogText()).toContain('Any integrations using this key will immediately stop working.');
    expect(client.apiKeys.deleteApiKey).not.toHaveBeenCalled();

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Delete' }))).click();
    await settle();

    expect(client.apiKeys.deleteApiKey).toHaveBeenCalledWith({ orgId: ORG.id, keyId: key(1).id });
    expect(rows().map((row) => row[0])).toEqual(['Key 2']);
  });

  it('keeps the key and shows why when the delete fails', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [key(1)], nextCursor: null });
    client.apiKeys.deleteApiKey.mockRejectedValue(apiError(404, 'API key was not found.'));
    const { loader, rows, settle } = await render();

    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Delete API key Key 1"]' }))).click();
    await settle();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Delete' }))).click();
    await settle();

    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain('API key was not found.');
    expect(rows()).toHaveLength(1);
  });

  it('cancelling the confirmation deletes nothing', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [key(1)], nextCursor: null });
    const { loader, rows, settle } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Delete API key Key 1"]' }))).click();
    await settle();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
    await settle();
    expect(client.apiKeys.deleteApiKey).not.toHaveBeenCalled();
    expect(rows()).toHaveLength(1);
  });
});

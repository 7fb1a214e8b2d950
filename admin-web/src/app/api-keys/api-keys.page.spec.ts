import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import { ApiKeyResponse, Permission } from '@tptm/sdk';
import { dialogText } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { SessionStore } from '../core/session/session.store';
import { ApiKeysPage } from './api-keys.page';

const DAY = 86_400_000;
/** An instant that many milliseconds from now (negative: ago). */
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

function key(n: number, overrides: Partial<ApiKeyResponse> = {}): ApiKeyResponse {
  return {
    id: `6a1f6c38-0c7e-4a55-9d0b-${String(n).padStart(12, '0')}`,
    name: `Key ${n}`,
    maskedKey: `tptm_ab${n}…x9Fa`,
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
    ...overrides,
  };
}

/** The list request for a search and cursor, with no status filter and the default sort. */
const listCall = (q: string | undefined, cursor: string | undefined) => ({
  orgId: ORG.id,
  q,
  status: undefined,
  sort: '-createdAt',
  limit: 25,
  cursor,
});

/** A cell's text as a screen reader has it: icons (aria-hidden) left out. */
function spoken(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
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
    const rows = () => [...element.querySelectorAll('tr[mat-row]')].map((row) => [...row.querySelectorAll('td')].map(spoken));
    return { fixture, element, loader, text, rows, settle: () => fixture.whenStable() };
  }

  it('lists the keys in the columns that fit 1280 px, with their 30-day requests from the list itself', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({
      items: [
        { ...key(1, { name: 'Production Integration', lastUsedAt: '2026-11-29T11:30:00.000Z' }), requests30d: 1250 },
        { ...key(2, { createdBy: null }), requests30d: 0 },
      ],
      total: 2,
      nextCursor: null,
    });
    const { element, rows, text } = await render();

    const headers = [...element.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Name', 'Key', 'Last used', 'Expires', 'Requests, 30 days', 'Actions']);
    expect(client.apiKeys.listApiKeys).toHaveBeenCalledWith(listCall(undefined, undefined));
    const [first, second] = rows();
    expect(first?.slice(0, 2)).toEqual(['Production Integration', 'tptm_ab1…x9Fa']);
    expect(first?.[2]).not.toBe('Never');
    expect(second?.[2]).toBe('Never');
    expect(first?.[3]).toBe('Never');
    expect([first?.[4], second?.[4]]).toEqual(['1,250', '0']);
    expect(client.apiKeys.getApiKeyUsage).not.toHaveBeenCalled();
    expect(text()).toContain('2 keys');
    expect(element.querySelector('button[aria-label="Delete API key Production Integration"]')).not.toBeNull();
  });

  it("links each key's name to its page", async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [key(1, { name: 'Production Integration' })], nextCursor: null });
    const { element } = await render();
    const link = element.querySelector<HTMLAnchorElement>('td a');
    expect(link?.textContent?.trim()).toBe('Production Integration');
    expect(link?.getAttribute('href')).toBe(`/admin/api-keys/${key(1).id}`);
  });

  it('shows when each key expires: never, a date, a countdown within 7 days, or expired', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({
      items: [key(1), key(2, { expiresAt: fromNow(60 * DAY) }), key(3, { expiresAt: fromNow(3 * DAY) }), key(4, { expiresAt: fromNow(-60_000) })],
      nextCursor: null,
    });
    const { element, rows } = await render();
    const expires = rows().map((row) => row[3]);
    expect(expires[0]).toBe('Never');
    expect(expires[1]).toMatch(/\d{4}/);
    expect(expires[2]).toBe('in 3 days');
    expect(expires[3]).toBe('Expired');
    const cells = element.querySelectorAll('tr[mat-row] td:nth-child(4)');
    expect(cells[2]?.querySelector('.soon')).not.toBeNull();
    expect(cells[3]?.querySelector('.expired')).not.toBeNull();
  });

  it('points out keys never used for over 7 days, and keys unused for 90 days', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({
      items: [
        key(1, { createdAt: fromNow(-8 * DAY) }),
        key(2, { createdAt: fromNow(-6 * DAY) }),
        key(3, { createdAt: fromNow(-200 * DAY), lastUsedAt: fromNow(-91 * DAY) }),
        key(4, { createdAt: fromNow(-200 * DAY), lastUsedAt: fromNow(-10 * DAY) }),
      ],
      nextCursor: null,
    });
    const { element } = await render();
    const hints = [...element.querySelectorAll('tr[mat-row] app-key-hints')].map((cell) => cell.textContent?.trim());
    expect(hints).toEqual(['Never used', '', 'Unused for 90+ days', '']);
  });

  it('marks a disabled key in words beside its name, and a rate limit in short, spoken in full', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({
      items: [
        key(1, { name: 'Production Integration', enabled: false }),
        key(2, { name: 'Billing Export', rateLimit: { requests: 100, windowSeconds: 60 } }),
        key(3, { name: 'Partner Portal', enabled: false, rateLimit: { requests: 5, windowSeconds: 90 } }),
        key(4, { name: 'Staging Environment' }),
      ],
      nextCursor: null,
    });
    const { element, rows } = await render();
    const badges = [...element.querySelectorAll('tr[mat-row] app-key-state-badges')].map((cell) =>
      [...cell.querySelectorAll('.badge')].map((badge) => spoken(badge)),
    );
    expect(badges).toEqual([['Disabled'], ['Rate limit: 100/min'], ['Disabled', 'Rate limit: 5/90 s'], []]);
    expect(element.querySelector('.badge[title="Rate limit: 100 requests per minute"]')).not.toBeNull();
    // In the name's cell: no column is added.
    expect(element.querySelectorAll('th')).toHaveLength(6);
    expect(rows()[0]?.[0]).toBe('Production Integration Disabled');
  });

  describe('search', () => {
    async function type(loader: HarnessLoader, text: string) {
      await (await loader.getHarness(MatInputHarness.with({ selector: '[type="search"]' }))).setValue(text);
    }
    /** Past the pause after typing, and the answer that follows. */
    async function pause(settle: () => Promise<void>) {
      await new Promise((resolve) => setTimeout(resolve, 350));
      await settle();
    }

    it('asks the server for names containing the text once typing pauses', async () => {
      client.apiKeys.listApiKeys
        .mockResolvedValueOnce({ items: [key(1, { name: 'Production' }), key(2, { name: 'Staging' })], nextCursor: null })
        .mockResolvedValueOnce({ items: [key(1, { name: 'Production' })], nextCursor: null });
      const { loader, rows, settle } = await render();

      await type(loader, ' prod ');
      expect(client.apiKeys.listApiKeys).toHaveBeenCalledTimes(1);
      await pause(settle);

      expect(client.apiKeys.listApiKeys).toHaveBeenCalledTimes(2);
      expect(client.apiKeys.listApiKeys).toHaveBeenLastCalledWith(listCall('prod', undefined));
      expect(rows().map((row) => row[0])).toEqual(['Production']);
    });

    it('keeps the search for further pages', async () => {
      client.apiKeys.listApiKeys
        .mockResolvedValueOnce({ items: [key(1), key(2)], nextCursor: null })
        .mockResolvedValueOnce({ items: [key(1)], nextCursor: 'c1' })
        .mockResolvedValueOnce({ items: [key(3)], nextCursor: null });
      const { loader, settle } = await render();
      await type(loader, 'key');
      await pause(settle);
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Load more' }))).click();
      await settle();
      expect(client.apiKeys.listApiKeys).toHaveBeenLastCalledWith(listCall('key', 'c1'));
    });

    it('says nothing matched, unlike an organization without keys, and clears the filters on request', async () => {
      client.apiKeys.listApiKeys
        .mockResolvedValueOnce({ items: [key(1)], nextCursor: null })
        .mockResolvedValueOnce({ items: [], nextCursor: null })
        .mockResolvedValueOnce({ items: [key(1)], nextCursor: null });
      const { loader, rows, text, settle } = await render();
      await type(loader, 'billing');
      await pause(settle);

      expect(text()).toContain('No API keys match "billing".');
      expect(text()).not.toContain('No API keys yet.');

      await (await loader.getHarness(MatButtonHarness.with({ text: 'Clear filters' }))).click();
      expect(document.activeElement?.getAttribute('type')).toBe('search');
      await pause(settle);
      expect(client.apiKeys.listApiKeys).toHaveBeenLastCalledWith(listCall(undefined, undefined));
      expect(rows()).toHaveLength(1);
    });
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

    expect(client.apiKeys.listApiKeys).toHaveBeenLastCalledWith(listCall(undefined, 'c1'));
    expect(rows().map((row) => row[0])).toEqual(['Key 1', 'Key 2', 'Key 3']);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Load more' }))).toHaveLength(0);
    // Reading goes on at the first row the page brought; with every page in, the count is the total.
    expect(document.activeElement?.closest('tr')?.textContent).toContain('Key 3');
    expect(text()).toContain('3 keys');
    expect(text()).not.toContain('shown');
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
    expect(client.apiKeys.listApiKeys).toHaveBeenLastCalledWith(listCall(undefined, 'c1'));
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
    // The next row takes the deleted one's place, and focus.
    expect(document.activeElement?.closest('tr')?.textContent).toContain('Key 2');
  });

  it('puts focus on Create API Key once the last key is deleted', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [key(1)], nextCursor: null });
    client.apiKeys.deleteApiKey.mockResolvedValue(undefined);
    const { loader, settle, element } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Delete API key Key 1"]' }))).click();
    await settle();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Delete' }))).click();
    await settle();
    expect(document.activeElement?.textContent).toContain('Create API Key');
    expect(element.contains(document.activeElement)).toBe(true);
  });

  it('adds a new key at the top, highlighted, with focus on its row', async () => {
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [key(1)], nextCursor: null });
    client.apiKeys.createApiKey.mockResolvedValue({ ...key(9, { name: 'Daily Reports' }), key: `tptm_${'A'.repeat(46)}` });
    const { loader, rows, settle, element, text } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Create API Key/ }))).click();
    await settle();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="name"]' }))).setValue('Daily Reports');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Create' }))).click();
    await settle();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Done' }))).click();
    await settle();

    expect(rows().map((row) => row[0])).toEqual(['Daily Reports', 'Key 1']);
    const created = element.querySelector('tr.just-created');
    expect(created?.textContent).toContain('Daily Reports');
    expect(document.activeElement).toBe(created);
    expect(text()).toContain('2 keys');
  });

  it('shows when keys were last used relative to now, the exact time in a tooltip', async () => {
    const lastUsedAt = fromNow(-5 * 60_000);
    client.apiKeys.listApiKeys.mockResolvedValue({ items: [key(1, { createdAt: fromNow(-3 * DAY), lastUsedAt })], nextCursor: null });
    const { rows, element } = await render();
    expect(rows()[0]?.[2]).toBe('5 minutes ago');
    const created = element.querySelector('tr[mat-row] td:nth-child(3) time');
    expect(created?.getAttribute('datetime')).toBe(lastUsedAt);
    // MatTooltip describes the element with the exact time, for screen readers as for the mouse.
    const tooltip = document.getElementById(created?.getAttribute('aria-describedby') ?? '');
    expect(tooltip?.textContent).toMatch(/\d{4}.*\d{1,2}:\d{2}/);
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

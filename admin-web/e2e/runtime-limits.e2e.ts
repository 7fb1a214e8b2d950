import { createTptmClient, TptmClient } from '@tptm/sdk';
import { Browser, Locator, Page } from 'playwright-core';
import { checkPage, consoleTab, openDialog as openDialogOf, startServerAndBrowser } from './browser';
import { RunningServer } from './server';

/**
 * A key's runtime limits, in a real browser against the real server: a key
 * disabled from its page is refused by the API and accepted again once
 * enabled; a rate limit and allowed addresses set in Edit limits show on the
 * page and in the table and hold the key to them; an expired key is renewed
 * from its page and works again with the same secret.
 */
describe("a key's runtime limits in the console", () => {
  const KEY_NAME = 'Production Integration';
  const DESKTOP = { width: 1440, height: 900 };
  const PHONE = { width: 390, height: 844 };
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: TptmClient;
  let orgId: string;
  let keyId: string;
  let secret: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await startServerAndBrowser();
    const { accessToken } = await createTptmClient({ baseUrl: server.url }).auth.login({
      requestBody: { email: server.adminEmail, password: server.adminPassword },
    });
    api = createTptmClient({ baseUrl: server.url, accessToken });
    orgId = (await api.me.getMe()).memberships[0]!.organization.id;
    const created = await api.apiKeys.createApiKey({ orgId, requestBody: { name: KEY_NAME, expiresAt: null } });
    keyId = created.id;
    secret = created.key;
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
    page = await consoleTab(context, pageErrors);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  const check = (name: string) => checkPage(page, name);

  const openDialog = (opener: Locator) => openDialogOf(page, opener);

  /** A row of the page's table: the keys on the list, the events in a key's history. */
  function row(text: string): Locator {
    return page.locator('tr[mat-row]', { hasText: text });
  }

  /** What an integration gets with the key, straight from the API: the status and the problem's type, if any. */
  async function whoami(key = secret): Promise<{ status: number; type?: string }> {
    const response = await fetch(`${server.url}/api/v1/integration/whoami`, { headers: { 'X-API-Key': key } });
    const body = (await response.json().catch(() => ({}))) as { type?: string };
    return { status: response.status, type: body.type };
  }

  async function openKeyPage(id: string, name: string): Promise<void> {
    await page.goto(`${server.url}/admin/api-keys/${id}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  /** The value beside a label in the key's details. */
  function detail(label: string): Locator {
    return page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
  }

  /** What the value says to a person: its words, without the icons' ligature names, which are hidden from them. */
  const spoken = (value: Locator) =>
    value.evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    });

  it('signs in through the form', async () => {
    await page.goto(`${server.url}/admin/api-keys`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/admin/api-keys`);
    await row(KEY_NAME).waitFor();
  });

  it('disables the key from its page: the API refuses it, the table says so, and Enable brings it back', async () => {
    expect((await whoami()).status).toBe(200);
    await row(KEY_NAME).getByRole('link', { name: KEY_NAME }).click();
    await page.getByRole('heading', { level: 1, name: KEY_NAME }).waitFor();
    expect(await spoken(detail('Status'))).toMatch(/^Enabled/);

    const dialog = await openDialog(page.getByRole('button', { name: 'Disable', exact: true }));
    await dialog.getByRole('heading', { name: 'Disable API key' }).waitFor();
    await dialog.getByTestId('confirm-subject').getByText(KEY_NAME, { exact: true }).waitFor();
    await dialog.getByText('Integrations using it stop at once, on every server', { exact: false }).waitFor();
    await dialog.getByText('Nothing else about the key changes', { exact: false }).waitFor();
    await check('runtime-disable-dialog');
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByText('This key is disabled: every request with it is refused until it is enabled again.').waitFor();
    expect(await spoken(detail('Status'))).toMatch(/^Disabled/);
    await row('API key disabled').getByText('Status: Enabled → Disabled').waitFor();
    expect((await whoami()).status).toBe(401);
    await check('runtime-key-disabled');

    await page.getByRole('link', { name: 'Back to API Keys' }).click();
    await row(KEY_NAME).locator('.badge', { hasText: 'Disabled' }).waitFor();
    const headers = (await page.locator('th').allTextContents()).map((text) => text.trim());
    expect(headers).toEqual(['Name', 'Key', 'Last used', 'Expires', 'Requests, 30 days', 'Actions']);
    await check('runtime-table-disabled');

    await openKeyPage(keyId, KEY_NAME);
    // One Enable in the callout, one beside the status.
    await page.getByRole('button', { name: 'Enable', exact: true }).first().click();
    await page.getByText('This key is disabled', { exact: false }).waitFor({ state: 'detached' });
    expect(await spoken(detail('Status'))).toMatch(/^Enabled/);
    await row('API key enabled').waitFor();
    expect((await whoami()).status).toBe(200);
  });

  it('sets a rate limit and allowed addresses in Edit limits, naming a bad line, and the key is held to them', async () => {
    let dialog = await openDialog(page.getByRole('button', { name: 'Edit limits' }));
    await dialog.getByRole('heading', { name: 'Edit limits' }).waitFor();
    await dialog.getByRole('radio', { name: 'At most' }).check();
    await dialog.getByRole('spinbutton', { name: 'Requests' }).fill('2');
    await dialog.getByRole('combobox', { name: 'Per' }).click();
    await page.getByRole('option', { name: 'hour', exact: true }).click();
    const addresses = dialog.getByRole('textbox', { name: 'Allowed addresses' });
    await addresses.fill('203.0.113.7\n\nnot-an-address');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.locator('mat-error').getByText('Line 3 (not-an-address) is not an IPv4 or IPv6 address or CIDR range', { exact: false }).waitFor();
    await check('runtime-edit-limits-bad-line');

    // Neither address is this machine's: the key is refused here.
    await addresses.fill('203.0.113.7\n10.1.2.3/8');
    await check('runtime-edit-limits-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    expect(await spoken(detail('Rate limit'))).toMatch(/^2 requests per hour/);
    // The server keeps a range by its network address.
    expect(await page.locator('ul.addresses code').allTextContents()).toEqual(['203.0.113.7', '10.0.0.0/8']);
    await row('Limits changed').getByText('Rate limit: No limit → 2 requests per hour').waitFor();
    expect(await whoami()).toEqual({ status: 403, type: 'urn:tptm:problem:ip-not-allowed' });
    await check('runtime-key-limited');

    // From this machine, by either family: the key works, twice an hour.
    dialog = await openDialog(page.getByRole('button', { name: 'Edit limits' }));
    expect(await dialog.getByRole('spinbutton', { name: 'Requests' }).inputValue()).toBe('2');
    await dialog.getByRole('textbox', { name: 'Allowed addresses' }).fill('127.0.0.1\n::1');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('ul.addresses code').allTextContents()).toEqual(['127.0.0.1', '::1']);
    await row('Allowed addresses changed').waitFor();
    // A request refused for its address counted toward nothing.
    expect([(await whoami()).status, (await whoami()).status]).toEqual([200, 200]);
    expect(await whoami()).toEqual({ status: 429, type: 'urn:tptm:problem:rate-limited' });

    await page.getByRole('link', { name: 'Back to API Keys' }).click();
    const badges = row(KEY_NAME).locator('app-key-state-badges');
    await badges.getByText('2/h', { exact: false }).waitFor();
    expect((await badges.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Rate limit: 2/h');
    await check('runtime-table-limited');
  });

  it('renews an expired key from its page: the same secret works again', async () => {
    const expiring = await api.apiKeys.createApiKey({
      orgId,
      requestBody: { name: 'Nightly Backup Job', expiresAt: new Date(Date.now() + 2_000).toISOString() },
    });
    expect((await whoami(expiring.key)).status).toBe(200);
    // Refused from the instant it expires.
    for (let attempt = 0; attempt < 50 && (await whoami(expiring.key)).status !== 401; attempt++) await page.waitForTimeout(200);
    expect((await whoami(expiring.key)).status).toBe(401);

    await openKeyPage(expiring.id, 'Nightly Backup Job');
    await page.getByText('This key expired on', { exact: false }).waitFor();
    expect(await page.getByText("can't be changed", { exact: false }).count()).toBe(0);
    await check('runtime-key-expired');

    const dialog = await openDialog(page.getByRole('button', { name: 'Renew', exact: true }));
    await dialog.getByRole('heading', { name: 'Renew API key' }).waitFor();
    await dialog.getByText('the key works again at once, with the same secret', { exact: false }).waitFor();
    expect((await dialog.getByRole('combobox', { name: 'Expiration' }).textContent())?.trim()).toBe('90 days');
    await check('runtime-renew-dialog');
    await dialog.getByRole('button', { name: 'Renew', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByText('This key expired on', { exact: false }).waitFor({ state: 'detached' });
    await row('API key renewed').waitFor();
    expect((await whoami(expiring.key)).status).toBe(200);
    // Any key's expiry can be changed: here, taken away.
    const change = await openDialog(page.getByRole('button', { name: 'Change expiry' }));
    await change.getByRole('combobox', { name: 'Expiration' }).click();
    await page.getByRole('option', { name: 'No expiration' }).click();
    await change.getByRole('button', { name: 'Save' }).click();
    await change.waitFor({ state: 'detached' });
    expect(await spoken(detail('Expires'))).toMatch(/^Never/);
    await row('Expiry changed').waitFor();
  });

  it('fits a phone: the key page with its limits, disabled, and the Edit limits dialog', async () => {
    await page.setViewportSize(PHONE);
    try {
      const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      await openKeyPage(keyId, KEY_NAME);
      await page.locator('ul.addresses').waitFor();
      expect(await fits()).toBe(true);
      await check('runtime-key-limited-phone');

      const dialog = await openDialog(page.getByRole('button', { name: 'Edit limits' }));
      await dialog.getByRole('combobox', { name: 'Per' }).click();
      await page.getByRole('option', { name: 'number of seconds' }).click();
      await dialog.getByRole('spinbutton', { name: 'Seconds' }).waitFor();
      expect(await fits()).toBe(true);
      await check('runtime-edit-limits-dialog-phone');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });

      await api.apiKeys.updateApiKey({ orgId, keyId, requestBody: { enabled: false } });
      await openKeyPage(keyId, KEY_NAME);
      await page.getByText('This key is disabled', { exact: false }).waitFor();
      expect(await fits()).toBe(true);
      await check('runtime-key-disabled-phone');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });
});

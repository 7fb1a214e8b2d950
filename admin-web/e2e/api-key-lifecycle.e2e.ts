import { Browser, Locator, Page } from 'playwright-core';
import { checkPage, consoleTab, openDialog as openDialogOf, startServerAndBrowser } from './browser';
import { RunningServer } from './server';

/**
 * A key's life after creation, in a real browser against the real server:
 * an expiry chosen at creation, search, the key's own page, rename, roll
 * (the old secret refused, the new one working), and delete from there.
 */
describe('the key lifecycle in the console', () => {
  const KEY_NAME = 'Production Integration';
  const KEY_PATTERN = /^tptm_[0-9A-Za-z]{46}$/;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  /** The key's current secret, as the clipboard received it. */
  let secret: string;
  let keyPageUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await startServerAndBrowser();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
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

  function row(text: string) {
    return page.locator('tr[mat-row]', { hasText: text });
  }

  /** The HTTP status an integration gets with this key, straight from the API. */
  async function whoamiStatus(key: string): Promise<number> {
    const response = await fetch(`${server.url}/api/v1/integration/whoami`, { headers: { 'X-API-Key': key } });
    return response.status;
  }

  async function copySecret(dialog: ReturnType<Page['getByRole']>): Promise<string> {
    const shown = (await dialog.getByTestId('secret-value').textContent())?.trim() ?? '';
    expect(shown).toMatch(KEY_PATTERN);
    await dialog.getByRole('button', { name: 'Copy API key' }).click();
    await dialog.getByRole('status').getByText('Copied').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    return copied;
  }

  async function createKey(name: string, expiration?: string): Promise<string> {
    const dialog = await openDialog(page.getByRole('button', { name: 'Create API Key' }));
    await dialog.getByLabel('Name').fill(name);
    if (expiration) {
      await dialog.getByRole('combobox', { name: 'Expiration' }).click();
      await page.getByRole('option', { name: expiration, exact: true }).click();
      await dialog.getByText('The key stops working on', { exact: false }).waitFor();
      await check('lifecycle-create-expiration');
    }
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const key = await copySecret(dialog);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(name).waitFor();
    return key;
  }

  it('signs in through the form and opens API Keys', async () => {
    await page.goto(`${server.url}/admin/api-keys`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/admin/api-keys`);
    await page.getByText('No API keys yet.').waitFor();
  });

  it('creates a key that expires in 7 days, and the table counts them down', async () => {
    secret = await createKey(KEY_NAME, '7 days');
    expect(await whoamiStatus(secret)).toBe(200);

    const headers = (await page.locator('th').allTextContents()).map((text) => text.trim());
    expect(headers).toEqual(['Name', 'Key', 'Last used', 'Expires', 'Requests, 30 days', 'Actions']);
    const expires = row(KEY_NAME).locator('td').nth(headers.indexOf('Expires'));
    expect(await expires.locator('time').textContent()).toBe('in 7 days');
    await check('lifecycle-api-keys');
  });

  it('searches by name, and says when nothing matches', async () => {
    await createKey('Staging Environment');
    await createKey('Billing Export');
    const search = page.getByRole('searchbox', { name: 'Search by name' });

    await search.fill('stag');
    await row('Billing Export').waitFor({ state: 'detached' });
    await row(KEY_NAME).waitFor({ state: 'detached' });
    await row('Staging Environment').waitFor();
    await check('lifecycle-search');

    await search.fill('no such key');
    await page.getByText('No API keys match "no such key".').waitFor();
    expect(await page.getByText('No API keys yet.').count()).toBe(0);
    await check('lifecycle-search-empty');

    await page.getByRole('button', { name: 'Clear search' }).first().click();
    await row(KEY_NAME).waitFor();
    expect(await page.locator('tr[mat-row]').count()).toBe(3);
  });

  it("opens the key's page from its name, and the address survives a reload", async () => {
    await row(KEY_NAME).getByRole('link', { name: KEY_NAME }).click();
    await page.waitForURL(/\/admin\/api-keys\/[0-9a-f-]{36}$/);
    keyPageUrl = page.url();
    await page.getByRole('heading', { level: 1, name: KEY_NAME }).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: KEY_NAME }).waitFor();
    expect(page.url()).toBe(keyPageUrl);
    const masked = (await page.locator('dd code').textContent())?.trim() ?? '';
    expect(secret.startsWith(masked.slice(0, 9))).toBe(true);
    await page.getByText('in 7 days').waitFor();
    // The Owner holds Audit: Read, so the key's history is there.
    await page.getByRole('heading', { level: 2, name: 'History' }).waitFor();
    await row('API key created').waitFor();
    await check('lifecycle-api-key-page');
  });

  it('renames the key, refusing a name another key has on the Name field', async () => {
    const dialog = await openDialog(page.getByRole('button', { name: 'Rename' }));
    await dialog.getByRole('heading', { name: 'Rename API key' }).waitFor();
    expect(await dialog.getByLabel('Name').inputValue()).toBe(KEY_NAME);
    await check('lifecycle-rename-dialog');

    await dialog.getByLabel('Name').fill('staging environment');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog
      .locator('mat-error')
      .getByText(/^Name /)
      .waitFor();
    await check('lifecycle-rename-duplicate');

    await dialog.getByLabel('Name').fill(`${KEY_NAME} v2`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: `${KEY_NAME} v2` }).waitFor();
    await row('API key renamed').waitFor();
    // Renaming leaves the secret alone.
    expect(await whoamiStatus(secret)).toBe(200);
  });

  it('rolls the key with Now: the old secret is refused at once, the new one works', async () => {
    const dialog = await openDialog(page.getByRole('button', { name: 'Roll key' }));
    await dialog.getByRole('heading', { name: 'Roll API key' }).waitFor();
    await dialog.getByRole('radiogroup', { name: 'The current secret stops working' }).waitFor();
    await dialog.getByRole('radio', { name: 'Now', exact: true }).check();
    await dialog.getByText('stops working the moment you roll', { exact: false }).waitFor();
    await check('lifecycle-roll-dialog');

    await dialog.getByRole('button', { name: 'Roll key' }).click();
    await dialog.getByRole('heading', { name: 'API key rolled' }).waitFor();
    const rolled = await copySecret(dialog);
    expect(rolled).not.toBe(secret);
    await dialog.getByText('The previous secret no longer works.').waitFor();
    await check('lifecycle-roll-new-key');

    expect(await whoamiStatus(secret)).toBe(401);
    expect(await whoamiStatus(rolled)).toBe(200);
    secret = rolled;

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(rolled);
    const masked = (await page.locator('dd code').textContent())?.trim() ?? '';
    expect(rolled.startsWith(masked.slice(0, 9))).toBe(true);
    expect(await page.getByText('Previous secret works until').count()).toBe(0);
    await row('API key rolled').waitFor();
  });

  it('rolls with a grace period: both secrets work, and the page says until when', async () => {
    const dialog = await openDialog(page.getByRole('button', { name: 'Roll key' }));
    await dialog.getByRole('radio', { name: 'In 1 hour' }).check();
    await dialog.getByRole('button', { name: 'Roll key' }).click();
    await dialog.getByRole('heading', { name: 'API key rolled' }).waitFor();
    const rolled = await copySecret(dialog);
    await dialog.getByText('The previous secret works until', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByText('Previous secret works until', { exact: false }).waitFor();
    expect(await whoamiStatus(secret)).toBe(200);
    expect(await whoamiStatus(rolled)).toBe(200);
    secret = rolled;
    await page.reload();
    await page.getByText('Previous secret works until', { exact: false }).waitFor();
    await check('lifecycle-api-key-page-grace');
  });

  it('works from the keyboard: search, open a key, open and close its dialogs', async () => {
    await page.goto(`${server.url}/admin/api-keys`);
    await row('Billing Export').waitFor();
    await page.getByRole('searchbox', { name: 'Search by name' }).focus();
    await page.keyboard.type('billing');
    await row('Staging Environment').waitFor({ state: 'detached' });
    await row('Billing Export').waitFor();
    // From the search field, past its clear button, to the only key's name.
    for (let i = 0; i < 5 && !(await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Billing Export')); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Billing Export' }).waitFor();

    await page.getByRole('button', { name: 'Rename' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('heading', { name: 'Rename API key' }).waitFor();
    // The dialog takes focus to its first field, the name, ready to edit.
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.value === 'Billing Export');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // Focus goes back to where it was.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toContain('Rename');

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('heading', { name: 'Roll API key' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('fits a phone: the key page and its dialogs', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(keyPageUrl);
      await page.getByRole('heading', { level: 1, name: `${KEY_NAME} v2` }).waitFor();
      await row('API key rolled').first().waitFor();
      // Tables scroll inside their card; the page itself never scrolls sideways.
      const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(await fits()).toBe(true);
      await check('lifecycle-api-key-page-phone');

      let dialog = await openDialog(page.getByRole('button', { name: 'Roll key' }));
      expect(await fits()).toBe(true);
      await check('lifecycle-roll-dialog-phone');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });

      dialog = await openDialog(page.getByRole('button', { name: 'Rename' }));
      expect(await fits()).toBe(true);
      await check('lifecycle-rename-dialog-phone');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });

      await page.goto(`${server.url}/admin/api-keys`);
      await row('Billing Export').waitFor();
      dialog = await openDialog(page.getByRole('button', { name: 'Create API Key' }));
      await dialog.getByRole('combobox', { name: 'Expiration' }).click();
      await page.getByRole('option', { name: 'Custom date' }).click();
      await dialog.getByLabel('Expiration date').waitFor();
      expect(await fits()).toBe(true);
      await check('lifecycle-create-custom-date-phone');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await fits()).toBe(true);
      await check('lifecycle-api-keys-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('deletes the key from its page, back to the list, and the API refuses it', async () => {
    await page.goto(keyPageUrl);
    const dialog = await openDialog(page.getByRole('button', { name: 'Delete' }));
    await dialog.getByTestId('confirm-subject').getByText(`${KEY_NAME} v2`, { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL(`${server.url}/admin/api-keys`);
    await row('Staging Environment').waitFor();
    expect(await row(`${KEY_NAME} v2`).count()).toBe(0);
    expect(await whoamiStatus(secret)).toBe(401);

    await page.goto(keyPageUrl);
    await page.getByRole('heading', { level: 1, name: 'API key not found' }).waitFor();
    await check('lifecycle-api-key-not-found');
  });
});

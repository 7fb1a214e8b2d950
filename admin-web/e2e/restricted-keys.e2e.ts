import { Browser, Locator, Page } from 'playwright-core';
import { checkPage, consoleTab, openDialog as openDialogOf, startServerAndBrowser } from './browser';
import { RunningServer } from './server';

/**
 * Restricted keys and usage, in a real browser against the real server: a
 * key created with Audit: Read reads the audit log through the API; its page
 * shows those requests in the usage chart; taking the permission away on
 * that page makes the API refuse the same call.
 */
describe('restricted keys in the console', () => {
  const KEY_NAME = 'SIEM export';
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let secret: string;
  let organizationId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Usage counts reach the database in batches; a short batch keeps the wait for them short.
    [server, browser] = await startServerAndBrowser({ TPTM_LAST_USED_FLUSH_MS: '200' });
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

  /** What an integration gets reading the audit log with the key. */
  async function auditLogStatus(): Promise<number> {
    const response = await fetch(`${server.url}/api/v1/orgs/${organizationId}/audit-events`, { headers: { 'X-API-Key': secret } });
    return response.status;
  }

  it('signs in and opens API Keys', async () => {
    await page.goto(`${server.url}/admin/api-keys`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/admin/api-keys`);
    await page.getByText('No API keys yet.').waitFor();
  });

  it('creates a key that may read the audit log, offering only what a key may hold', async () => {
    const dialog = await openDialog(page.getByRole('button', { name: 'Create API Key' }));
    await dialog.getByLabel('Name').fill(KEY_NAME);
    await dialog.getByRole('radio', { name: /Integration only/ }).waitFor();
    expect(await dialog.getByRole('radio', { name: /Integration only/ }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: /Choose permissions/ }).check();
    // The list renders after the choice: read it once it is there, not in the same instant.
    await dialog.getByRole('checkbox', { name: /Audit: Read/ }).waitFor();
    const offered = await dialog
      .getByRole('checkbox')
      .evaluateAll((boxes) => boxes.map((box) => box.closest('mat-checkbox')?.textContent?.trim() ?? ''));
    // The Owner holds every permission; Key: Manage is never offered.
    expect(offered.some((text) => text.startsWith('Key: Manage'))).toBe(false);
    expect(offered.some((text) => text.startsWith('Audit: Read'))).toBe(true);
    await dialog.getByRole('checkbox', { name: /Audit: Read/ }).check();
    await check('restricted-create');

    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByRole('button', { name: 'Copy API key' }).click();
    await dialog.getByRole('status').getByText('Copied').waitFor();
    secret = await page.evaluate(() => navigator.clipboard.readText());
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The list shows the new key; what it may do is on its page (checked below).
    await page.locator('tr[mat-row]', { hasText: KEY_NAME }).waitFor();
  });

  it('reads the audit log through the API with the key', async () => {
    const whoami = await fetch(`${server.url}/api/v1/integration/whoami`, { headers: { 'X-API-Key': secret } });
    expect(whoami.status).toBe(200);
    organizationId = ((await whoami.json()) as { organization: { id: string } }).organization.id;
    for (let i = 0; i < 3; i++) expect(await auditLogStatus()).toBe(200);
  });

  it("shows the requests just made on the key's page, and what the key may do", async () => {
    await page.locator('tr[mat-row]', { hasText: KEY_NAME }).getByRole('link', { name: KEY_NAME }).click();
    await page.getByRole('heading', { name: KEY_NAME, level: 1 }).waitFor();
    // One whoami and three audit reads; the counts reach the database with the next batch, so look again until they have.
    const total = page.locator('app-usage-chart .total');
    for (let attempt = 0; ; attempt++) {
      await total.waitFor();
      if ((await total.textContent())?.trim() === '4') break;
      if (attempt === 20) throw new Error(`The chart shows ${await total.textContent()} requests, not 4`);
      await page.waitForTimeout(500);
      await page.reload();
    }
    await page.getByRole('heading', { name: 'Requests, last 30 days' }).waitFor();
    // The screen reader's version: a table of every day, today's row holding the four requests.
    const rows = page.locator('app-usage-chart table tbody tr');
    expect(await rows.count()).toBe(30);
    expect(await rows.last().locator('td').textContent()).toBe('4');
    // Sizes are SVG attributes, not style="" that the CSP would refuse.
    expect(await page.locator('app-usage-chart [style]').count()).toBe(0);

    const permissions = page.locator('dd.permissions');
    await permissions.getByText('Audit: Read').waitFor();
    await permissions.getByText('They belong to the organization', { exact: false }).waitFor();
    await check('restricted-key-page');
    await page.locator('app-key-usage').scrollIntoViewIfNeeded();
    await check('restricted-usage-chart');
  });

  it('takes the permission away on the page, and the API then refuses the key', async () => {
    const dialog = await openDialog(page.getByRole('button', { name: 'Edit permissions' }));
    expect(await dialog.getByRole('checkbox', { name: /Audit: Read/ }).isChecked()).toBe(true);
    await check('restricted-edit-permissions');
    await dialog.getByRole('radio', { name: /Integration only/ }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('dd.permissions').getByText('Integration only').waitFor();

    expect(await auditLogStatus()).toBe(403);
    const whoami = await fetch(`${server.url}/api/v1/integration/whoami`, { headers: { 'X-API-Key': secret } });
    expect(whoami.status).toBe(200);
    await check('restricted-key-page-integration-only');
  });

  it("shows each key's 30-day requests in the table (its permissions are on its page)", async () => {
    await page.getByRole('link', { name: 'Back to API Keys' }).click();
    const row = page.locator('tr[mat-row]', { hasText: KEY_NAME });
    // Four reads, the refused one and a whoami since; the refused request was authenticated, so it counts too.
    await row
      .locator('.requests')
      .getByText(/^\s*[56]\s*$/)
      .waitFor();
    await check('restricted-api-keys');
  });

  it('fits a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('tr[mat-row]', { hasText: KEY_NAME }).getByRole('link', { name: KEY_NAME }).click();
    await page.locator('app-usage-chart svg').waitFor();
    await page.locator('app-key-usage').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await check('restricted-key-page-phone');
  });
});

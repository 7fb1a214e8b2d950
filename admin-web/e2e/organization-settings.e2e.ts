import { createTptmClient, TptmClient } from '@tptm/sdk';
import { Browser, Page } from 'playwright-core';
import { checkPage, consoleTab, startServerAndBrowser } from './browser';
import { RunningServer } from './server';

/**
 * The organization's key policy in a real browser against the real server:
 * the settings page says how many keys a policy would refuse before it is
 * saved, and once saved the API refuses such a key until it is fixed.
 */
describe('organization settings in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: TptmClient;
  let orgId: string;
  let secret: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await startServerAndBrowser();
    const { accessToken } = await createTptmClient({ baseUrl: server.url }).auth.login({
      requestBody: { email: server.adminEmail, password: server.adminPassword },
    });
    api = createTptmClient({ baseUrl: server.url, accessToken });
    orgId = (await api.me.getMe()).memberships[0]!.organization.id;
    secret = (await api.apiKeys.createApiKey({ orgId, requestBody: { name: 'No expiry', expiresAt: null } })).key;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page = await consoleTab(context, pageErrors);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  const whoami = async () => (await fetch(`${server.url}/api/v1/integration/whoami`, { headers: { 'X-API-Key': secret } })).status;

  it('states what a policy would do before saving it, and the API holds keys to it once saved', async () => {
    await page.goto(`${server.url}/admin/organization`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/admin/organization`);
    await page.getByRole('heading', { level: 1, name: 'Organization settings' }).waitFor();
    await page.getByRole('link', { name: 'Organization settings' }).waitFor();
    await page.getByText('Every key follows this policy.').waitFor();
    await page.getByText('once 14 days before, and once 1 day before', { exact: false }).waitFor();

    await page.getByLabel('Every key must have an expiry').check();
    await page.getByText('1 key would violate this policy', { exact: false }).waitFor();
    expect(await whoami()).toBe(200);
    await checkPage(page, 'organization-policy-consequence');

    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Key policy saved').waitFor();
    expect(await whoami()).toBe(403);
    expect((await api.organizations.getKeyPolicy({ orgId })).requireExpiry).toBe(true);
  });
});

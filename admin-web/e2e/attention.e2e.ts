import { createTptmClient, TptmClient } from '@tptm/sdk';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { consoleTab, screenshot, startServerAndBrowser } from './browser';
import { RunningServer } from './server';

/**
 * Issue "Console: attention first", at 1440 and 390 px wide: Home's counts
 * equal what was seeded and each leads to exactly those keys; the key list's
 * total, filters and sort survive a reload and Back; its table fits 1280 px;
 * no call per row for usage; the roll dialog's warning for a key in its grace
 * period; the focus ring; renewing an expired key; the audit rows for a key's
 * and a role's permission change. Screenshots as `attention-*.png`.
 */
describe('the console puts what needs attention first', () => {
  const WIDE = { width: 1440, height: 900 };
  const PHONE = { width: 390, height: 844 };
  const EXPIRED = ['Expired Integration'];
  const EXPIRING = ['Expiring Billing', 'Expiring Reports'];
  const BUSY = 'Busy Worker';
  const ALL = [...EXPIRED, ...EXPIRING, BUSY, 'Disabled Robot', 'Grace Key', 'Audit Reader'];
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: TptmClient;
  let orgId: string;
  const pageErrors: string[] = [];
  const ids = new Map<string, string>();
  let roleId = '';

  const create = async (name: string, body: Record<string, unknown> = {}) => {
    const created = await api.apiKeys.createApiKey({ orgId, requestBody: { name, ...body } });
    ids.set(name, created.id);
    return created;
  };
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const rowNames = async () => (await page.locator('tr[mat-row] .key-link').allTextContents()).map((text) => text.trim());
  const waitForRows = async (names: string[]) => {
    await page.waitForFunction(
      (expected) =>
        JSON.stringify(
          Array.from(document.querySelectorAll('tr[mat-row] .key-link'))
            .map((a) => a.textContent?.trim())
            .sort(),
        ) === JSON.stringify([...expected].sort()),
      names,
    );
  };

  beforeAll(async () => {
    [server, browser] = await startServerAndBrowser({ TPTM_LAST_USED_FLUSH_MS: '200' });
    const { accessToken } = await createTptmClient({ baseUrl: server.url }).auth.login({
      requestBody: { email: server.adminEmail, password: server.adminPassword },
    });
    api = createTptmClient({ baseUrl: server.url, accessToken });
    orgId = (await api.me.getMe()).memberships[0]!.organization.id;

    // Expires three seconds from now: the API takes only a future expiry, and this one will have passed.
    await create(EXPIRED[0]!, { expiresAt: new Date(Date.now() + 3_000).toISOString() });
    await create(EXPIRING[0]!, { expiresAt: inDays(5) });
    await create(EXPIRING[1]!, { expiresAt: inDays(10) });
    const busy = await create(BUSY);
    await create('Disabled Robot', { enabled: false });
    await create('Grace Key');
    await api.apiKeys.rollApiKey({ orgId, keyId: ids.get('Grace Key')!, requestBody: { gracePeriodSeconds: 3_600 } });
    await create('Audit Reader', { permissions: ['audit:read'] });
    for (let i = 0; i < 4; i++) {
      await fetch(`${server.url}/api/v1/integration/whoami`, { headers: { 'X-API-Key': busy.key } });
    }
    await api.members.addMember({ orgId, requestBody: { email: 'pending@example.com', name: 'Pending Person', roleIds: [] } });
    // A key's and a role's permissions changed, for the audit log.
    await api.apiKeys.updateApiKey({
      orgId,
      keyId: ids.get('Audit Reader')!,
      requestBody: { permissions: permissions('audit:read', 'member:manage') },
    });
    roleId = (await api.roles.createRole({ orgId, requestBody: { name: 'Readers', permissions: permissions('audit:read') } })).id;
    await api.roles.updateRole({ orgId, roleId, requestBody: { permissions: permissions('audit:read', 'role:manage') } });
    // Until the expiry has passed and the usage batch is written.
    await new Promise((resolve) => setTimeout(resolve, 3_500));

    context = await browser.newContext({ viewport: WIDE, locale: 'en-US' });
    page = await consoleTab(context, pageErrors);
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it("shows Home's counts first, equal to the seeded keys and invitations", async () => {
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    const attention = page.getByTestId('attention');
    await attention.waitFor();
    const text = async (id: string) => (await attention.locator(`[data-attention="${id}"]`).textContent())?.replace(/\s+/g, ' ').trim();
    expect(await text('expired')).toBe('1 expired key chevron_right');
    expect(await text('expiring')).toBe('2 keys expiring within 14 days chevron_right');
    // Every key but the busy one was never used.
    expect(await text('unused')).toBe(`${ALL.length - 1} keys unused for 90+ days chevron_right`);
    expect(await text('pending')).toBe('1 pending invitation chevron_right');
    // Needs attention comes before the recent events, which are links.
    const headings = (await page.locator('main h2').allTextContents()).map((h) => h.trim());
    expect(headings.indexOf('Needs attention')).toBeLessThan(headings.findIndex((h) => h.startsWith('Recent activity')));
    await page.locator('.events a.event-link').first().waitFor();
    await screenshot(page, 'attention-home-1440');
  });

  it.each([
    ['expired', EXPIRED],
    ['expiring', EXPIRING],
    ['unused', ALL.filter((name) => name !== BUSY)],
  ])('links %s to a list of exactly those keys, with their total', async (id, expected) => {
    await page.goto(`${server.url}/`);
    await page.getByTestId('attention').locator(`[data-attention="${id}"]`).click();
    await page.waitForURL(new RegExp(`/admin/api-keys\\?status=${id}$`));
    await waitForRows(expected);
    expect(await page.getByTestId('key-total').textContent()).toContain(`${expected.length} ${expected.length === 1 ? 'key' : 'keys'} match`);
    if (id === 'expiring') await screenshot(page, 'attention-keys-filtered-1440');
  });

  it('keeps the total, filters and sort through a reload and Back, with no usage call per row', async () => {
    const usageCalls: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/v1/') && (url.pathname.endsWith('/usage') || url.pathname.endsWith('/api-keys'))) usageCalls.push(url.href);
    });
    await page.goto(`${server.url}/admin/api-keys?status=expiring&status=expired&sort=name`);
    await waitForRows([...EXPIRED, ...EXPIRING]);
    expect(await rowNames()).toEqual(['Expired Integration', 'Expiring Billing', 'Expiring Reports']);
    expect(usageCalls.filter((url) => url.includes('/usage')).length).toBe(0);
    // One list request carries the 30-day requests for every row.
    expect(usageCalls).toHaveLength(1);

    await page.reload();
    await waitForRows([...EXPIRED, ...EXPIRING]);
    expect(await rowNames()).toEqual(['Expired Integration', 'Expiring Billing', 'Expiring Reports']);
    expect(await page.getByTestId('key-total').textContent()).toContain('3 keys match');

    // Another sort, then a key's page, then Back: the list as it was.
    await page.getByTestId('sort').click();
    await page.getByRole('option', { name: 'Expiring first' }).click();
    await page.waitForURL(/sort=expiresAt/);
    await page.waitForFunction(() => document.querySelector('tr[mat-row] .key-link')?.textContent?.trim() === 'Expired Integration');
    await page.getByRole('link', { name: 'Expiring Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Expiring Reports' }).waitFor();
    await page.goBack();
    await page.waitForURL(/status=expiring&status=expired&sort=expiresAt|sort=expiresAt/);
    await waitForRows([...EXPIRED, ...EXPIRING]);
    expect(await rowNames()).toEqual(['Expired Integration', 'Expiring Billing', 'Expiring Reports']);
    expect(new URL(page.url()).searchParams.getAll('status').sort()).toEqual(['expired', 'expiring']);
  });

  it('fits the keys table in 1280 px with no clipped header, and shows the 30-day requests from the list', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/admin/api-keys`);
    await waitForRows(ALL);
    const overflow = await page.evaluate(() => {
      const scroller = document.querySelector('.table-scroll') as HTMLElement;
      const clipped = Array.from(document.querySelectorAll('th'))
        .filter((th) => th.scrollWidth > th.clientWidth + 1)
        .map((th) => th.textContent);
      return { horizontal: scroller.scrollWidth - scroller.clientWidth, clipped };
    });
    expect(overflow).toEqual({ horizontal: 0, clipped: [] });
    const headers = (await page.locator('th').allTextContents()).map((text) => text.trim());
    expect(headers).toEqual(['Name', 'Key', 'Last used', 'Expires', 'Requests, 30 days', 'Actions']);
    const busy = page.locator('tr[mat-row]', { has: page.getByRole('link', { name: BUSY, exact: true }) });
    expect((await busy.locator('td').nth(4).textContent())?.trim()).toBe('4');
    // Status chips in words.
    const expired = page.locator('tr[mat-row]', { has: page.getByRole('link', { name: 'Expired Integration' }) });
    expect(await expired.locator('app-key-state-badges').textContent()).toContain('Expired');
    const disabled = page.locator('tr[mat-row]', { has: page.getByRole('link', { name: 'Disabled Robot' }) });
    expect(await disabled.locator('app-key-state-badges').textContent()).toContain('Disabled');
    await page.setViewportSize(WIDE);
  });

  it('draws a focus ring at least 2 px wide with 3:1 contrast on a button', async () => {
    await page.goto(`${server.url}/admin/api-keys`);
    await page.getByRole('heading', { level: 1, name: 'API Keys' }).waitFor();
    const button = page.getByRole('button', { name: 'Create API Key' });
    await button.focus();
    // Keyboard focus (focus-visible): Tab away and back.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await button.evaluate((element) => {
      const style = getComputedStyle(element);
      return { width: parseFloat(style.outlineWidth), style: style.outlineStyle, color: style.outlineColor };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('main')!).backgroundColor);
    expect(contrast(ring.color, background === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : background)).toBeGreaterThanOrEqual(3);
  });

  it('warns in the roll dialog that rolling again cuts off the previous secret still in its grace period', async () => {
    await page.goto(`${server.url}/admin/api-keys/${ids.get('Grace Key')}`);
    await page.getByRole('heading', { level: 1, name: 'Grace Key' }).waitFor();
    expect(await page.title()).toBe('Grace Key · API Keys · TPTM Admin');
    await screenshot(page, 'attention-key-page-1440');
    await page.getByRole('button', { name: 'Roll key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Roll API key' }).waitFor();
    const warning = dialog.getByTestId('previous-secret-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Rolling again cuts it off at once');
    // Not rolled until the person says so; focus on the title, where Space changes nothing.
    expect(await dialog.getByRole('button', { name: 'Roll key' }).isDisabled()).toBe(true);
    await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Roll API key');
    expect(await dialog.getByTestId('roll-outcome').textContent()).toMatch(/The current secret tptm_\S+ stops working/);
    await dialog.getByRole('checkbox', { name: 'Cut off the previous secret now' }).check();
    expect(await dialog.getByRole('button', { name: 'Roll key' }).isDisabled()).toBe(false);
    await screenshot(page, 'attention-roll-dialog-1440');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('renews an expired key from its page', async () => {
    await page.goto(`${server.url}/admin/api-keys/${ids.get('Expired Integration')}`);
    await page.getByRole('heading', { level: 1, name: 'Expired Integration' }).waitFor();
    await page.getByRole('button', { name: 'Renew' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog
      .getByRole('button', { name: /Save|Renew|Change/ })
      .last()
      .click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('This key expired on').waitFor({ state: 'detached' });
    const renewed = await api.apiKeys.getApiKey({ orgId, keyId: ids.get('Expired Integration')! });
    expect(renewed.expiresAt === null || Date.parse(renewed.expiresAt) > Date.now()).toBe(true);
  });

  it('labels the audit rows of a key permission change and a role permission change, with before and after', async () => {
    await page.goto(`${server.url}/admin/audit-log`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const keyRow = page.locator('tr[mat-row]', { hasText: 'API key permissions changed' });
    await keyRow.first().waitFor();
    expect(await keyRow.first().textContent()).toContain('Audit Reader');
    const roleRow = page.locator('tr[mat-row]', { hasText: 'Role permissions changed' });
    await roleRow.first().waitFor();
    expect(await roleRow.first().textContent()).toContain('Permissions: audit:read → audit:read, role:manage');
  });

  it('shows Home, the filtered list, the key page and the roll dialog on a phone', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/`);
    await page.getByTestId('attention').waitFor();
    await screenshot(page, 'attention-home-390');
    await page.goto(`${server.url}/admin/api-keys?status=expiring`);
    await waitForRows(EXPIRING);
    await screenshot(page, 'attention-keys-filtered-390');
    await page.goto(`${server.url}/admin/api-keys/${ids.get('Grace Key')}`);
    await page.getByRole('heading', { level: 1, name: 'Grace Key' }).waitFor();
    await screenshot(page, 'attention-key-page-390');
    await page.getByRole('button', { name: 'Roll key' }).click();
    await page.getByRole('dialog').getByTestId('previous-secret-warning').waitFor();
    await screenshot(page, 'attention-roll-dialog-390');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });
});

/** Permission ids as the SDK types them, whether it spells them as an enum or as string literals. */
const permissions = (...ids: string[]) => ids as never;

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

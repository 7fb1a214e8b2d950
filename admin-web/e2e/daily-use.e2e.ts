import { readFileSync } from 'node:fs';
import { createTptmClient, Permission, TptmClient } from '@tptm/sdk';
import { Browser, Locator, Page } from 'playwright-core';
import { consoleTab, openDialog as openDialogOf, screenshot, seriousAccessibilityViolations, startServerAndBrowser } from './browser';
import { RunningServer } from './server';

/**
 * The console after a week of use, as issue "Console for daily use" tried
 * it: 31 keys, 4 custom roles, 8 members, 3 organizations, at 1280 × 800 and
 * 390 × 844. Where focus goes after each dialog, counts, sorting, dates on one
 * line, the phone's cards with their actions in view, the one-time reveal
 * (Copied, the usage snippet, asking before the tab is left), the audit log's
 * filters and CSV export, and the home page's overview. Every page is checked
 * with axe and photographed at both widths as `daily-*.png`.
 */
describe('the console in daily use', () => {
  const DESKTOP = { width: 1280, height: 800 };
  const PHONE = { width: 390, height: 844 };
  const KEY_NAMES = [
    'Production Integration',
    'Staging Environment',
    'Billing Export',
    'CI Pipeline',
    'Data Warehouse Sync',
    'Mobile App Backend',
    'Partner Portal',
    'Support Desk Bridge',
    'Marketing Automation',
    'Inventory Feed',
    'Nightly Backup Job',
    'Analytics Collector',
    'Payroll Connector',
    'Slack Notifier',
    'Status Page Probe',
    'Legacy ERP Adapter',
    'QA Test Harness',
    'Load Test Runner',
    'Search Indexer',
    'Email Digest Sender',
    'Customer Webhooks',
    'Fraud Screening',
    'Shipping Labels',
    'Tax Calculation',
    'Document Archive',
    'Identity Sync (Okta)',
    'Warehouse Scanner Fleet — Building 7, Dock Doors 1 to 12',
    'Demo Sandbox',
    'Reporting Dashboard',
    'Translation Service',
    'Audit Forwarder',
  ];
  const MEMBERS = [
    ['Grace Hopper', 'grace@example.com', ['Admin']],
    ['Linus Torvalds', 'linus@example.com', ['Integrations']],
    ['Margaret Hamilton', 'margaret@example.com', ['Auditors']],
    ['Alan Turing', 'alan@example.com', ['Member']],
    ['Katherine Johnson', 'katherine@example.com', ['People Ops', 'Auditors']],
    ['Dennis Ritchie', 'dennis@example.com', ['Integrations']],
    ['Barbara Liskov-Wing-Featherstonehaugh', 'barbara.liskov-wing-featherstonehaugh@research.example.com', ['Member', 'Security Reviewers']],
  ] as const;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: TptmClient;
  let orgId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await startServerAndBrowser({ TPTM_LAST_USED_FLUSH_MS: '200' });
    const { accessToken } = await createTptmClient({ baseUrl: server.url }).auth.login({
      requestBody: { email: server.adminEmail, password: server.adminPassword },
    });
    api = createTptmClient({ baseUrl: server.url, accessToken });
    orgId = (await api.me.getMe()).memberships[0]!.organization.id;
    await seed();

    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'] });
    page = await consoleTab(context, pageErrors);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  /** 31 keys (a few expiring, a few used), 4 custom roles, 8 members, 3 organizations. */
  async function seed(): Promise<void> {
    const custom: [string, string, Permission[]][] = [
      ['Integrations', 'Manages the API keys of our integrations', [Permission.KEY_MANAGE]],
      ['Auditors', 'Reads the audit log', [Permission.AUDIT_READ]],
      ['People Ops', 'Invites and removes members', [Permission.MEMBER_MANAGE, Permission.AUDIT_READ]],
      ['Security Reviewers', 'Reviews keys and the log', [Permission.AUDIT_READ, Permission.KEY_MANAGE]],
    ];
    for (const [name, description, permissions] of custom) {
      await api.roles.createRole({ orgId, requestBody: { name, description, permissions } });
    }
    const roles = new Map((await api.roles.listRoles({ orgId })).items.map((role) => [role.name, role.id]));
    for (const [name, email, roleNames] of MEMBERS) {
      const { inviteUrl } = await api.members.addMember({ orgId, requestBody: { email, name, roleIds: roleNames.map((r) => roles.get(r)!) } });
      const token = new URL(inviteUrl!).pathname.split('/').pop()!;
      await createTptmClient({ baseUrl: server.url }).invitations.acceptInvitation({ token, requestBody: { name, password: `${email}-password` } });
    }
    const day = 86_400_000;
    for (const [index, name] of KEY_NAMES.entries()) {
      const expiresAt =
        index % 9 === 2 ? new Date(Date.now() + 3 * day).toISOString() : index % 7 === 3 ? new Date(Date.now() + 60 * day).toISOString() : null;
      const { key } = await api.apiKeys.createApiKey({ orgId, requestBody: { name, expiresAt } });
      if (index % 4 === 0) await createTptmClient({ baseUrl: server.url, apiKey: key }).integration.whoami();
    }
    await api.organizations.createOrganization({ requestBody: { name: 'Globex Labs' } });
    await api.organizations.createOrganization({ requestBody: { name: 'Initech Europe GmbH & Co. KG — Research and Development Division' } });
  }

  /** Screenshot for people, axe for the rules, at 1280 × 800 and then 390 × 844, where the page must not scroll sideways. */
  async function checkBothWidths(name: string, ready: () => Promise<unknown>): Promise<void> {
    await ready();
    await scrollToTop();
    await screenshot(page, `daily-${name}`);
    expect(await datesOnMoreThanOneLine()).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    try {
      await ready();
      await scrollToTop();
      await screenshot(page, `daily-${name}-phone`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await datesOnMoreThanOneLine()).toEqual([]);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  }

  /** The page and its tables scrolled back to the top, for a screenshot that starts where a person's eyes do. */
  function scrollToTop(): Promise<void> {
    return page.evaluate(() => {
      document.querySelectorAll('mat-sidenav-content, .table-scroll').forEach((scroller) => (scroller.scrollTop = 0));
    });
  }

  /** Every date and time in a table cell that takes more than one line. */
  function datesOnMoreThanOneLine(): Promise<string[]> {
    return page.evaluate(() =>
      Array.from(document.querySelectorAll('td time'))
        .filter((time) => time.getClientRects().length !== 1)
        .map(
          (time) =>
            `${time.textContent} (${time.getClientRects().length} lines, white-space ${getComputedStyle(time).whiteSpace}, cell ${time.closest('td')?.getBoundingClientRect().width})`,
        ),
    );
  }

  /** Waits for `read` to give `wanted` (the page redraws after an event), then asserts it. */
  async function eventually<T>(read: () => Promise<T>, wanted: T): Promise<void> {
    for (let attempt = 0; attempt < 50 && JSON.stringify(await read()) !== JSON.stringify(wanted); attempt++) {
      await page.waitForTimeout(100);
    }
    expect(await read()).toEqual(wanted);
  }

  /** What has focus, for messages: never the page body after a dialog. */
  function focused(): Promise<{ tag: string; text: string; row: string | null }> {
    return page.evaluate(() => {
      const active = document.activeElement;
      return {
        tag: active?.tagName ?? 'NONE',
        text: (active?.getAttribute('aria-label') ?? active?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        row: active?.closest('tr')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
      };
    });
  }

  /** Waits until focus is inside the table row holding `text` (the row itself or one of its controls). */
  async function expectFocusInRow(text: string): Promise<void> {
    await page.waitForFunction((wanted) => document.activeElement?.closest('tr')?.textContent?.includes(wanted) === true, text);
    expect((await focused()).tag).not.toBe('BODY');
  }

  const openDialog = (opener: Locator) => openDialogOf(page, opener);

  async function closed(dialog: Locator): Promise<void> {
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
  }

  function row(text: string, table?: string): Locator {
    return (table ? page.getByRole('table', { name: table }) : page).locator('tr[mat-row]', { hasText: text });
  }

  function footer(): Locator {
    return page.getByTestId('list-count').first();
  }

  /** Fires the event a reload or a closed tab fires, and says whether the page asked to stay. */
  function leavingIsQuestioned(): Promise<boolean> {
    return page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
  }

  it('sign-in focuses Email, catches an email that is not one, and says a wrong password once', async () => {
    await page.goto(server.url);
    await page.waitForURL(/\/sign-in/);
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'email');
    await checkBothWidths('sign-in', () => page.getByRole('heading', { name: 'Sign in to TPTM Admin' }).waitFor());

    await page.getByLabel('Email').fill('admin@');
    await page.getByLabel('Password').fill('whatever');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter an email address, like name@example.com.').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('email');

    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The email or password is incorrect.').waitFor();
    // One message: the emptied password field does not add "Enter your password." under itself.
    expect(await page.locator('mat-error').count()).toBe(0);
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.type === 'password');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    await screenshot(page, 'daily-sign-in-wrong-password');

    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
  });

  it('home gives an overview, each part linking to its page', async () => {
    const overview = page.getByRole('list', { name: 'Overview' });
    await overview.getByText('31 keys').waitFor();
    await overview.getByText('8 members').waitFor();
    await overview.getByText('7 roles, 4 custom').waitFor();
    const latest = page.getByRole('list', { name: 'Latest events' }).getByRole('listitem');
    await latest.nth(4).waitFor();
    expect(await latest.count()).toBe(5);
    await checkBothWidths('home', () => overview.getByText('31 keys').waitFor());

    await overview.getByRole('link', { name: 'API Keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API Keys' }).waitFor();
  });

  it('a long organization name shows in full in the switcher on a phone', async () => {
    await page.setViewportSize(PHONE);
    try {
      await page.getByRole('combobox', { name: 'Organization' }).click();
      const option = page.getByRole('option', { name: /^Initech Europe/ });
      await option.waitFor();
      const clipped = await option.evaluate((element) => {
        const text = element.querySelector('.mdc-list-item__primary-text') ?? element;
        return text.scrollWidth > text.clientWidth || getComputedStyle(text).whiteSpace === 'nowrap';
      });
      expect(clipped).toBe(false);
      const box = (await option.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, 'daily-organizations-phone');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await option.waitFor({ state: 'detached' });
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it('the sidebar remembers whether Admin was left open', async () => {
    await page.goto(server.url);
    const admin = page.getByRole('button', { name: 'Admin', exact: true });
    await admin.waitFor();
    if ((await admin.getAttribute('aria-expanded')) === 'false') await admin.click();
    await page.reload();
    expect(await admin.getAttribute('aria-expanded')).toBe('true');
    await admin.click();
    await page.reload();
    expect(await admin.getAttribute('aria-expanded')).toBe('false');
    await admin.click();
  });

  it('API keys: counted, loaded further with focus on the first new row, dates on one line, the header in view', async () => {
    await page.goto(`${server.url}/admin/api-keys`);
    await row('Audit Forwarder').waitFor();
    // The list counts every key, not only the page loaded.
    expect(await footer().textContent()).toBe('25 of 31 keys shown');
    expect(await datesOnMoreThanOneLine()).toEqual([]);
    // Recency at a glance, the exact local time in the tooltip: the last use of a key used while seeding.
    const created = row('Reporting Dashboard').locator('td').nth(2).locator('time');
    expect(await created.textContent()).toMatch(/minute/);
    await created.hover();
    await page
      .locator('.mat-mdc-tooltip-surface')
      .getByText(/\d{4}, \d{1,2}:\d{2} [AP]M [A-Z]{3}/)
      .waitFor();

    // The header stays in view while the table scrolls inside its card.
    const scroller = page.getByRole('region', { name: 'API keys' });
    await scroller.evaluate((element) => (element.scrollTop = 400));
    const [header, region] = await Promise.all([page.locator('th').first().boundingBox(), scroller.boundingBox()]);
    expect(Math.abs(header!.y - region!.y)).toBeLessThanOrEqual(1);
    await scroller.evaluate((element) => (element.scrollTop = 0));

    await page.getByRole('button', { name: 'Load more' }).click();
    await page.waitForFunction(() => {
      const active = document.activeElement;
      return active?.matches('tr[mat-row]') && Array.from(document.querySelectorAll('tr[mat-row]')).indexOf(active) === 25;
    });
    expect((await focused()).row).toContain('Mobile App Backend');
    expect(await footer().textContent()).toBe('31 keys');
    await checkBothWidths('api-keys', () => row('Production Integration').waitFor());

    // On a phone each row is a card, its delete button in view.
    await page.setViewportSize(PHONE);
    try {
      const button = row('Warehouse Scanner Fleet').getByRole('button', { name: /^Delete API key/ });
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, 'daily-api-keys-phone-long-name');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it('a new key: Copied in the button, one line, a masked usage snippet, and leaving asks first; then its row is found', async () => {
    expect(await leavingIsQuestioned()).toBe(false);
    const dialog = await openDialog(page.getByRole('button', { name: 'Create API Key' }));
    await dialog.getByLabel('Name').fill('Daily Reports');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const value = dialog.getByTestId('secret-value');
    const key = ((await value.textContent()) ?? '').trim();
    expect(key).toMatch(/^tptm_[0-9A-Za-z]{46}$/);

    // One line, scrolling sideways rather than wrapping mid-key.
    const lines = await value.evaluate((element) => element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight));
    expect(lines).toBeLessThan(2);
    const usage = dialog.getByTestId('secret-usage');
    expect(await usage.textContent()).toBe(`curl ${server.url}/api/v1/integration/whoami \\\n  -H "X-API-Key: ${key.slice(0, 9)}…${key.slice(-4)}"`);
    expect(await usage.textContent()).not.toContain(key);

    // Reloading or closing the tab now would lose the key: the browser asks first.
    expect(await leavingIsQuestioned()).toBe(true);
    const prompt = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const question = await prompt;
    expect(question.type()).toBe('beforeunload');
    await question.dismiss();
    expect(page.isClosed()).toBe(false);
    await value.waitFor();

    await dialog.getByRole('button', { name: 'Copy API key' }).click();
    await dialog.getByRole('button', { name: 'Copied API key' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    expect(await usage.textContent()).toContain(`-H "X-API-Key: ${key}"`);
    // The command copies whole, with the key, ready to paste into a shell.
    await dialog.getByRole('button', { name: 'Copy command' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `curl ${server.url}/api/v1/integration/whoami \\\n  -H "X-API-Key: ${key}"`,
    );
    await checkBothWidths('create-key-reveal', () => value.waitFor());

    await dialog.getByRole('button', { name: 'Done' }).click();
    await closed(dialog);
    expect(await leavingIsQuestioned()).toBe(false);
    await expectFocusInRow('Daily Reports');
    expect(await row('Daily Reports').getAttribute('class')).toContain('just-created');
    expect(await footer().textContent()).toBe('32 keys');
  });

  it('deleting a key puts focus on the next row', async () => {
    const names = await page.locator('tr[mat-row] td:first-child a').allTextContents();
    const next = names[names.indexOf('Daily Reports') + 1]!;
    const dialog = await openDialog(row('Daily Reports').getByRole('button', { name: 'Delete API key Daily Reports' }));
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await closed(dialog);
    await row('Daily Reports').waitFor({ state: 'detached' });
    await expectFocusInRow(next.trim());
  });

  it("the key's page: focus stays after rename and roll, and after delete it is on the list's heading", async () => {
    await row('Demo Sandbox').getByRole('link', { name: 'Demo Sandbox' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demo Sandbox' }).waitFor();
    await checkBothWidths('api-key', () => page.getByRole('heading', { level: 2, name: 'History' }).waitFor());

    let dialog = await openDialog(page.getByRole('button', { name: 'Rename' }));
    await dialog.getByLabel('Name').fill('Demo Sandbox (EU)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await closed(dialog);
    await page.getByRole('heading', { level: 1, name: 'Demo Sandbox (EU)' }).waitFor();
    expect(await focused()).toMatchObject({ tag: 'BUTTON', text: expect.stringMatching(/Rename$/) });
    await row('API key renamed').getByText('Name: Demo Sandbox → Demo Sandbox (EU)').waitFor();

    dialog = await openDialog(page.getByRole('button', { name: 'Roll key' }));
    await dialog.getByRole('radio', { name: 'Now', exact: true }).check();
    await dialog.getByRole('button', { name: 'Roll key' }).click();
    await dialog.getByRole('heading', { name: 'API key rolled' }).waitFor();
    expect(await leavingIsQuestioned()).toBe(true);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await closed(dialog);
    expect(await focused()).toMatchObject({ tag: 'BUTTON', text: expect.stringMatching(/Roll key$/) });
    await row('API key rolled').getByText('Previous secret stopped at once').waitFor();

    dialog = await openDialog(page.getByRole('button', { name: 'Delete' }));
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL(`${server.url}/admin/api-keys`);
    await page.waitForFunction(() => document.activeElement?.matches('h1') && document.activeElement.textContent?.trim() === 'API Keys');
  });

  it('members: sorted by name, counted, the last Owner shown before the click, focus kept after each dialog, "You" when removing yourself', async () => {
    await page.goto(`${server.url}/admin/members`);
    const members = page.getByRole('table', { name: 'Members' });
    await row('Grace Hopper', 'Members').waitFor();
    expect(await footer().textContent()).toBe('8 members');
    const names = async () => (await members.locator('tr[mat-row] td:first-child').allTextContents()).map((n) => n.replace(/\s*You$/, '').trim());
    const ascending = await names();
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
    await members.getByRole('button', { name: 'Name', exact: true }).click();
    await eventually(names, [...ascending].reverse());
    await members.getByRole('button', { name: 'Name', exact: true }).click();
    await eventually(names, ascending);

    // The only Owner: Remove is disabled, and says why before anyone clicks.
    const removeSelf = row(server.adminEmail, 'Members').getByRole('button', { name: 'Remove yourself' });
    expect(await removeSelf.getAttribute('aria-disabled')).toBe('true');
    await removeSelf.hover();
    await page.locator('.mat-mdc-tooltip-surface').getByText("The organization's only Owner can't be removed", { exact: false }).waitFor();
    await checkBothWidths('members', () => row('Grace Hopper', 'Members').waitFor());

    // Grace becomes an Owner too; focus stays in her row.
    let dialog = await openDialog(row('Grace Hopper', 'Members').getByRole('button', { name: 'Change roles of Grace Hopper' }));
    await dialog.getByRole('checkbox', { name: /^Owner/ }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await closed(dialog);
    await expectFocusInRow('Grace Hopper');
    await row('Grace Hopper', 'Members').getByText('Owner').waitFor();

    // Now there is another Owner, removing yourself is possible, and says "You".
    expect(await removeSelf.getAttribute('aria-disabled')).not.toBe('true');
    dialog = await openDialog(removeSelf);
    await dialog.getByRole('heading', { name: 'Remove yourself' }).waitFor();
    expect(await dialog.getByTestId('confirm-subject').textContent()).toBe(`You (${server.adminEmail})`);
    await screenshot(page, 'daily-remove-yourself');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await closed(dialog);
    expect((await focused()).text).toBe('Remove yourself');

    // Removing someone puts focus on the next row.
    const order = await names();
    const next = order[order.indexOf('Linus Torvalds') + 1]!;
    dialog = await openDialog(row('Linus Torvalds', 'Members').getByRole('button', { name: 'Remove Linus Torvalds' }));
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await closed(dialog);
    await expectFocusInRow(next);
    expect(await footer().textContent()).toBe('7 members');

    // On a phone each member is a card with its actions in view.
    await page.setViewportSize(PHONE);
    try {
      const button = row('Barbara', 'Members').getByRole('button', { name: /^Remove / });
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  it('an invitation: its row highlighted and focused after Done, focus kept after revoking', async () => {
    let dialog = await openDialog(page.getByRole('button', { name: 'Add member' }));
    await dialog.getByLabel('Email').fill('ada@example.com');
    await dialog.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await dialog.getByTestId('secret-value').waitFor();
    expect(await leavingIsQuestioned()).toBe(true);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await closed(dialog);
    await expectFocusInRow('ada@example.com');
    expect(await row('ada@example.com', 'Pending invitations').getAttribute('class')).toContain('just-created');
    await checkBothWidths('members-invited', () => row('ada@example.com', 'Pending invitations').waitFor());

    dialog = await openDialog(row('ada@example.com', 'Pending invitations').getByRole('button', { name: 'Revoke invitation for ada@example.com' }));
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await closed(dialog);
    await page.waitForFunction(() => document.activeElement?.id === 'invitations-heading');
  });

  it("roles: plain tags in the dialog's order, a warning before saving a role without permissions, member counts linking to the members", async () => {
    await page.goto(`${server.url}/admin/roles`);
    await row('Integrations').waitFor();
    const ownerTags = row('Owner').getByRole('list', { name: 'Permissions of Owner' });
    expect(await ownerTags.getByRole('button').count()).toBe(0);
    const tagOrder = (await ownerTags.getByRole('listitem').allTextContents()).map((t) => t.trim());
    expect(await footer().textContent()).toBe('7 roles');

    let dialog = await openDialog(page.getByRole('button', { name: 'Create role' }));
    const checkboxOrder = await dialog.locator('mat-checkbox label').evaluateAll((labels) =>
      labels.map((label) => {
        const name = label.cloneNode(true) as Element;
        name.querySelector('.description')?.remove();
        return name.textContent?.trim() ?? '';
      }),
    );
    expect(tagOrder).toEqual(checkboxOrder);
    await dialog.getByLabel('Name', { exact: true }).fill('Observers');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByRole('alert').getByText('This role grants no permissions', { exact: false }).waitFor();
    await screenshot(page, 'daily-role-without-permissions');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create without permissions' }).click();
    await closed(dialog);
    await expectFocusInRow('Observers');
    expect(await row('Observers').getAttribute('class')).toContain('just-created');
    await checkBothWidths('roles', () => row('Observers').waitFor());

    dialog = await openDialog(row('Observers').getByRole('button', { name: 'Delete role Observers' }));
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await closed(dialog);
    expect((await focused()).tag).toBe('TR');

    await row('Integrations').getByRole('link', { name: '1 member holding Integrations' }).click();
    await page.getByText('Members holding Integrations.').waitFor();
    expect(await footer().textContent()).toBe('1 of 7 members');
    await row('Dennis Ritchie', 'Members').waitFor();
    await screenshot(page, 'daily-members-by-role');
  });

  it('audit log: filtered by action, actor and days, says what changed, exports exactly the filtered events as CSV', async () => {
    await page.goto(`${server.url}/admin/audit-log`);
    await row('API key created').first().waitFor();

    const choose = async (label: string, option: string) => {
      await page.getByRole('combobox', { name: label }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    await choose('Action', 'Member roles changed');
    await row('Grace Hopper').getByText('Added Owner').waitFor();
    expect(await page.locator('tr[mat-row]').count()).toBe(1);
    await checkBothWidths('audit-log-filtered', () => row('Grace Hopper').waitFor());

    await choose('Action', 'Member joined by invitation');
    await row('Barbara').waitFor();
    await choose('Action', 'API key created');
    await page.waitForFunction(() => document.querySelector('[data-testid="list-count"]')?.textContent === '32 events');
    await choose('Actor', 'Administrator');
    const today = await page.evaluate(() => {
      const now = new Date();
      return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    });
    await page.getByRole('textbox', { name: 'From', exact: true }).fill(today);
    await page.getByRole('textbox', { name: 'To', exact: true }).fill(today);
    await page.waitForFunction(() => document.querySelector('[data-testid="list-count"]')?.textContent === '32 events');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-acme-robotics-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const records = csv.split('\r\n').filter(Boolean);
    expect(records[0]).toMatch(/^occurred_at,action,/);
    expect(records.slice(1)).toHaveLength(32);
    expect(records.slice(1).every((record) => record.split(',')[1] === 'api_key.created')).toBe(true);

    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid="list-count"]')?.textContent === '50 events shown');
    await page.getByRole('button', { name: 'Load older events' }).click();
    await page.waitForFunction(() => document.activeElement?.matches('tr[mat-row]') === true);
    await checkBothWidths('audit-log', () => page.getByRole('button', { name: 'Export CSV' }).waitFor());
  });
});

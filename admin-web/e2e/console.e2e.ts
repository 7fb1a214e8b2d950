import { createTptmClient, isTptmApiError, TptmClient } from '@tptm/sdk';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { checkPage, consoleTab, openDialog, startServerAndBrowser } from './browser';
import { RunningServer } from './server';

/**
 * The help article "Managing API Keys", step by step, in a real browser
 * against the real server; then the permissions around it, members joining
 * by invitation, and sessions across tabs.
 */
describe('the admin console', () => {
  const KEY_NAME = 'Production Integration';
  const KEY_PATTERN = /^tptm_[0-9A-Za-z]{46}$/;
  let server: RunningServer;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page };
  let api: TptmClient;
  /** The key created in the article's steps, as the clipboard received it. */
  let fullKey: string;
  /** Mia's invitation, as the clipboard received it from the dialog. */
  let inviteUrl: string;
  let memberPassword: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await startServerAndBrowser();
    admin = await newUser();
    const { accessToken } = await createTptmClient({ baseUrl: server.url }).auth.login({
      requestBody: { email: server.adminEmail, password: server.adminPassword },
    });
    api = createTptmClient({ baseUrl: server.url, accessToken });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  async function newUser(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    return { context, page: await newTab(context) };
  }

  const newTab = (context: BrowserContext) => consoleTab(context, pageErrors);
  const check = checkPage;

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }

  async function openAdminPage(page: Page, label: string): Promise<void> {
    const section = page.getByRole('button', { name: 'Admin', exact: true });
    if ((await section.getAttribute('aria-expanded')) === 'false') await section.click();
    await sidebar(page).getByRole('link', { name: label, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
  }

  function sidebar(page: Page) {
    return page.getByRole('navigation', { name: 'Main' });
  }

  function row(page: Page, text: string) {
    return page.locator('tr[mat-row]', { hasText: text });
  }

  function invitationRow(page: Page, email: string) {
    return page.getByRole('table', { name: 'Pending invitations' }).locator('tr[mat-row]', { hasText: email });
  }

  /** What the invitee's page would learn from a link: 404 once it no longer works. */
  async function invitationStatus(url: string): Promise<number> {
    const token = new URL(url).pathname.split('/').pop()!;
    return createTptmClient({ baseUrl: server.url })
      .invitations.getInvitation({ token })
      .then(
        () => 200,
        (error: unknown) => (isTptmApiError(error) ? error.status : 0),
      );
  }

  async function whoami(key: string) {
    return createTptmClient({ baseUrl: server.url, apiKey: key }).integration.whoami();
  }

  it('asks for sign-in first, and signs the admin in', async () => {
    const { page } = admin;
    await page.goto(`${server.url}/admin/api-keys`);
    await page.waitForURL(/\/sign-in\?returnUrl=%2Fadmin%2Fapi-keys/);
    await page.getByRole('heading', { name: 'Sign in to TPTM Admin' }).waitFor();
    await check(page, 'sign-in');

    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or password is incorrect.').waitFor();

    await signIn(page, server.adminEmail, server.adminPassword);
    // Back where the user was going.
    await page.waitForURL(`${server.url}/admin/api-keys`);
  });

  it('How to Access the API Keys Page: Admin, then API Keys, shows the table', async () => {
    const { page } = admin;
    await page.goto(server.url);
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await check(page, 'home');

    // 1. Open the Admin section from the sidebar navigation. 2. Click API Keys.
    await openAdminPage(page, 'API Keys');
    // 3. A table listing all existing API keys for the organization.
    await page.getByText('No API keys yet.').waitFor();
    expect(await page.locator('th').allTextContents()).toEqual(['Name', 'Key', 'Last used', 'Expires', 'Requests, 30 days', 'Actions']);
    await check(page, 'api-keys-empty');
  });

  it('How to Create an API Key: Create API Key, a name, Create, copy, Done', async () => {
    const { page } = admin;
    // 1. Click the Create API Key button at the top of the page.
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Create API Key' }));
    await dialog.getByRole('heading', { name: 'Create API Key' }).waitFor();
    await check(page, 'create-api-key-dialog');

    // 2. Enter a descriptive name. 3. Click Create.
    await dialog.getByLabel('Name').fill(KEY_NAME);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    // 4. The new key is displayed in the modal; the copy button copies it.
    const shown = (await dialog.getByTestId('secret-value').textContent())?.trim() ?? '';
    expect(shown).toMatch(KEY_PATTERN);
    await dialog.getByText('This key is shown only once.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Copy API key' }).click();
    await dialog.getByRole('status').getByText('Copied').waitFor();
    fullKey = await page.evaluate(() => navigator.clipboard.readText());
    expect(fullKey).toBe(shown);
    await check(page, 'create-api-key-created');

    // The key works as soon as it exists.
    expect((await whoami(fullKey)).apiKey.name).toBe(KEY_NAME);

    // 5. Click Done to close the modal.
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    const created = row(page, KEY_NAME);
    await created.waitFor();
    const cells = await created.locator('td').allTextContents();
    expect(cells[1]?.trim()).toMatch(/^tptm_\w{4}…\w{4}$/);
    expect(fullKey.startsWith(cells[1]!.trim().slice(0, 9))).toBe(true);
    // Who created it is on its page; the row shows the key as the create answered it: no expiry, no requests yet.
    expect(cells[3]?.trim()).toBe('Never');
    expect(cells[4]?.trim()).toBe('0');
    await check(page, 'api-keys');
  });

  it('the full key cannot be retrieved again: not in the page, its storage or its memory', async () => {
    const { page, context } = admin;
    expect(await page.content()).not.toContain(fullKey);
    const storage = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    expect(storage).not.toContain(fullKey);

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    let snapshot = '';
    const onChunk = ({ chunk }: { chunk: string }) => (snapshot += chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.detach();
    expect(snapshot.length).toBeGreaterThan(0);
    expect(snapshot.includes(fullKey)).toBe(false);

    await page.reload();
    await row(page, KEY_NAME).waitFor();
    expect(await page.content()).not.toContain(fullKey);
    const { items } = await api.apiKeys.listApiKeys({ orgId: await organizationId() });
    expect(JSON.stringify(items)).not.toContain(fullKey);
  });

  it('shows when a key was last used', async () => {
    const { page } = admin;
    // The whoami above used the key; the server records usage in batches.
    for (let attempt = 0; attempt < 30; attempt++) {
      await page.reload();
      const lastUsed = (await row(page, KEY_NAME).locator('td').nth(2).textContent())?.trim();
      if (lastUsed && lastUsed !== 'Never') return;
      await page.waitForTimeout(1000);
    }
    throw new Error('Last used still says Never');
  });

  it('How to Delete an API Key: trash icon, a dialog naming the key, Delete', async () => {
    const { page } = admin;
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Create API Key' }));
    await dialog.getByLabel('Name').fill('Staging Environment');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, 'Staging Environment').waitFor();

    // 1. Find the key. 2. Click the trash icon in the Actions column.
    await row(page, KEY_NAME)
      .getByRole('button', { name: `Delete API key ${KEY_NAME}` })
      .click();
    // 3. A confirmation dialog shows the name of the key.
    await dialog.getByTestId('confirm-subject').getByText(KEY_NAME, { exact: true }).waitFor();
    await dialog.getByText('Any integrations using this key will immediately stop working.', { exact: false }).waitFor();
    await check(page, 'delete-api-key-dialog');

    // 4. Click Delete to permanently remove the key.
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, KEY_NAME).waitFor({ state: 'detached' });
    await row(page, 'Staging Environment').waitFor();

    // Integrations using it stop working immediately.
    const refused = await whoami(fullKey).catch((error: unknown) => error);
    expect(isTptmApiError(refused) && refused.status).toBe(401);

    await page.reload();
    await row(page, 'Staging Environment').waitFor();
    expect(await row(page, KEY_NAME).count()).toBe(0);
  });

  it('rejects a duplicate name on the Name field', async () => {
    const { page } = admin;
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Create API Key' }));
    await dialog.getByLabel('Name').fill('staging environment');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog
      .locator('mat-error')
      .getByText(/^Name /)
      .waitFor();
    await check(page, 'create-api-key-duplicate');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  let member: { context: BrowserContext; page: Page };

  it('adds a Member by invitation, showing the link once', async () => {
    const { page } = admin;
    await openAdminPage(page, 'Members');
    await row(page, server.adminEmail).waitFor();
    await page.getByText('No pending invitations.').waitFor();
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Add member' }));
    await dialog.getByLabel('Email').fill('mia@example.com');
    await dialog.getByLabel('Name', { exact: true }).fill('Mia Member');
    expect(await dialog.getByRole('checkbox', { name: 'Member' }).isChecked()).toBe(true);
    await check(page, 'add-member-dialog');
    await dialog.getByRole('button', { name: 'Invite' }).click();

    const shown = (await dialog.getByTestId('secret-value').textContent())?.trim() ?? '';
    expect(shown).toMatch(new RegExp(`^${server.url}/invite/\\S+$`));
    await dialog.getByText('It is their only way in: it works once', { exact: false }).waitFor();
    await dialog.getByText('(7 days)', { exact: false }).waitFor();
    await dialog.getByText('This link is shown only once.', { exact: false }).waitFor();
    expect(await dialog.getByText(/password/i).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Copy Invitation link' }).click();
    await dialog.getByRole('status').getByText('Copied').waitFor();
    inviteUrl = await page.evaluate(() => navigator.clipboard.readText());
    expect(inviteUrl).toBe(shown);
    await check(page, 'add-member-invitation');

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(inviteUrl);
    // Nobody is a member until the invitation is accepted.
    expect(await row(page, 'Mia Member').count()).toBe(0);
    const invited = invitationRow(page, 'mia@example.com');
    await invited.waitFor();
    expect(await invited.locator('td').allTextContents()).toEqual([
      expect.stringContaining('mia@example.com'),
      expect.stringContaining('Member'),
      expect.stringContaining((await api.me.getMe()).name),
      expect.not.stringContaining('Expired'),
      expect.anything(),
    ]);
    await check(page, 'members');
  });

  it('the invitee opens the link, chooses a password, and lands signed in as the new member', async () => {
    // The admin hands the link over and signs out: this browser is Mia's from here.
    const { page } = admin;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/sign-in`);

    await page.goto(inviteUrl);
    await page.getByRole('heading', { name: `Join ${server.organizationName}` }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('mia@example.com');
    await check(page, 'invite-new-account');
    await page.getByLabel('Your name').fill('Mia Member');
    memberPassword = 'mia-chose-this-password';
    await page.getByLabel('Password', { exact: true }).fill(memberPassword);
    await page.getByLabel('Confirm password').fill(memberPassword);
    await page.getByRole('button', { name: 'Create account and join' }).click();

    await page.getByRole('heading', { name: 'Welcome, Mia Member' }).waitFor();
    expect(page.url()).toBe(`${server.url}/`);
    await page.getByText(`You joined ${server.organizationName}`).waitFor();
    await page.getByRole('button', { name: /Mia Member/ }).waitFor();

    // The link worked once.
    expect(await invitationStatus(inviteUrl)).toBe(404);
    await page.goto(inviteUrl);
    await page.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    await page.getByText('Ask whoever invited you to send you a new link.').waitFor();
    await check(page, 'invite-used');

    member = admin;
    admin = await newUser();
    await admin.page.goto(`${server.url}/admin/members`);
    await signIn(admin.page, server.adminEmail, server.adminPassword);
    await row(admin.page, 'mia@example.com').getByText('Member', { exact: true }).waitFor();
    await admin.page.getByText('No pending invitations.').waitFor();
  });

  it('a Member without Key: Manage sees no API Keys, and the URL explains why', async () => {
    const { page } = member;
    await page.goto(server.url);
    await page.getByText("Your roles don't include any admin pages.", { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Admin', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'API Keys' }).count()).toBe(0);
    await check(page, 'member-home');

    await page.getByRole('button', { name: /Mia Member/ }).click();
    const dialog = await openDialog(page, page.getByRole('menuitem', { name: 'Change password' }));
    await dialog.getByLabel('Current password').fill(memberPassword);
    memberPassword = 'mia-changed-her-password';
    await dialog.getByLabel('New password', { exact: true }).fill(memberPassword);
    await dialog.getByLabel('Confirm new password').fill(memberPassword);
    await check(page, 'change-password-dialog');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Password changed').waitFor();

    // The session that changed the password goes on.
    await page.goto(`${server.url}/admin/api-keys`);
    await page.getByText("You don't have permission to view this page").waitFor();
    await page.getByText('contact your organization administrator', { exact: false }).waitFor();
    expect(await page.locator('table').count()).toBe(0);
    await check(page, 'member-no-permission');
  });

  it('a custom role with Key: Manage makes API Keys appear for the Member after a reload', async () => {
    const { page } = admin;
    await openAdminPage(page, 'Roles & Permissions');
    await row(page, 'Owner').waitFor();
    expect(await row(page, 'Owner').getByRole('button').count()).toBe(0);
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Create role' }));
    await dialog.getByLabel('Name', { exact: true }).fill('Integrations');
    await dialog.getByLabel('Description').fill('Manages API keys for our integrations');
    await dialog.getByRole('checkbox', { name: /Key: Manage/ }).check();
    await check(page, 'role-editor-dialog');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, 'Integrations').getByText('Key: Manage').waitFor();
    await check(page, 'roles');

    await openAdminPage(page, 'Members');
    await openDialog(page, row(page, 'mia@example.com').getByRole('button', { name: 'Change roles of Mia Member' }));
    await dialog.getByRole('checkbox', { name: /Integrations/ }).check();
    await check(page, 'change-roles-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, 'mia@example.com').getByText('Integrations').waitFor();

    // Still on /admin/api-keys, where she was refused.
    await member.page.reload();
    await member.page.getByRole('heading', { level: 1, name: 'API Keys' }).waitFor();
    await row(member.page, 'Staging Environment').waitFor();
    await sidebar(member.page).getByRole('link', { name: 'API Keys', exact: true }).waitFor();
    expect(await member.page.getByRole('link', { name: 'Members' }).count()).toBe(0);
    await check(member.page, 'member-api-keys');
  });

  it('renews a pending invitation with a new link shown once, and revokes it', async () => {
    const { page } = admin;
    await openAdminPage(page, 'Members');
    let dialog = await openDialog(page, page.getByRole('button', { name: 'Add member' }));
    await dialog.getByLabel('Email').fill('noah@example.com');
    await dialog.getByLabel('Name', { exact: true }).fill('Noah Newcomer');
    await dialog.getByRole('button', { name: 'Invite' }).click();
    const firstLink = (await dialog.getByTestId('secret-value').textContent())?.trim() ?? '';
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await invitationRow(page, 'noah@example.com').waitFor();
    expect(await invitationStatus(firstLink)).toBe(200);

    dialog = await openDialog(page, invitationRow(page, 'noah@example.com').getByRole('button', { name: 'Renew invitation for noah@example.com' }));
    await dialog.getByText('The link they were sent stops working at once.').waitFor();
    await check(page, 'renew-invitation-dialog');
    await dialog.getByRole('button', { name: 'Renew', exact: true }).click();
    const renewedLink = (await dialog.getByTestId('secret-value').textContent())?.trim() ?? '';
    expect(renewedLink).toMatch(/\/invite\/\S+$/);
    expect(renewedLink).not.toBe(firstLink);
    await dialog.getByText('This link is shown only once.', { exact: false }).waitFor();
    await check(page, 'renew-invitation-link');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(renewedLink);
    // Focus is back on the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Renew invitation for noah@example.com');
    expect(await invitationStatus(firstLink)).toBe(404);
    expect(await invitationStatus(renewedLink)).toBe(200);

    dialog = await openDialog(page, invitationRow(page, 'noah@example.com').getByRole('button', { name: 'Revoke invitation for noah@example.com' }));
    await dialog.getByTestId('confirm-subject').getByText('noah@example.com', { exact: true }).waitFor();
    await check(page, 'revoke-invitation-dialog');
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await invitationRow(page, 'noah@example.com').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('invitations-heading');
    expect(await invitationStatus(renewedLink)).toBe(404);
    await check(page, 'members-invitation-revoked');
  });

  it('keeps the last Owner, saying why before the click', async () => {
    const { page } = admin;
    await openAdminPage(page, 'Members');
    const remove = row(page, server.adminEmail).getByRole('button', { name: /^Remove / });
    expect(await remove.getAttribute('aria-disabled')).toBe('true');
    await remove.hover();
    await page.locator('.mat-mdc-tooltip-surface').getByText('only Owner', { exact: false }).waitFor();
    await check(page, 'remove-last-owner');
  });

  it('lists what happened in the Audit Log', async () => {
    const { page } = admin;
    await openAdminPage(page, 'Audit Log');
    for (const action of ['API key created', 'API key deleted', 'Member joined by invitation', 'Role created', 'Member roles changed']) {
      await page.locator('td', { hasText: action }).first().waitFor();
    }
    expect(await page.locator('th').allTextContents()).toEqual(['Time', 'Action', 'Actor', 'Target', 'IP address']);
    await check(page, 'audit-log');
  });

  it('switches between organizations, each with its own keys', async () => {
    const { page } = admin;
    await api.organizations.createOrganization({ requestBody: { name: 'Globex Labs' } });
    await page.goto(`${server.url}/admin/api-keys`);
    await row(page, 'Staging Environment').waitFor();
    await page.getByRole('combobox', { name: 'Organization' }).click();
    await page.getByRole('option', { name: 'Globex Labs' }).click();
    await page.getByText('No API keys yet.').waitFor();
    await check(page, 'organization-switched');

    await page.reload();
    await page.getByText('No API keys yet.').waitFor();
    await page.getByRole('combobox', { name: 'Organization' }).click();
    await page.getByRole('option', { name: server.organizationName }).click();
    await row(page, 'Staging Environment').waitFor();
  });

  it('fits a phone: the sidebar slides over the page from a menu button', async () => {
    const { page } = admin;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(server.url);
      await page.getByRole('heading', { name: /Welcome/ }).waitFor();
      expect(await sidebar(page).isVisible()).toBe(false);

      await page.getByRole('button', { name: 'Menu' }).click();
      await openAdminPage(page, 'API Keys');
      // Choosing a page puts the sidebar away again.
      await sidebar(page).waitFor({ state: 'hidden' });
      await row(page, 'Staging Environment').waitFor();
      // The table scrolls inside its card; the page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await check(page, 'api-keys-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('returns to sign-in with a message, and back after, when the session ended elsewhere', async () => {
    const { page } = member;
    await page.goto(`${server.url}/admin/api-keys`);
    await row(page, 'Staging Environment').waitFor();

    // Mia changes her password on another device: every other session of hers ends, this browser's too.
    const { accessToken } = await createTptmClient({ baseUrl: server.url }).auth.login({
      requestBody: { email: 'mia@example.com', password: memberPassword },
    });
    const newPassword = 'mia-changed-it-elsewhere';
    await createTptmClient({ baseUrl: server.url, accessToken }).me.changePassword({
      requestBody: { currentPassword: memberPassword, newPassword },
    });
    memberPassword = newPassword;

    // The next call (Home counting her keys) is refused, and so is the renewal the console tries then.
    await sidebar(page).getByRole('link', { name: 'Home', exact: true }).click();
    await page.waitForURL(`${server.url}/sign-in?reason=expired&returnUrl=%2F`);
    await page.getByText('Your session has expired. Please sign in again.').waitFor();
    await check(page, 'session-expired');

    await signIn(page, 'mia@example.com', memberPassword);
    await page.waitForURL(`${server.url}/`);
  });

  it('an existing account signs in to accept, and joins with its own session', async () => {
    const globex = (await api.me.getMe()).memberships.find((m) => m.organization.name === 'Globex Labs')!.organization;
    const memberRole = (await api.roles.listRoles({ orgId: globex.id })).items.find((role) => role.name === 'Member')!;
    const { inviteUrl: link } = await api.members.addMember({
      orgId: globex.id,
      requestBody: { email: 'mia@example.com', name: 'Mia', roleIds: [memberRole.id] },
    });

    const visitor = await newUser();
    const { page } = visitor;
    // This server sends no email, so the answer holds the link.
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Join Globex Labs' }).waitFor();
    // The page never says whether the address has an account: it offers both ways in.
    await page.getByText('Already have an account for mia@example.com?').waitFor();
    await page.getByText('New to TPTM Admin?').waitFor();
    await check(page, 'invite-existing-account');
    await page.getByRole('button', { name: 'Sign in to accept' }).click();
    await page.waitForURL(/\/sign-in\?returnUrl=%2Finvite%2F/);
    await signIn(page, 'mia@example.com', memberPassword);

    await page.waitForURL(link!);
    await page.getByRole('button', { name: 'Accept and join' }).waitFor();
    await check(page, 'invite-accept');
    await page.getByRole('button', { name: 'Accept and join' }).click();
    await page.getByText('You joined Globex Labs').waitFor();
    await page.getByRole('heading', { name: 'Welcome, Mia Member' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Organization' }).textContent()).toContain('Globex Labs');
    expect(await invitationStatus(link!)).toBe(404);
    await visitor.context.close();
  });

  it('signing in once serves every tab, and signing out ends the session in all of them', async () => {
    const { context, page } = admin;
    const tab = await newTab(context);
    await tab.goto(`${server.url}/admin/api-keys`);
    await tab.getByRole('heading', { level: 1, name: 'API Keys' }).waitFor();
    await row(tab, 'Staging Environment').waitFor();
    await check(tab, 'new-tab-signed-in');
    // The session is a cookie no script can read; the access token lives in the tab's memory alone.
    expect(await tab.evaluate(() => document.cookie)).toBe('');
    expect(await tab.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }))).not.toMatch(/eyJ/);
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'tptm_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/sign-in`);

    // Ended on the server: even a copy of the cookie taken before no longer renews anything.
    await context.addCookies([cookie!]);
    expect(await tab.evaluate(async () => (await fetch('/api/v1/auth/refresh', { method: 'POST' })).status)).toBe(401);
    await tab.reload();
    await tab.waitForURL(/\/sign-in\?returnUrl=%2Fadmin%2Fapi-keys/);
    await page.goto(`${server.url}/admin/api-keys`);
    await page.waitForURL(/\/sign-in/);
    await tab.close();
  });

  async function organizationId(): Promise<string> {
    const me = await api.me.getMe();
    return me.memberships.find((m) => m.organization.name === server.organizationName)!.organization.id;
  }
});

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { REPO_ROOT, RunningServer, startServer } from './server';

/** Debian's Chromium (`apt-get install -y chromium`); E2E_CHROMIUM names another. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['E2E_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * The server and the browser, started side by side. If either fails to start,
 * the other is stopped before the error is thrown: a server left running
 * would keep Jest waiting for ever after the failed suite.
 */
export async function startServerAndBrowser(env?: Record<string, string>): Promise<[RunningServer, Browser]> {
  const [server, browser] = await Promise.allSettled([startServer(env), launchChromium()]);
  if (server.status === 'fulfilled' && browser.status === 'fulfilled') return [server.value, browser.value];
  if (server.status === 'fulfilled') await server.value.stop();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
}

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output', 'e2e');

/**
 * The steps whose screenshots illustrate the user guide (`docs/images/`), by
 * the guide's file name. `npm run docs:screenshots` runs the browser tests
 * with E2E_GUIDE_SCREENSHOTS=1 to write them again after the console changes.
 */
const GUIDE_SCREENSHOTS: Readonly<Record<string, string>> = {
  'api-keys': 'api-keys-table',
  'create-api-key-dialog': 'create-api-key',
  'create-api-key-created': 'api-key-shown-once',
  'delete-api-key-dialog': 'delete-api-key',
  'lifecycle-api-key-page': 'api-key-page',
  'lifecycle-roll-dialog': 'roll-api-key',
  'restricted-create': 'api-key-permissions',
  'add-member-invitation': 'member-invitation-link',
  roles: 'roles',
};
const GUIDE_DIR = join(REPO_ROOT, 'docs', 'images');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await settleAnimations(page);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const guideName = GUIDE_SCREENSHOTS[name];
  if (guideName && process.env['E2E_GUIDE_SCREENSHOTS']) {
    // Small enough to read beside the text: the dialog alone when one is open, else the visible page.
    const dialog = page.getByRole('dialog');
    const subject = (await dialog.count()) > 0 ? dialog.first() : page;
    mkdirSync(GUIDE_DIR, { recursive: true });
    await subject.screenshot({ path: join(GUIDE_DIR, `${guideName}.png`), scale: 'css' });
  }
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A dialog caught mid-fade would look half-drawn and show axe colours that never last. */
async function settleAnimations(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
  );
}

/** axe-core's WCAG 2.x A and AA rules on the page as it is now; only serious and critical findings count. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await settleAnimations(page);
  // Evaluated through the DevTools protocol: an inline <script> tag would be refused by the server's CSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/**
 * A tab of the console whose script errors, and anything the server's
 * Content-Security-Policy blocks, land in `errors`: each is a broken console,
 * which the suites check after every step.
 */
export async function consoleTab(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return page;
}

/** Screenshot for people, axe for the rules: no serious or critical finding on any page. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** Clicks what opens a dialog and waits until it has focused its first field, as a person would. */
export async function openDialog(page: Page, opener: Locator): Promise<Locator> {
  await opener.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('mat-dialog-container') != null);
  return dialog;
}

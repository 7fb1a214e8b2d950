import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import { type CreatedApiKeyResponse, Permission } from '@tptm/sdk';
import { dialogText, openDialog } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CATALOG } from '../../testing/permission-catalog';
import { CurrentUser } from '../core/session/current-user';
import { CreateApiKeyDialog } from './create-api-key.dialog';
import { calendarDaysUntil } from './key-expiry';

const FULL_KEY = 'tptm_7Gq2Kp9LmN3xR8vT1wY6zB4cD0eF5gH2jK7sQ9x9Fa';
const CREATED: CreatedApiKeyResponse = {
  id: '6a1f6c38-0c7e-4a55-9d0b-111111111111',
  name: 'Production Integration',
  key: FULL_KEY,
  maskedKey: 'tptm_7Gq2…x9Fa',
  expiresAt: null,
  previousKeyExpiresAt: null,
  enabled: true,
  rateLimit: null,
  allowedIps: [],
  revokedAt: null,
  exposure: null,
  policyViolations: [],
  createdAt: '2026-11-29T10:00:00.000Z',
  createdBy: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com' },
  lastUsedAt: null,
  permissions: [],
};

describe('CreateApiKeyDialog', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    client.permissions.listPermissions.mockResolvedValue({ items: CATALOG });
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function open() {
    const dialog = await openDialog<unknown>(CreateApiKeyDialog, { organizationId: ORG.id });
    const nameField = await dialog.loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Name' }));
    const nameInput = await dialog.loader.getHarness(MatInputHarness);
    const button = (text: string | RegExp) => dialog.loader.getHarness(MatButtonHarness.with({ text }));
    return { ...dialog, nameField, nameInput, button };
  }

  it('asks for a name before calling the API', async () => {
    const { nameField, button } = await open();
    await (await button('Create')).click();
    expect(await nameField.getTextErrors()).toEqual(['Enter a name for the key.']);
    expect(client.apiKeys.createApiKey).not.toHaveBeenCalled();
  });

  it('rejects a name of only spaces and one over 100 characters', async () => {
    const { nameField, nameInput, button } = await open();
    await nameInput.setValue('   ');
    await (await button('Create')).click();
    expect(await nameField.getTextErrors()).toEqual(['Enter a name for the key.']);
    await nameInput.setValue('x'.repeat(101));
    expect(await nameField.getTextErrors()).toEqual(['Use at most 100 characters.']);
    expect(client.apiKeys.createApiKey).not.toHaveBeenCalled();
  });

  it("shows the server's objection to the name on the Name field", async () => {
    client.apiKeys.createApiKey.mockRejectedValue(
      apiError(409, 'An API key named "Production Integration" already exists.', [
        { field: 'name', message: 'is already in use (names are compared ignoring case)' },
      ]),
    );
    const { nameField, nameInput, button } = await open();
    await nameInput.setValue('Production Integration');
    await (await button('Create')).click();

    expect(await nameField.getTextErrors()).toEqual(['Name is already in use (names are compared ignoring case)']);
    expect(dialogText()).toContain('Create API Key');
  });

  it('shows an error without a field above the buttons', async () => {
    client.apiKeys.createApiKey.mockRejectedValue(apiError(403, 'You need the Key: Manage permission.'));
    const { nameInput, button, settle } = await open();
    await nameInput.setValue('Staging Environment');
    await (await button('Create')).click();
    await settle();
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain('You need the Key: Manage permission.');
  });

  it('creates the key, shows it once with a copy button, and lets it go on Done', async () => {
    client.apiKeys.createApiKey.mockResolvedValue(CREATED);
    // jsdom has no clipboard: record what the CDK's hidden textarea holds when it asks to copy.
    let copied = '';
    document.execCommand = jest.fn((command: string) => {
      if (command === 'copy') copied = document.querySelector<HTMLTextAreaElement>('body > textarea')?.value ?? '';
      return true;
    });
    const { nameInput, button, settle, closed } = await open();

    await nameInput.setValue('  Production Integration ');
    await (await button('Create')).click();
    await settle();

    expect(client.apiKeys.createApiKey).toHaveBeenCalledWith({
      orgId: ORG.id,
      requestBody: { name: 'Production Integration', expiresAt: null, permissions: [] },
    });
    expect(dialogText()).toContain(FULL_KEY);
    expect(dialogText()).toContain('shown only once');

    await (await button(/Copy API key$/)).click();
    await settle();
    expect(copied).toBe(FULL_KEY);
    // "Copied" in the button itself, and said to screen readers.
    expect(await (await button(/Copied API key$/)).isDisabled()).toBe(false);
    expect(document.querySelector('mat-dialog-container [role="status"]')?.textContent?.trim()).toBe('API key copied to the clipboard');

    await (await button('Done')).click();
    const result = await closed;

    expect(result).toEqual({
      id: CREATED.id,
      name: CREATED.name,
      maskedKey: CREATED.maskedKey,
      expiresAt: null,
      previousKeyExpiresAt: null,
      enabled: true,
      rateLimit: null,
      allowedIps: [],
      revokedAt: null,
      exposure: null,
      policyViolations: [],
      createdAt: CREATED.createdAt,
      createdBy: CREATED.createdBy,
      lastUsedAt: null,
      permissions: [],
    });
    expect(JSON.stringify(result)).not.toContain(FULL_KEY);
    await settle();
    expect(document.body.innerHTML).not.toContain(FULL_KEY);
  });

  it('creates a key that never expires unless asked', async () => {
    client.apiKeys.createApiKey.mockResolvedValue(CREATED);
    const { loader, nameInput, button, settle } = await open();
    const expiration = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Expiration' }));
    expect(await (await loader.getHarness(MatSelectHarness)).getValueText()).toBe('No expiration');
    expect(await expiration.getTextHints()).toEqual(['The key works until it is deleted.']);

    await nameInput.setValue('Production Integration');
    await (await button('Create')).click();
    await settle();
    expect(client.apiKeys.createApiKey.mock.calls[0][0].requestBody.expiresAt).toBeNull();
  });

  it('offers periods from 7 days to a year, and expires the key that many days from now', async () => {
    client.apiKeys.createApiKey.mockResolvedValue({ ...CREATED, expiresAt: '2026-12-06T10:00:00.000Z' });
    const { loader, nameInput, button, settle } = await open();
    const select = await loader.getHarness(MatSelectHarness);
    await select.open();
    const options = await select.getOptions();
    expect(await Promise.all(options.map((option) => option.getText()))).toEqual([
      'No expiration',
      '7 days',
      '30 days',
      '60 days',
      '90 days',
      '1 year',
      'Custom date',
    ]);
    await select.clickOptions({ text: '7 days' });
    const expiration = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Expiration' }));
    expect((await expiration.getTextHints())[0]).toMatch(/^The key stops working on .+\.$/);

    const before = Date.now();
    await nameInput.setValue('Staging Environment');
    await (await button('Create')).click();
    await settle();

    const expiresAt = new Date(client.apiKeys.createApiKey.mock.calls[0][0].requestBody.expiresAt);
    expect(calendarDaysUntil(expiresAt, new Date(before))).toBe(7);
    // The same time of day, to the second (a daylight-saving change moves it by an hour).
    expect(Math.abs(expiresAt.getTime() - before - 7 * 86_400_000)).toBeLessThanOrEqual(3_600_000 + 1000);
  });

  it('asks for a day after today for a custom date, and expires the key at the end of that day', async () => {
    client.apiKeys.createApiKey.mockResolvedValue(CREATED);
    const { loader, nameInput, button, settle } = await open();
    await nameInput.setValue('Partner Export');
    await (await loader.getHarness(MatSelectHarness)).clickOptions({ text: 'Custom date' });
    const dateField = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Expiration date' }));
    const dateInput = await loader.getHarness(MatInputHarness.with({ selector: '[type="date"]' }));

    await (await button('Create')).click();
    expect(await dateField.getTextErrors()).toEqual(['Choose the day the key stops working.']);

    const today = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    await dateInput.setValue(`${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`);
    await (await button('Create')).click();
    expect(await dateField.getTextErrors()).toEqual(['Choose a day after today.']);
    expect(client.apiKeys.createApiKey).not.toHaveBeenCalled();

    await dateInput.setValue('2099-05-17');
    await (await button('Create')).click();
    await settle();
    expect(client.apiKeys.createApiKey).toHaveBeenCalledWith({
      orgId: ORG.id,
      requestBody: { name: 'Partner Export', expiresAt: new Date(2099, 4, 17, 23, 59, 59, 999).toISOString(), permissions: [] },
    });
  });

  it('shows how to use the key, masked until it is copied', async () => {
    client.apiKeys.createApiKey.mockResolvedValue(CREATED);
    document.execCommand = jest.fn(() => true);
    const { nameInput, button, settle } = await open();
    await nameInput.setValue('Production Integration');
    await (await button('Create')).click();
    await settle();
    const usage = () => document.querySelector('[data-testid="secret-usage"]')?.textContent?.trim();
    expect(usage()).toBe(`curl ${location.origin}/api/v1/integration/whoami \\\n  -H "X-API-Key: ${CREATED.maskedKey}"`);

    await (await button(/Copy API key$/)).click();
    await settle();
    expect(usage()).toBe(`curl ${location.origin}/api/v1/integration/whoami \\\n  -H "X-API-Key: ${FULL_KEY}"`);
  });

  it('asks before the tab is reloaded or closed while the key is on screen, and not after Done', async () => {
    client.apiKeys.createApiKey.mockResolvedValue(CREATED);
    const { nameInput, button, settle, closed } = await open();
    const leaving = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leaving()).toBe(false);
    await nameInput.setValue('Production Integration');
    await (await button('Create')).click();
    await settle();
    expect(leaving()).toBe(true);

    await (await button('Done')).click();
    await closed;
    await settle();
    expect(leaving()).toBe(false);
  });

  it('cannot be dismissed by accident while the key is on screen', async () => {
    client.apiKeys.createApiKey.mockResolvedValue(CREATED);
    const { nameInput, button, settle, ref } = await open();
    await nameInput.setValue('Production Integration');
    await (await button('Create')).click();
    await settle();
    expect(ref.disableClose).toBe(true);
  });

  it('creates a key with the permissions chosen, from those a key may hold that the user holds', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE, Permission.AUDIT_READ]));
    await TestBed.inject(CurrentUser).ensureLoaded();
    client.apiKeys.createApiKey.mockResolvedValue({ ...CREATED, permissions: [Permission.AUDIT_READ] });
    const { loader, nameInput, button, settle } = await open();
    await nameInput.setValue('SIEM export');
    await (await loader.getHarness(MatRadioGroupHarness)).checkRadioButton({ label: /Choose permissions/ });
    const boxes = await loader.getAllHarnesses(MatCheckboxHarness);
    expect(await Promise.all(boxes.map((box) => box.getLabelText()))).toEqual(["Audit: Read Read the organization's audit log."]);
    await boxes[0]!.check();
    await (await button('Create')).click();
    await settle();
    expect(client.apiKeys.createApiKey).toHaveBeenCalledWith({
      orgId: ORG.id,
      requestBody: { name: 'SIEM export', expiresAt: null, permissions: [Permission.AUDIT_READ] },
    });
  });
});

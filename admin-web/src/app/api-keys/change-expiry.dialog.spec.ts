import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import type { ApiKeyResponse } from '@tptm/sdk';
import { dialogText, openDialog } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, ORG, provideFakeClient } from '../../testing/fake-client';
import { ChangeExpiryDialog } from './change-expiry.dialog';
import { calendarDaysUntil } from './key-expiry';

const DAY = 86_400_000;
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

const KEY: ApiKeyResponse = {
  id: '6a1f6c38-0c7e-4a55-9d0b-111111111111',
  name: 'Production Integration',
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

describe('ChangeExpiryDialog', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function open(key: ApiKeyResponse) {
    const dialog = await openDialog<ApiKeyResponse>(ChangeExpiryDialog, { organizationId: ORG.id, key });
    const expiration = await dialog.loader.getHarness(MatSelectHarness);
    const button = (text: string) => dialog.loader.getHarness(MatButtonHarness.with({ text }));
    const sent = () => client.apiKeys.updateApiKey.mock.calls[0][0];
    return { ...dialog, expiration, button, sent };
  }

  it('offers the choices a new key has, and makes a key that never expired expire in the period chosen', async () => {
    const updated = { ...KEY, expiresAt: fromNow(30 * DAY) };
    client.apiKeys.updateApiKey.mockResolvedValue(updated);
    const { expiration, button, sent, closed } = await open(KEY);
    expect(dialogText()).toContain('Change expiry');
    expect(dialogText()).toContain('Production Integration never expires.');
    expect(await expiration.getValueText()).toBe('No expiration');
    await expiration.open();
    expect(await Promise.all((await expiration.getOptions()).map((option) => option.getText()))).toEqual([
      'No expiration',
      '7 days',
      '30 days',
      '60 days',
      '90 days',
      '1 year',
      'Custom date',
    ]);
    await expiration.clickOptions({ text: '30 days' });

    const before = Date.now();
    await (await button('Save')).click();
    expect(sent()).toEqual({ orgId: ORG.id, keyId: KEY.id, requestBody: { expiresAt: expect.any(String) } });
    expect(calendarDaysUntil(new Date(sent().requestBody.expiresAt!), new Date(before))).toBe(30);
    expect(await closed).toEqual(updated);
  });

  it('takes an expiry away with No expiration', async () => {
    client.apiKeys.updateApiKey.mockResolvedValue(KEY);
    const { expiration, button, sent } = await open({ ...KEY, expiresAt: fromNow(10 * DAY) });
    expect(dialogText()).toContain('Production Integration stops working on');
    // A key that had an expiry is offered one again.
    expect(await expiration.getValueText()).toBe('90 days');
    await expiration.clickOptions({ text: 'No expiration' });
    await (await button('Save')).click();
    expect(sent().requestBody).toEqual({ expiresAt: null });
  });

  it('renews an expired key, saying it keeps its secret and history', async () => {
    const renewed = { ...KEY, expiresAt: fromNow(90 * DAY) };
    client.apiKeys.updateApiKey.mockResolvedValue(renewed);
    const { button, sent, closed } = await open({ ...KEY, expiresAt: fromNow(-DAY) });
    expect(dialogText()).toMatch(/^Renew API key ?Production Integration expired on .+ the key works again at once, with the same secret/);
    await (await button('Renew')).click();
    expect(new Date(sent().requestBody.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 89 * DAY);
    expect(await closed).toEqual(renewed);
  });

  it('asks for a day after today with a custom date, and shows what the API refuses above the buttons', async () => {
    client.apiKeys.updateApiKey.mockRejectedValue(apiError(400, 'The request is not valid: expiresAt must be in the future.'));
    const { expiration, button, loader, settle } = await open(KEY);
    await expiration.clickOptions({ text: 'Custom date' });
    const dateField = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Expiration date' }));
    await (await button('Save')).click();
    expect(await dateField.getTextErrors()).toEqual(['Choose the day the key stops working.']);
    expect(client.apiKeys.updateApiKey).not.toHaveBeenCalled();

    await (await loader.getHarness(MatInputHarness.with({ selector: '[type="date"]' }))).setValue('2099-05-17');
    await (await button('Save')).click();
    await settle();
    expect(client.apiKeys.updateApiKey.mock.calls[0][0].requestBody).toEqual({ expiresAt: new Date(2099, 4, 17, 23, 59, 59, 999).toISOString() });
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain('expiresAt must be in the future.');
  });
});

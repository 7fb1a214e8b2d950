import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { provideRouter } from '@angular/router';
import type { ApiKeyResponse, CreatedApiKeyResponse } from '@tptm/sdk';
import { dialogText, openDialog } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, ORG, provideFakeClient } from '../../testing/fake-client';
import { RollApiKeyDialog } from './roll-api-key.dialog';

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
  lastUsedAt: '2026-12-01T08:00:00.000Z',
  permissions: [],
};
const NEW_KEY = 'tptm_Zx81Kp9LmN3xR8vT1wY6zB4cD0eF5gH2jK7sQ9q2Lm';
const ROLLED: CreatedApiKeyResponse = { ...KEY, maskedKey: 'tptm_Zx81…q2Lm', key: NEW_KEY };

describe('RollApiKeyDialog', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function open() {
    const dialog = await openDialog<ApiKeyResponse>(RollApiKeyDialog, { organizationId: ORG.id, key: KEY });
    const grace = await dialog.loader.getHarness(MatRadioGroupHarness);
    const button = (text: string) => dialog.loader.getHarness(MatButtonHarness.with({ text }));
    return { ...dialog, grace, button };
  }

  it('explains rolling and offers how long the current secret keeps working, a day unless chosen', async () => {
    const { grace } = await open();
    expect(dialogText()).toContain('Rolling gives Production Integration a new secret, shown once.');
    expect(document.querySelector('mat-radio-group')?.getAttribute('aria-labelledby')).toBe('grace-legend');
    expect(document.getElementById('grace-legend')?.textContent).toBe('The current secret stops working');
    const labels = await Promise.all((await grace.getRadioButtons()).map((radio) => radio.getLabelText()));
    expect(labels).toEqual(['Now', 'In 1 hour', 'In 24 hours', 'In 3 days', 'In 7 days']);
    expect(await grace.getCheckedValue()).toBe('86400');
    expect(dialogText()).toContain('The current secret tptm_7Gq2…x9Fa stops working at about');
    expect(dialogText()).toContain('Until then both secrets work');
  });

  it('warns that Now refuses the current secret at once, and rolls with no grace period', async () => {
    client.apiKeys.rollApiKey.mockResolvedValue(ROLLED);
    const { grace, button, settle } = await open();
    await grace.checkRadioButton({ label: 'Now' });
    expect(dialogText()).toContain('The current secret tptm_7Gq2…x9Fa stops working the moment you roll: integrations still using it are refused.');

    await (await button('Roll key')).click();
    await settle();
    expect(client.apiKeys.rollApiKey).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY.id, requestBody: { gracePeriodSeconds: 0 } });
    expect(dialogText()).toContain('The previous secret no longer works.');
  });

  it('shows the new key once with a copy button, says until when the previous one works, and lets it go on Done', async () => {
    const until = '2026-12-04T10:00:00.000Z';
    client.apiKeys.rollApiKey.mockResolvedValue({ ...ROLLED, previousKeyExpiresAt: until });
    let copied = '';
    document.execCommand = jest.fn((command: string) => {
      if (command === 'copy') copied = document.querySelector<HTMLTextAreaElement>('body > textarea')?.value ?? '';
      return true;
    });
    const { grace, button, settle, ref, closed, loader } = await open();
    await grace.checkRadioButton({ label: 'In 3 days' });
    await (await button('Roll key')).click();
    await settle();

    expect(client.apiKeys.rollApiKey).toHaveBeenCalledWith({
      orgId: ORG.id,
      keyId: KEY.id,
      requestBody: { gracePeriodSeconds: 259_200 },
    });
    expect(dialogText()).toContain('API key rolled');
    expect(dialogText()).toContain(NEW_KEY);
    expect(dialogText()).toContain('shown only once');
    expect(dialogText()).toContain('The previous secret works until');
    // Closing by accident would lose the only copy of the new key.
    expect(ref.disableClose).toBe(true);

    await (await loader.getHarness(MatButtonHarness.with({ text: /Copy API key$/ }))).click();
    expect(copied).toBe(NEW_KEY);

    await (await button('Done')).click();
    const result = await closed;
    expect(result).toEqual({ ...KEY, maskedKey: 'tptm_Zx81…q2Lm', previousKeyExpiresAt: until });
    expect(JSON.stringify(result)).not.toContain(NEW_KEY);
    await settle();
    expect(document.body.innerHTML).not.toContain(NEW_KEY);
  });

  it('warns that rolling again cuts off a previous secret still working, and sends replacePrevious only once confirmed', async () => {
    client.apiKeys.rollApiKey.mockResolvedValue(ROLLED);
    const dialog = await openDialog<ApiKeyResponse>(RollApiKeyDialog, {
      organizationId: ORG.id,
      key: { ...KEY, previousKeyExpiresAt: '2026-12-09T10:00:00.000Z' },
    });
    const button = (text: string) => dialog.loader.getHarness(MatButtonHarness.with({ text }));
    expect(dialogText()).toContain('The secret replaced by the last roll still works until');
    expect(dialogText()).toContain('Rolling again cuts it off at once');
    expect(await (await button('Roll key')).isDisabled()).toBe(true);

    await (await dialog.loader.getHarness(MatCheckboxHarness.with({ label: 'Cut off the previous secret now' }))).check();
    await (await button('Roll key')).click();
    await dialog.settle();
    expect(client.apiKeys.rollApiKey).toHaveBeenCalledWith({
      orgId: ORG.id,
      keyId: KEY.id,
      requestBody: { gracePeriodSeconds: 86_400, replacePrevious: true },
    });
  });

  it("shows the API's refusal and can still be cancelled", async () => {
    client.apiKeys.rollApiKey.mockRejectedValue(apiError(404, 'API key was not found.'));
    const { button, settle, ref } = await open();
    await (await button('Roll key')).click();
    await settle();
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain('API key was not found.');
    expect(ref.disableClose).toBe(false);
  });
});

import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import type { ApiKeyResponse } from '@tptm/sdk';
import { dialogText, openDialog } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, ORG, provideFakeClient } from '../../testing/fake-client';
import { EditKeyLimitsDialog } from './edit-key-limits.dialog';

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

describe('EditKeyLimitsDialog', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function open(key: ApiKeyResponse = KEY) {
    const dialog = await openDialog<ApiKeyResponse>(EditKeyLimitsDialog, { organizationId: ORG.id, key });
    const { loader } = dialog;
    const limit = await loader.getHarness(MatRadioGroupHarness);
    const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
    const button = (text: string) => loader.getHarness(MatButtonHarness.with({ text }));
    const fieldsShown = async () => (await loader.getAllHarnesses(MatFormFieldHarness)).length;
    return { ...dialog, limit, field, button, fieldsShown };
  }

  /** The text field a label names; MatInputHarness finds the textarea and the number fields alike. */
  async function textField(dialog: Awaited<ReturnType<typeof open>>, label: string): Promise<MatInputHarness> {
    return (await dialog.field(label)).getControl(MatInputHarness) as Promise<MatInputHarness>;
  }

  it('starts from no limit and any address, saying what each means', async () => {
    client.apiKeys.updateApiKey.mockResolvedValue(KEY);
    const dialog = await open();
    expect(dialogText()).toContain('Edit limits');
    expect(await (await dialog.limit.getCheckedRadioButton())?.getLabelText()).toBe('No limit');
    expect(dialogText()).toContain('The key may make as many requests as it likes.');
    // Only the addresses: no Requests field without a limit.
    expect(await dialog.fieldsShown()).toBe(1);
    const addresses = await dialog.field('Allowed addresses');
    expect(await addresses.getTextHints()).toEqual([
      'One IPv4 or IPv6 address or CIDR range per line, such as 203.0.113.7 or 10.0.0.0/8, up to 100. Empty: any address.',
    ]);
    expect(await (await textField(dialog, 'Allowed addresses')).getPlaceholder()).toBe('203.0.113.7\n10.0.0.0/8\n2001:db8::/32');

    await (await dialog.button('Save')).click();
    expect(client.apiKeys.updateApiKey).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY.id, requestBody: { rateLimit: null, allowedIps: [] } });
  });

  it('sets a limit per minute and the addresses one a line, blank lines and spaces left out, and closes with the key', async () => {
    const updated = { ...KEY, rateLimit: { requests: 100, windowSeconds: 60 }, allowedIps: ['203.0.113.7', '10.0.0.0/8'] };
    client.apiKeys.updateApiKey.mockResolvedValue(updated);
    const dialog = await open();
    await dialog.limit.checkRadioButton({ label: 'At most' });
    expect(await (await textField(dialog, 'Requests')).getValue()).toBe('100');
    expect(await (await dialog.loader.getHarness(MatSelectHarness)).getValueText()).toBe('minute');
    await (await textField(dialog, 'Allowed addresses')).setValue(' 203.0.113.7\n\n10.0.0.0/8  \n');

    await (await dialog.button('Save')).click();
    expect(client.apiKeys.updateApiKey).toHaveBeenCalledWith({
      orgId: ORG.id,
      keyId: KEY.id,
      requestBody: { rateLimit: { requests: 100, windowSeconds: 60 }, allowedIps: ['203.0.113.7', '10.0.0.0/8'] },
    });
    expect(await dialog.closed).toEqual(updated);
  });

  it('offers second, minute, hour and day, and any number of seconds up to a day', async () => {
    client.apiKeys.updateApiKey.mockResolvedValue(KEY);
    const dialog = await open({ ...KEY, rateLimit: { requests: 5, windowSeconds: 90 }, allowedIps: ['2001:db8::/32'] });
    expect(await (await dialog.limit.getCheckedRadioButton())?.getLabelText()).toBe('At most');
    const window = await dialog.loader.getHarness(MatSelectHarness);
    expect(await window.getValueText()).toBe('number of seconds');
    expect(await (await textField(dialog, 'Seconds')).getValue()).toBe('90');
    expect(await (await textField(dialog, 'Allowed addresses')).getValue()).toBe('2001:db8::/32');

    await window.open();
    expect(await Promise.all((await window.getOptions()).map((option) => option.getText()))).toEqual([
      'second',
      'minute',
      'hour',
      'day',
      'number of seconds',
    ]);
    // Choosing closes the list (Escape would close the dialog too).
    await window.clickOptions({ text: 'number of seconds' });

    await (await textField(dialog, 'Seconds')).setValue('86401');
    await (await textField(dialog, 'Requests')).setValue('0');
    await (await dialog.button('Save')).click();
    expect(await (await dialog.field('Seconds')).getTextErrors()).toEqual(['Enter a whole number from 1 to 86,400 (a day).']);
    expect(await (await dialog.field('Requests')).getTextErrors()).toEqual(['Enter a whole number from 1 to 1,000,000.']);
    expect(client.apiKeys.updateApiKey).not.toHaveBeenCalled();

    await (await textField(dialog, 'Requests')).setValue('10');
    await window.clickOptions({ text: 'hour' });
    expect(await dialog.fieldsShown()).toBe(3);
    await (await dialog.button('Save')).click();
    expect(client.apiKeys.updateApiKey.mock.calls[0][0].requestBody).toEqual({
      rateLimit: { requests: 10, windowSeconds: 3600 },
      allowedIps: ['2001:db8::/32'],
    });
  });

  it('removes a limit with No limit', async () => {
    client.apiKeys.updateApiKey.mockResolvedValue(KEY);
    const dialog = await open({ ...KEY, rateLimit: { requests: 100, windowSeconds: 60 } });
    await dialog.limit.checkRadioButton({ label: 'No limit' });
    await (await dialog.button('Save')).click();
    expect(client.apiKeys.updateApiKey.mock.calls[0][0].requestBody).toEqual({ rateLimit: null, allowedIps: [] });
  });

  it('names the line of an address the server refuses, beside the field, where the API counts entries', async () => {
    client.apiKeys.updateApiKey.mockRejectedValue(
      apiError(400, 'The request is not valid.', [
        {
          field: 'allowedIps',
          message: 'entry 1 is not an IPv4 or IPv6 address or CIDR range (write e.g. 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32)',
        },
      ]),
    );
    const dialog = await open();
    await (await textField(dialog, 'Allowed addresses')).setValue('203.0.113.7\n\n10.0.0.300');
    await (await dialog.button('Save')).click();
    await dialog.settle();
    expect(await (await dialog.field('Allowed addresses')).getTextErrors()).toEqual([
      'Line 3 (10.0.0.300) is not an IPv4 or IPv6 address or CIDR range (write e.g. 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32)',
    ]);
    expect(dialogText()).toContain('Edit limits');
  });

  it("shows the server's objection to the number of requests on that field, and other errors above the buttons", async () => {
    client.apiKeys.updateApiKey
      .mockRejectedValueOnce(
        apiError(400, 'The request is not valid.', [{ field: 'rateLimit.requests', message: 'must not be greater than 1000000' }]),
      )
      .mockRejectedValueOnce(apiError(404, 'API key was not found.'));
    const dialog = await open({ ...KEY, rateLimit: { requests: 100, windowSeconds: 60 } });
    await (await dialog.button('Save')).click();
    await dialog.settle();
    expect(await (await dialog.field('Requests')).getTextErrors()).toEqual(['Requests must not be greater than 1000000']);

    await (await textField(dialog, 'Requests')).setValue('200');
    await (await dialog.button('Save')).click();
    await dialog.settle();
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain('API key was not found.');
  });

  it('refuses more than 100 addresses before asking the API', async () => {
    const dialog = await open();
    const many = Array.from({ length: 101 }, (_, i) => `10.0.${Math.floor(i / 256)}.${i % 256}`).join('\n');
    await (await textField(dialog, 'Allowed addresses')).setValue(many);
    await (await dialog.button('Save')).click();
    expect(await (await dialog.field('Allowed addresses')).getTextErrors()).toEqual(['Use at most 100 lines; there are 101.']);
    expect(client.apiKeys.updateApiKey).not.toHaveBeenCalled();
  });
});

import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import type { ApiKeyResponse } from '@tptm/sdk';
import { dialogText, openDialog } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, ORG, provideFakeClient } from '../../testing/fake-client';
import { RenameApiKeyDialog } from './rename-api-key.dialog';

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

describe('RenameApiKeyDialog', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function open() {
    const dialog = await openDialog<ApiKeyResponse>(RenameApiKeyDialog, { organizationId: ORG.id, key: KEY });
    const nameField = await dialog.loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Name' }));
    const nameInput = await dialog.loader.getHarness(MatInputHarness);
    const button = (text: string) => dialog.loader.getHarness(MatButtonHarness.with({ text }));
    return { ...dialog, nameField, nameInput, button };
  }

  it('starts from the current name and asks for a new one', async () => {
    const { nameField, nameInput, button } = await open();
    expect(dialogText()).toContain('Rename API key');
    expect(await nameInput.getValue()).toBe('Production Integration');
    await nameInput.setValue('  ');
    await (await button('Save')).click();
    expect(await nameField.getTextErrors()).toEqual(['Enter a name for the key.']);
    expect(client.apiKeys.updateApiKey).not.toHaveBeenCalled();
  });

  it("shows the server's objection to a name in use on the Name field", async () => {
    client.apiKeys.updateApiKey.mockRejectedValue(
      apiError(409, 'An API key named "Staging Environment" already exists.', [
        { field: 'name', message: 'is already in use (names are compared ignoring case)' },
      ]),
    );
    const { nameField, nameInput, button } = await open();
    await nameInput.setValue('staging environment');
    await (await button('Save')).click();
    expect(await nameField.getTextErrors()).toEqual(['Name is already in use (names are compared ignoring case)']);
    expect(dialogText()).toContain('Rename API key');
  });

  it('shows an error without a field above the buttons', async () => {
    client.apiKeys.updateApiKey.mockRejectedValue(apiError(404, 'API key was not found.'));
    const { nameInput, button, settle } = await open();
    await nameInput.setValue('Production v2');
    await (await button('Save')).click();
    await settle();
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain('API key was not found.');
  });

  it('renames the key and closes with it', async () => {
    const renamed = { ...KEY, name: 'Production v2' };
    client.apiKeys.updateApiKey.mockResolvedValue(renamed);
    const { nameInput, button, closed } = await open();
    await nameInput.setValue(' Production v2 ');
    await (await button('Save')).click();
    expect(client.apiKeys.updateApiKey).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY.id, requestBody: { name: 'Production v2' } });
    expect(await closed).toEqual(renamed);
  });
});

import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatDialogState } from '@angular/material/dialog';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { type ApiKeyResponse, Permission } from '@tptm/sdk';
import { dialogText, openDialog } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CATALOG } from '../../testing/permission-catalog';
import { CurrentUser } from '../core/session/current-user';
import { EditKeyPermissionsDialog } from './edit-key-permissions.dialog';

const KEY: ApiKeyResponse = {
  id: '6a1f6c38-0c7e-4a55-9d0b-111111111111',
  name: 'SIEM export',
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
  permissions: [Permission.AUDIT_READ],
};

describe('EditKeyPermissionsDialog', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    client.permissions.listPermissions.mockResolvedValue({ items: CATALOG });
    client.me.getMe.mockResolvedValue(me([Permission.KEY_MANAGE, Permission.AUDIT_READ, Permission.MEMBER_MANAGE]));
    TestBed.configureTestingModule({ providers: [provideFakeClient(client)] });
  });

  async function open(key = KEY) {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const dialog = await openDialog<ApiKeyResponse>(EditKeyPermissionsDialog, { organizationId: ORG.id, key });
    const button = (text: string) => dialog.loader.getHarness(MatButtonHarness.with({ text }));
    const box = (label: RegExp) => dialog.loader.getHarness(MatCheckboxHarness.with({ label }));
    return { ...dialog, button, box };
  }

  it("starts from the key's permissions and says when a change takes effect", async () => {
    const { box } = await open();
    expect(await (await box(/Audit: Read/)).isChecked()).toBe(true);
    expect(await (await box(/Member: Manage/)).isChecked()).toBe(false);
    expect(dialogText()).toContain("What SIEM export may do. The change takes effect on the key's next request");
  });

  it('saves the whole new set and closes with the updated key', async () => {
    const updated = { ...KEY, permissions: [Permission.MEMBER_MANAGE] };
    client.apiKeys.updateApiKey.mockResolvedValue(updated);
    const { box, button, closed } = await open();
    await (await box(/Audit: Read/)).uncheck();
    await (await box(/Member: Manage/)).check();
    await (await button('Save')).click();
    expect(client.apiKeys.updateApiKey).toHaveBeenCalledWith({
      orgId: ORG.id,
      keyId: KEY.id,
      requestBody: { permissions: [Permission.MEMBER_MANAGE] },
    });
    expect(await closed).toEqual(updated);
  });

  it('takes every permission away with Integration only', async () => {
    client.apiKeys.updateApiKey.mockResolvedValue({ ...KEY, permissions: [] });
    const { loader, button, closed } = await open();
    await (await loader.getHarness(MatRadioGroupHarness)).checkRadioButton({ label: /Integration only/ });
    await (await button('Save')).click();
    expect(client.apiKeys.updateApiKey).toHaveBeenCalledWith({ orgId: ORG.id, keyId: KEY.id, requestBody: { permissions: [] } });
    expect((await closed)?.permissions).toEqual([]);
  });

  it("shows the API's refusal to grant a permission the user does not hold, and stays open", async () => {
    client.apiKeys.updateApiKey.mockRejectedValue(apiError(403, "You can't give a key a permission you don't hold: Member: Manage."));
    const { box, button, settle, ref } = await open();
    await (await box(/Member: Manage/)).check();
    await (await button('Save')).click();
    await settle();
    expect(document.querySelector('mat-dialog-container .callout.error[role="alert"]')?.textContent).toContain(
      "You can't give a key a permission you don't hold: Member: Manage.",
    );
    expect(ref.getState()).toBe(MatDialogState.OPEN);
  });
});

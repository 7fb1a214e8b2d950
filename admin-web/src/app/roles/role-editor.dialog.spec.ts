import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import { Permission, PermissionResponse, RoleResponse } from '@tptm/sdk';
import { openDialog } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, ORG, provideFakeClient } from '../../testing/fake-client';
import { RoleEditorDialog } from './role-editor.dialog';

const CATALOG: PermissionResponse[] = [
  { id: Permission.KEY_MANAGE, name: 'Key: Manage', description: "List, create and delete the organization's API keys.", grantableToApiKeys: false },
  { id: Permission.MEMBER_MANAGE, name: 'Member: Manage', description: 'Add and remove members.', grantableToApiKeys: true },
  { id: Permission.ROLE_MANAGE, name: 'Role: Manage', description: 'Create, edit and delete custom roles.', grantableToApiKeys: true },
  { id: Permission.AUDIT_READ, name: 'Audit: Read', description: "Read the organization's audit log.", grantableToApiKeys: true },
];

const INTEGRATIONS: RoleResponse = {
  id: 'r-int',
  name: 'Integrations',
  description: 'Keys for our integrations',
  builtIn: false,
  permissions: [Permission.KEY_MANAGE],
  memberCount: 2,
  createdAt: '2026-11-29T10:00:00.000Z',
};

describe('RoleEditorDialog', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function open(role?: RoleResponse) {
    const dialog = await openDialog<RoleResponse>(RoleEditorDialog, { organizationId: ORG.id, catalog: CATALOG, role });
    const field = (label: string) => dialog.loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
    const input = async (label: string) => (await (await field(label)).getControl(MatInputHarness))!;
    const checkbox = (label: string) => dialog.loader.getHarness(MatCheckboxHarness.with({ label: new RegExp(label) }));
    const button = (text: string) => dialog.loader.getHarness(MatButtonHarness.with({ text }));
    return { ...dialog, field, input, checkbox, button };
  }

  it('offers the catalog by display name and creates a role with the ticked permissions', async () => {
    const created = { ...INTEGRATIONS, memberCount: 0 };
    client.roles.createRole.mockResolvedValue(created);
    const { loader, input, checkbox, button, closed } = await open();

    const labels = await Promise.all((await loader.getAllHarnesses(MatCheckboxHarness)).map((box) => box.getLabelText()));
    expect(labels).toEqual([
      expect.stringMatching(/^Key: Manage List, create and delete/),
      expect.stringMatching(/^Member: Manage /),
      expect.stringMatching(/^Role: Manage /),
      expect.stringMatching(/^Audit: Read /),
    ]);

    await (await input('Name')).setValue('Integrations');
    await (await input('Description')).setValue('Keys for our integrations');
    await (await checkbox('Key: Manage')).check();
    await (await button('Create')).click();

    expect(await closed).toBe(created);
    expect(client.roles.createRole).toHaveBeenCalledWith({
      orgId: ORG.id,
      requestBody: { name: 'Integrations', description: 'Keys for our integrations', permissions: [Permission.KEY_MANAGE] },
    });
  });

  it('edits a custom role, starting from what it grants', async () => {
    client.roles.updateRole.mockResolvedValue(INTEGRATIONS);
    const { checkbox, button, closed } = await open(INTEGRATIONS);
    expect(await (await checkbox('Key: Manage')).isChecked()).toBe(true);
    expect(await (await checkbox('Audit: Read')).isChecked()).toBe(false);

    await (await checkbox('Audit: Read')).check();
    await (await button('Save')).click();
    await closed;

    expect(client.roles.updateRole).toHaveBeenCalledWith({
      orgId: ORG.id,
      roleId: 'r-int',
      requestBody: {
        name: 'Integrations',
        description: 'Keys for our integrations',
        permissions: [Permission.KEY_MANAGE, Permission.AUDIT_READ],
      },
    });
  });

  it('shows a duplicate name on the Name field', async () => {
    client.roles.createRole.mockRejectedValue(
      apiError(409, 'The name "Admin" is already in use in this organization.', [
        { field: 'name', message: 'is already in use (names are compared ignoring case)' },
      ]),
    );
    const { input, field, button, settle, checkbox } = await open();
    await (await input('Name')).setValue('admin');
    await (await checkbox('Key: Manage')).check();
    await (await button('Create')).click();
    await settle();
    expect(await (await field('Name')).getTextErrors()).toEqual(['Name is already in use (names are compared ignoring case)']);
  });

  it('warns before saving a role without permissions, and saves it on the second press', async () => {
    client.roles.createRole.mockResolvedValue({ ...INTEGRATIONS, name: 'Observers', permissions: [] });
    const { input, checkbox, button, settle, closed } = await open();
    await (await input('Name')).setValue('Observers');
    await (await button('Create')).click();
    await settle();

    expect(client.roles.createRole).not.toHaveBeenCalled();
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain('This role grants no permissions');

    // Ticking a permission takes the warning back: the role is no longer empty.
    await (await checkbox('Audit: Read')).check();
    expect(document.querySelector('mat-dialog-container [role="alert"]')).toBeNull();
    await (await checkbox('Audit: Read')).uncheck();
    await (await button('Create')).click();
    await (await button('Create without permissions')).click();
    await settle();

    expect(client.roles.createRole).toHaveBeenCalledWith({
      orgId: ORG.id,
      requestBody: { name: 'Observers', description: '', permissions: [] },
    });
    expect((await closed)?.name).toBe('Observers');
  });
});

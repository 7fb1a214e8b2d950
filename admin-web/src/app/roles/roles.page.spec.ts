import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import { Permission, RoleResponse } from '@tptm/sdk';
import { dialogText } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { RolesPage } from './roles.page';

function role(name: string, overrides: Partial<RoleResponse> = {}): RoleResponse {
  return {
    id: `r-${name.toLowerCase()}`,
    name,
    description: '',
    builtIn: false,
    permissions: [],
    memberCount: 0,
    createdAt: '2026-11-29T10:00:00.000Z',
    ...overrides,
  };
}

describe('RolesPage', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    client.me.getMe.mockResolvedValue(me([Permission.ROLE_MANAGE]));
    client.permissions.listPermissions.mockResolvedValue({
      items: [
        { id: Permission.KEY_MANAGE, name: 'Key: Manage', description: '' },
        { id: Permission.AUDIT_READ, name: 'Audit: Read', description: '' },
      ],
    });
    client.roles.listRoles.mockResolvedValue({
      items: [
        role('Owner', { builtIn: true, permissions: [Permission.KEY_MANAGE, Permission.AUDIT_READ], memberCount: 1 }),
        role('Integrations', { permissions: [Permission.KEY_MANAGE], memberCount: 3 }),
      ],
    });
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function render() {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(RolesPage);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const row = (name: string) => [...element.querySelectorAll('tr[mat-row]')].find((tr) => tr.textContent?.includes(name))!;
    return { fixture, element, row, loader: TestbedHarnessEnvironment.documentRootLoader(fixture), settle: () => fixture.whenStable() };
  }

  it('lists roles with the display names of their permissions, built-in ones read-only', async () => {
    const { row } = await render();
    expect(row('Owner').textContent).toContain('Built-in');
    expect(row('Owner').textContent).toContain('Read-only');
    expect(row('Owner').querySelectorAll('button')).toHaveLength(0);
    expect(row('Integrations').textContent).toContain('Key: Manage');
    expect(row('Integrations').textContent).not.toContain('key:manage');
    expect(row('Integrations').querySelector('button[aria-label="Delete role Integrations"]')).not.toBeNull();
  });

  it('deletes a custom role after saying who loses its permissions', async () => {
    client.roles.deleteRole.mockResolvedValue(undefined);
    const { loader, row, settle } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[aria-label="Delete role Integrations"]' }))).click();
    await settle();
    expect(dialogText()).toContain('Integrations');
    expect(dialogText()).toContain('3 members hold this role and will lose its permissions immediately.');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Delete' }))).click();
    await settle();
    expect(client.roles.deleteRole).toHaveBeenCalledWith({ orgId: ORG.id, roleId: 'r-integrations' });
    expect(row('Integrations')).toBeUndefined();
    // Focus goes to the row that took its place (here the last one left), never the page body.
    expect(document.activeElement?.closest('tr')?.textContent).toContain('Owner');
  });

  it('shows permissions as plain labels, in the order of the role dialog, and counts the roles', async () => {
    client.roles.listRoles.mockResolvedValue({
      items: [role('Auditors', { permissions: [Permission.AUDIT_READ, Permission.KEY_MANAGE] })],
    });
    const { row, element } = await render();
    const tags = [...row('Auditors').querySelectorAll('ul.tags li')].map((li) => li.textContent?.trim());
    // The catalog's order (Key: Manage, then Audit: Read), not the order the role lists them in.
    expect(tags).toEqual(['Key: Manage', 'Audit: Read']);
    expect(row('Auditors').querySelector('mat-chip, mat-chip-set')).toBeNull();
    expect(element.querySelector('[data-testid="list-count"]')?.textContent).toBe('1 role');
  });

  it("links a role's member count to those members, for those who may see the Members page", async () => {
    client.me.getMe.mockResolvedValue(me([Permission.ROLE_MANAGE, Permission.MEMBER_MANAGE]));
    const { row } = await render();
    const link = row('Integrations').querySelector('a');
    expect(link?.textContent?.trim()).toBe('3 members');
    expect(link?.getAttribute('href')).toBe('/admin/members?role=r-integrations');
    expect(link?.getAttribute('aria-label')).toBe('3 members holding Integrations');
    expect(row('Owner').querySelector('a')?.textContent?.trim()).toBe('1 member');
  });

  it('shows member counts without links to someone who cannot open the Members page', async () => {
    const { row } = await render();
    expect(row('Integrations').querySelector('a')).toBeNull();
    expect(row('Integrations').textContent).toContain('3 members');
  });

  it('puts focus on a new role and highlights it once the list is read again', async () => {
    const created = role('Observers', { permissions: [Permission.AUDIT_READ] });
    client.roles.createRole.mockResolvedValue(created);
    const { loader, row, settle } = await render();
    client.roles.listRoles.mockResolvedValue({
      items: [role('Owner', { builtIn: true, memberCount: 1 }), role('Integrations', { memberCount: 3 }), created],
    });
    await (await loader.getHarness(MatButtonHarness.with({ text: /Create role/ }))).click();
    await settle();
    const name = await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="name"]' }));
    await name.setValue('Observers');
    await (await loader.getHarness(MatCheckboxHarness.with({ label: /Audit: Read/ }))).check();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Create' }))).click();
    await settle();

    expect(row('Observers').classList).toContain('just-created');
    expect(document.activeElement).toBe(row('Observers'));
  });

  it('shows when the permission catalog cannot be loaded, and cannot create roles without it', async () => {
    client.permissions.listPermissions.mockRejectedValue(apiError(500, 'Something broke on our side.'));
    const { element } = await render();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Could not load the permission list');
    const create = [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Create role'));
    expect(create?.disabled).toBe(true);
  });
});

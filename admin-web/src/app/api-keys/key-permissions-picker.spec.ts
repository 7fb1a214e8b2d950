import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { Permission } from '@tptm/sdk';
import { apiError, fakeClient, FakeClient, me, provideFakeClient } from '../../testing/fake-client';
import { CATALOG } from '../../testing/permission-catalog';
import { CurrentUser } from '../core/session/current-user';
import { KeyPermissionsPicker } from './key-permissions-picker';

@Component({
  imports: [KeyPermissionsPicker],
  template: `<app-key-permissions-picker [control]="control" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  control = new FormControl<Permission[]>([], { nonNullable: true });
}

describe('KeyPermissionsPicker', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    client.permissions.listPermissions.mockResolvedValue({ items: CATALOG });
    TestBed.configureTestingModule({ providers: [provideFakeClient(client)] });
  });

  async function render(held: Permission[], initial: Permission[] = []) {
    client.me.getMe.mockResolvedValue(me(held));
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.control.setValue(initial);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const element: HTMLElement = fixture.nativeElement;
    const text = () => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const mode = () => loader.getHarness(MatRadioGroupHarness);
    const boxes = async () => Promise.all((await loader.getAllHarnesses(MatCheckboxHarness)).map((box) => box.getLabelText()));
    return { fixture, loader, text, mode, boxes, control: fixture.componentInstance.control, settle: () => fixture.whenStable() };
  }

  it('is Integration only by default, with no permission written', async () => {
    const { mode, control, boxes } = await render([Permission.KEY_MANAGE, Permission.AUDIT_READ]);
    expect(await (await mode()).getCheckedValue()).toBe('integration');
    expect(await boxes()).toEqual([]);
    expect(control.value).toEqual([]);
  });

  it('offers only permissions a key may hold that the user holds, each with its description', async () => {
    const { mode, boxes } = await render([Permission.KEY_MANAGE, Permission.AUDIT_READ, Permission.MEMBER_MANAGE]);
    await (await mode()).checkRadioButton({ label: /Choose permissions/ });
    // Key: Manage is never offered; Role: Manage is not held.
    expect(await boxes()).toEqual([
      'Member: Manage Add and remove members and change the roles they hold.',
      "Audit: Read Read the organization's audit log.",
    ]);
  });

  it('writes the ticked permissions, sorted, and nothing when switched back to Integration only', async () => {
    const { loader, mode, control, settle } = await render([Permission.KEY_MANAGE, Permission.AUDIT_READ, Permission.MEMBER_MANAGE]);
    await (await mode()).checkRadioButton({ label: /Choose permissions/ });
    await (await loader.getHarness(MatCheckboxHarness.with({ label: /Member: Manage/ }))).check();
    await (await loader.getHarness(MatCheckboxHarness.with({ label: /Audit: Read/ }))).check();
    expect(control.value).toEqual([Permission.AUDIT_READ, Permission.MEMBER_MANAGE]);

    await (await mode()).checkRadioButton({ label: /Integration only/ });
    expect(control.value).toEqual([]);
    // Switching back restores the ticks.
    await (await mode()).checkRadioButton({ label: /Choose permissions/ });
    await settle();
    expect(control.value).toEqual([Permission.AUDIT_READ, Permission.MEMBER_MANAGE]);
  });

  it("keeps a key's permission the user lacks, so it can be taken away, and says it can't be given back", async () => {
    const { loader, mode, control, text } = await render([Permission.KEY_MANAGE], [Permission.AUDIT_READ]);
    expect(await (await mode()).getCheckedValue()).toBe('chosen');
    const box = await loader.getHarness(MatCheckboxHarness.with({ label: /Audit: Read/ }));
    expect(await box.isChecked()).toBe(true);
    expect(text()).toContain("You don't hold this permission: once removed, you can't give it back.");
    await box.uncheck();
    expect(control.value).toEqual([]);
    expect(text()).toContain('With none ticked, the key is integration only.');
  });

  it('explains why there is nothing to choose for a user holding only Key: Manage', async () => {
    const { loader, text } = await render([Permission.KEY_MANAGE]);
    const choose = (await (await loader.getHarness(MatRadioGroupHarness)).getRadioButtons({ label: /Choose permissions/ }))[0]!;
    expect(await choose.isDisabled()).toBe(true);
    expect(text()).toContain('You hold no permission that a key may have.');
  });

  it('says when the list of permissions could not be loaded, and tries again', async () => {
    client.permissions.listPermissions.mockRejectedValueOnce(apiError(500, 'Database down'));
    const { text, fixture, settle } = await render([Permission.KEY_MANAGE, Permission.AUDIT_READ]);
    expect(text()).toContain('Could not load the list of permissions.');
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('.callout button')!.click();
    await settle();
    expect(text()).not.toContain('Could not load');
    expect(client.permissions.listPermissions).toHaveBeenCalledTimes(2);
  });

  it("shows the API's refusal of the permissions on the field", async () => {
    const { control, text, settle } = await render([Permission.KEY_MANAGE, Permission.AUDIT_READ]);
    control.setErrors({ server: 'must be permissions a key may hold' });
    await settle();
    expect(text()).toContain('Permissions must be permissions a key may hold');
  });
});

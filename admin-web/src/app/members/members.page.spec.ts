import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { provideRouter } from '@angular/router';
import { MemberResponse, Permission, RoleResponse } from '@tptm/sdk';
import { dialogText } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { MembersPage } from './members.page';

const ROLES: RoleResponse[] = ['Owner', 'Admin', 'Member'].map((name) => ({
  id: `r-${name.toLowerCase()}`,
  name,
  description: '',
  builtIn: true,
  permissions: [],
  memberCount: 1,
  createdAt: '2026-11-29T10:00:00.000Z',
}));

function member(name: string, roles: string[]): MemberResponse {
  return {
    id: `u-${name.split(' ')[0]!.toLowerCase()}`,
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
    roles: roles.map((r) => ({ id: `r-${r.toLowerCase()}`, name: r })),
    joinedAt: '2026-11-29T10:00:00.000Z',
  };
}

describe('MembersPage', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    client.me.getMe.mockResolvedValue(me([Permission.MEMBER_MANAGE]));
    client.roles.listRoles.mockResolvedValue({ items: ROLES });
    client.members.listMembers.mockResolvedValue({ items: [member('Ada Lovelace', ['Owner']), member('Grace Hopper', ['Member'])] });
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function render() {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(MembersPage);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const row = (name: string) => [...element.querySelectorAll('tr[mat-row]')].find((tr) => tr.textContent?.includes(name));
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const labelled = (label: string) => loader.getHarness(MatButtonHarness.with({ selector: `[aria-label="${label}"]` }));
    const button = (text: string) => loader.getHarness(MatButtonHarness.with({ text }));
    return { fixture, element, row, loader, labelled, button, settle: () => fixture.whenStable() };
  }

  it('lists members with their roles, marking the signed-in user', async () => {
    client.me.getMe.mockResolvedValue({ ...me([Permission.MEMBER_MANAGE]), id: 'u-ada' });
    const { row } = await render();
    expect(row('Ada Lovelace')?.textContent).toContain('You');
    expect(row('Grace Hopper')?.textContent).not.toContain('You');
    expect(row('Ada Lovelace')?.textContent).toContain('Owner');
    expect(row('Ada Lovelace')?.textContent).toContain('ada@example.com');
    expect(row('Grace Hopper')?.textContent).toContain('Member');
  });

  it("keeps the last Owner, showing the server's message in the confirmation", async () => {
    client.members.removeMember.mockRejectedValue(
      apiError(409, 'This is the last Owner of the organization. Make another member an Owner first.'),
    );
    const { labelled, button, row, settle } = await render();
    await (await labelled('Remove Ada Lovelace')).click();
    await settle();
    expect(dialogText()).toContain('Ada Lovelace (ada@example.com)');

    await (await button('Remove')).click();
    await settle();

    expect(client.members.removeMember).toHaveBeenCalledWith({ orgId: ORG.id, userId: 'u-ada' });
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain(
      'This is the last Owner of the organization. Make another member an Owner first.',
    );
    expect(row('Ada Lovelace')).toBeDefined();
  });

  it('changes roles and shows the new ones', async () => {
    client.members.setMemberRoles.mockResolvedValue(member('Grace Hopper', ['Admin']));
    const { loader, labelled, button, row, settle } = await render();
    await (await labelled('Change roles of Grace Hopper')).click();
    await settle();
    await (await loader.getHarness(MatCheckboxHarness.with({ label: /^Member/ }))).uncheck();
    await (await loader.getHarness(MatCheckboxHarness.with({ label: /^Admin/ }))).check();
    await (await button('Save')).click();
    await settle();

    expect(client.members.setMemberRoles).toHaveBeenCalledWith({ orgId: ORG.id, userId: 'u-grace', requestBody: { roleIds: ['r-admin'] } });
    expect(row('Grace Hopper')?.textContent).toContain('Admin');
  });
});

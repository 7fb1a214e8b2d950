import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import { InvitationStatus, MemberResponse, Permission, RoleResponse } from '@tptm/sdk';
import { dialogText } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, invitation, me, ORG, provideFakeClient } from '../../testing/fake-client';
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
    client.members.listInvitations.mockResolvedValue({
      items: [invitation('mia@example.com'), invitation('lin@example.com', { status: InvitationStatus.EXPIRED, invitedBy: null })],
    });
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function render() {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(MembersPage);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const row = (name: string) => [...element.querySelectorAll('tr[mat-row]')].find((tr) => tr.textContent?.includes(name));
    const invitationRows = () =>
      [...element.querySelectorAll('table[aria-label="Pending invitations"] tr[mat-row]')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim()),
      );
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const labelled = (label: string) => loader.getHarness(MatButtonHarness.with({ selector: `[aria-label="${label}"]` }));
    const button = (text: string) => loader.getHarness(MatButtonHarness.with({ text }));
    return { fixture, element, row, invitationRows, loader, labelled, button, settle: () => fixture.whenStable() };
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

  it('lists pending invitations: who, with which roles, invited by whom, until when', async () => {
    const { invitationRows } = await render();
    expect(invitationRows().map((cells) => cells.slice(0, 4))).toEqual([
      ['mia@example.com', 'Member', 'Ada Lovelace', expect.stringMatching(/2026/)],
      ['lin@example.com', 'Member', 'Deleted user', 'Expired'],
    ]);
  });

  it('lists an invitation as soon as it is made, in place of an earlier one to the same address', async () => {
    client.members.addMember.mockResolvedValue({ invitation: invitation('lin@example.com', { id: 'i-lin-2' }), inviteUrl: 'http://x/invite/t' });
    const { loader, button, invitationRows, settle } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add member/ }))).click();
    await settle();
    const input = async (label: string) =>
      (await (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getControl(MatInputHarness))!;
    await (await input('Email')).setValue('lin@example.com');
    await (await input('Name')).setValue('Lin');
    await (await button('Invite')).click();
    await settle();
    await (await button('Done')).click();
    await settle();

    expect(invitationRows().map((cells) => cells[0])).toEqual(['lin@example.com', 'mia@example.com']);
    expect(invitationRows()[0]![3]).not.toBe('Expired');
  });

  it('renews an invitation, showing the new link once', async () => {
    const renewed = invitation('lin@example.com', { expiresAt: '2026-12-13T10:00:00.000Z' });
    client.members.renewInvitation.mockResolvedValue({ invitation: renewed, inviteUrl: 'http://127.0.0.1/invite/the-new-one' });
    const { labelled, button, invitationRows, settle } = await render();
    await (await labelled('Renew invitation for lin@example.com')).click();
    await settle();
    expect(dialogText()).toContain('lin@example.com');
    expect(client.members.renewInvitation).not.toHaveBeenCalled();

    await (await button('Renew')).click();
    await settle();
    expect(client.members.renewInvitation).toHaveBeenCalledWith({ orgId: ORG.id, invitationId: 'i-lin' });
    expect(dialogText()).toContain('http://127.0.0.1/invite/the-new-one');
    expect(dialogText()).toContain('This link is shown only once.');

    await (await button('Done')).click();
    await settle();
    expect(document.body.innerHTML).not.toContain('the-new-one');
    expect(invitationRows()[1]![3]).not.toBe('Expired');
  });

  it('revokes an invitation after a confirmation naming it, then puts focus on the list', async () => {
    client.members.revokeInvitation.mockResolvedValue(undefined);
    const { labelled, button, invitationRows, settle, element } = await render();
    await (await labelled('Revoke invitation for mia@example.com')).click();
    await settle();
    expect(document.querySelector('[data-testid="confirm-subject"]')?.textContent).toBe('mia@example.com');
    expect(dialogText()).toContain('Its link stops working immediately.');

    await (await button('Revoke')).click();
    await settle();
    expect(client.members.revokeInvitation).toHaveBeenCalledWith({ orgId: ORG.id, invitationId: 'i-mia' });
    expect(invitationRows().map((cells) => cells[0])).toEqual(['lin@example.com']);
    expect(document.activeElement).toBe(element.querySelector('#invitations-heading'));
  });
});

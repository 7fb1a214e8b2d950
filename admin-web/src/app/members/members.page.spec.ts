import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSortHeaderHarness } from '@angular/material/sort/testing';
import { provideRouter } from '@angular/router';
import { InvitationStatus, InviterType, MemberResponse, Permission, RoleResponse } from '@tptm/sdk';
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

  async function render(inputs: { role?: string } = {}) {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(MembersPage);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const row = (name: string) => [...element.querySelectorAll('tr[mat-row]')].find((tr) => tr.textContent?.includes(name));
    const invitationRows = () =>
      [...element.querySelectorAll('table[aria-label="Pending invitations"] tr[mat-row]')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim()),
      );
    const memberNames = () =>
      [...element.querySelectorAll('table[aria-label="Members"] tr[mat-row] td:first-child')].map((td) =>
        td.textContent?.replace(/\s*You\s*$/, '').trim(),
      );
    const count = () => element.querySelector('[data-testid="list-count"]')?.textContent;
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const labelled = (label: string) => loader.getHarness(MatButtonHarness.with({ selector: `[aria-label="${label}"]` }));
    const button = (text: string) => loader.getHarness(MatButtonHarness.with({ text }));
    const focusedRow = () => document.activeElement?.closest('tr')?.textContent ?? null;
    return { fixture, element, row, invitationRows, memberNames, count, focusedRow, loader, labelled, button, settle: () => fixture.whenStable() };
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

  it("shows the server's refusal in the confirmation, when the Owners changed since the list was read", async () => {
    client.members.listMembers.mockResolvedValue({ items: [member('Ada Lovelace', ['Owner']), member('Grace Hopper', ['Owner'])] });
    client.members.removeMember.mockRejectedValue(apiError(409, 'This is the last Owner of the organization. Make another member an Owner first.'));
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
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000 + 60_000).toISOString();
    client.members.listInvitations.mockResolvedValue({
      items: [
        invitation('mia@example.com', { expiresAt: inThreeDays }),
        invitation('lin@example.com', { status: InvitationStatus.EXPIRED, invitedBy: null }),
        invitation('bo@example.com', { invitedBy: { type: InviterType.API_KEY, id: 'k-bot', name: 'Onboarding bot', maskedKey: 'tptm_4c5a…PtIN' } }),
      ],
    });
    const { invitationRows } = await render();
    expect(invitationRows().map((cells) => cells.slice(0, 3))).toEqual([
      ['mia@example.com', 'Member', 'Ada Lovelace'],
      ['lin@example.com', 'Member', 'Not recorded'],
      ['bo@example.com', 'Member', 'Onboarding bot (API key tptm_4c5a…PtIN)'],
    ]);
    expect(
      invitationRows()
        .map((cells) => cells[3])
        .slice(0, 2),
    ).toEqual(['in 3 days', 'Expired']);
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

  it('revokes an invitation after a confirmation naming it, then puts focus on the next one', async () => {
    client.members.revokeInvitation.mockResolvedValue(undefined);
    const { labelled, button, invitationRows, settle, focusedRow } = await render();
    await (await labelled('Revoke invitation for mia@example.com')).click();
    await settle();
    expect(document.querySelector('[data-testid="confirm-subject"]')?.textContent).toBe('mia@example.com');
    expect(dialogText()).toContain('Its link stops working immediately.');

    await (await button('Revoke')).click();
    await settle();
    expect(client.members.revokeInvitation).toHaveBeenCalledWith({ orgId: ORG.id, invitationId: 'i-mia' });
    expect(invitationRows().map((cells) => cells[0])).toEqual(['lin@example.com']);
    expect(focusedRow()).toContain('lin@example.com');
  });

  it('puts focus on the invitations heading once the last invitation is revoked', async () => {
    client.members.listInvitations.mockResolvedValue({ items: [invitation('mia@example.com')] });
    client.members.revokeInvitation.mockResolvedValue(undefined);
    const { labelled, button, settle, element } = await render();
    await (await labelled('Revoke invitation for mia@example.com')).click();
    await settle();
    await (await button('Revoke')).click();
    await settle();
    expect(document.activeElement).toBe(element.querySelector('#invitations-heading'));
  });

  it('highlights a new invitation and puts focus on its row', async () => {
    client.members.addMember.mockResolvedValue({ invitation: invitation('noor@example.com'), inviteUrl: 'http://x/invite/t' });
    const { loader, button, settle, focusedRow, element } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add member/ }))).click();
    await settle();
    const input = async (label: string) =>
      (await (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getControl(MatInputHarness))!;
    await (await input('Email')).setValue('noor@example.com');
    await (await input('Name')).setValue('Noor');
    await (await button('Invite')).click();
    await settle();
    await (await button('Done')).click();
    await settle();

    expect(focusedRow()).toContain('noor@example.com');
    expect(element.querySelector('tr.just-created')?.textContent).toContain('noor@example.com');
  });

  it('sorts members by name, the other way round on request, and by the date they joined', async () => {
    client.members.listMembers.mockResolvedValue({
      items: [
        { ...member('Zoe Zhang', ['Member']), joinedAt: '2026-01-01T00:00:00.000Z' },
        { ...member('ada Lovelace', ['Owner']), joinedAt: '2026-03-01T00:00:00.000Z' },
        { ...member('Grace Hopper', ['Member']), joinedAt: '2026-02-01T00:00:00.000Z' },
      ],
    });
    const { loader, memberNames, settle } = await render();
    expect(memberNames()).toEqual(['ada Lovelace', 'Grace Hopper', 'Zoe Zhang']);

    const byName = await loader.getHarness(MatSortHeaderHarness.with({ label: 'Name' }));
    expect(await byName.getSortDirection()).toBe('asc');
    await byName.click();
    await settle();
    expect(memberNames()).toEqual(['Zoe Zhang', 'Grace Hopper', 'ada Lovelace']);

    // Newest first: whoever joined last is what one looks for.
    await (await loader.getHarness(MatSortHeaderHarness.with({ label: 'Joined' }))).click();
    await settle();
    expect(memberNames()).toEqual(['ada Lovelace', 'Grace Hopper', 'Zoe Zhang']);
  });

  it('counts the members', async () => {
    const { count } = await render();
    expect(count()).toBe('2 members');
  });

  it('disables Remove for the only Owner and says why, and locks their Owner role', async () => {
    const { labelled, loader, settle } = await render();
    const remove = await labelled('Remove Ada Lovelace');
    // Disabled but focusable, so that the reason in its tooltip can be reached from the keyboard.
    expect(await (await remove.host()).getAttribute('aria-disabled')).toBe('true');
    expect(await (await remove.host()).getAttribute('aria-describedby')).toBeTruthy();
    expect(document.body.textContent).toContain("The organization's only Owner can't be removed");
    await remove.click();
    await settle();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(await (await (await labelled('Remove Grace Hopper')).host()).getAttribute('aria-disabled')).not.toBe('true');

    await (await labelled('Change roles of Ada Lovelace')).click();
    await settle();
    const owner = await loader.getHarness(MatCheckboxHarness.with({ label: /^Owner/ }));
    expect(await owner.isChecked()).toBe(true);
    expect(await owner.isDisabled()).toBe(true);
    expect(await owner.getLabelText()).toContain("can't be removed or lose the Owner role");
  });

  it('lets an Owner leave once another member is an Owner too, saying "You"', async () => {
    client.me.getMe.mockResolvedValue({ ...me([Permission.MEMBER_MANAGE]), id: 'u-ada' });
    client.members.listMembers.mockResolvedValue({ items: [member('Ada Lovelace', ['Owner']), member('Grace Hopper', ['Owner'])] });
    const { labelled, settle } = await render();
    await (await labelled('Remove yourself')).click();
    await settle();
    expect(document.querySelector('mat-dialog-container h2')?.textContent).toBe('Remove yourself');
    expect(document.querySelector('[data-testid="confirm-subject"]')?.textContent).toBe('You (ada@example.com)');
    expect(dialogText()).toContain('You will be removed from Acme:');
    expect(dialogText()).toContain('Remove yourself');
  });

  it('puts focus on the next row after removing a member', async () => {
    client.members.listMembers.mockResolvedValue({
      items: [member('Ada Lovelace', ['Owner']), member('Grace Hopper', ['Member']), member('Linus Torvalds', ['Member'])],
    });
    client.members.removeMember.mockResolvedValue(undefined);
    const { labelled, button, settle, focusedRow, memberNames } = await render();
    await (await labelled('Remove Grace Hopper')).click();
    await settle();
    await (await button('Remove')).click();
    await settle();
    expect(memberNames()).toEqual(['Ada Lovelace', 'Linus Torvalds']);
    expect(focusedRow()).toContain('Linus Torvalds');
  });

  it('says, when removing a member, that the keys they created keep their permissions', async () => {
    client.me.getMe.mockResolvedValue(me([Permission.MEMBER_MANAGE, Permission.KEY_MANAGE]));
    client.apiKeys.listAllApiKeys.mockImplementation(async function* () {
      const key = { createdBy: { id: 'u-grace', name: 'Grace Hopper', email: 'grace@example.com' } };
      yield* [
        { ...key, permissions: [Permission.AUDIT_READ] },
        { ...key, permissions: [Permission.MEMBER_MANAGE] },
        { ...key, permissions: [] },
      ];
    });
    const { labelled, settle } = await render();
    await (await labelled('Remove Grace Hopper')).click();
    await settle();
    expect(dialogText()).toContain('2 API keys they created keep their permissions; they belong to the organization.');
  });

  it("keeps focus in the member's row after changing their roles", async () => {
    client.members.setMemberRoles.mockResolvedValue(member('Grace Hopper', ['Admin']));
    const { loader, labelled, button, settle, focusedRow } = await render();
    await (await labelled('Change roles of Grace Hopper')).click();
    await settle();
    await (await loader.getHarness(MatCheckboxHarness.with({ label: /^Admin/ }))).check();
    await (await button('Save')).click();
    await settle();
    expect(focusedRow()).toContain('Grace Hopper');
    expect(document.activeElement).not.toBe(document.body);
  });

  it('shows only the members holding a role when the Roles page links here', async () => {
    const { memberNames, count, element } = await render({ role: 'r-owner' });
    expect(memberNames()).toEqual(['Ada Lovelace']);
    expect(count()).toBe('1 of 2 members');
    expect(element.textContent).toContain('Members holding Owner.');
    expect(element.querySelector('a[href="/admin/members"]')?.textContent).toContain('Show all members');
  });
});

import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import type { InvitationCreatedResponse, RoleResponse } from '@tptm/sdk';
import { dialogText, openDialog } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, invitation, ORG, provideFakeClient } from '../../testing/fake-client';
import { AddMemberDialog } from './add-member.dialog';

function role(id: string, name: string, builtIn = true): RoleResponse {
  return { id, name, builtIn, description: `${name} role`, permissions: [], memberCount: 0, createdAt: '2026-11-29T10:00:00.000Z' };
}

const ROLES = [role('r-owner', 'Owner'), role('r-member', 'Member'), role('r-int', 'Integrations', false)];
const INVITE_URL = 'http://127.0.0.1:3000/invite/inv_3kQ9wXc2Lm7Rt5Vb8Nz1Pq4Hs6Jd0Fg';
const INVITED: InvitationCreatedResponse = { invitation: invitation('grace@example.com'), inviteUrl: INVITE_URL };

describe('AddMemberDialog', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function open() {
    const dialog = await openDialog<unknown>(AddMemberDialog, { organizationId: ORG.id, roles: ROLES });
    const input = async (label: string) =>
      (await (await dialog.loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))).getControl(MatInputHarness))!;
    const field = (label: string) => dialog.loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
    const button = (text: string) => dialog.loader.getHarness(MatButtonHarness.with({ text }));
    const fill = async () => {
      await (await input('Email')).setValue('grace@example.com');
      await (await input('Name')).setValue('Grace Hopper');
    };
    return { ...dialog, input, field, button, fill };
  }

  it('offers every role, with Member ticked', async () => {
    const { loader } = await open();
    const boxes = await loader.getAllHarnesses(MatCheckboxHarness);
    const states = await Promise.all(boxes.map(async (box) => [await box.getLabelText(), await box.isChecked()]));
    expect(states).toEqual([
      [expect.stringContaining('Owner'), false],
      [expect.stringContaining('Member'), true],
      [expect.stringContaining('Integrations'), false],
    ]);
  });

  it('shows the invitation link once, with a copy button, then closes with the invitation alone', async () => {
    client.members.addMember.mockResolvedValue(INVITED);
    // jsdom has no clipboard: record what the CDK's hidden textarea holds when it asks to copy.
    let copied = '';
    document.execCommand = jest.fn((command: string) => {
      if (command === 'copy') copied = document.querySelector<HTMLTextAreaElement>('body > textarea')?.value ?? '';
      return true;
    });
    const { loader, fill, button, settle, closed, ref } = await open();
    await fill();
    await (await loader.getHarness(MatCheckboxHarness.with({ label: /Integrations/ }))).check();
    await (await button('Invite')).click();
    await settle();

    expect(client.members.addMember).toHaveBeenCalledWith({
      orgId: ORG.id,
      requestBody: { email: 'grace@example.com', name: 'Grace Hopper', roleIds: ['r-member', 'r-int'] },
    });
    expect(dialogText()).toContain(INVITE_URL);
    expect(dialogText()).toContain('It is their only way in: it works once');
    expect(dialogText()).toContain('(7 days)');
    expect(dialogText()).toContain('This link is shown only once.');
    expect(dialogText()).not.toMatch(/password/i);
    // Closing by accident would lose the only copy.
    expect(ref.disableClose).toBe(true);

    await (await loader.getHarness(MatButtonHarness.with({ text: /Copy Invitation link$/ }))).click();
    await settle();
    expect(copied).toBe(INVITE_URL);

    await (await button('Done')).click();
    const invitation = await closed;
    expect(invitation).toEqual(INVITED.invitation);
    expect(JSON.stringify(invitation)).not.toContain(INVITE_URL);
    await settle();
    expect(document.body.innerHTML).not.toContain(INVITE_URL);
  });

  it('says the link was emailed, and shows none, when the server sent it to the address', async () => {
    client.members.addMember.mockResolvedValue({ invitation: INVITED.invitation });
    const { fill, button, settle, closed } = await open();
    await fill();
    await (await button('Invite')).click();
    await settle();

    expect(dialogText()).toContain('We emailed the invitation link to grace@example.com.');
    expect(dialogText()).toContain('nobody else sees it, you included');
    expect(document.querySelector('[data-testid="secret-value"]')).toBeNull();
    expect(dialogText()).not.toContain('/invite/');
    await (await button('Done')).click();
    expect(await closed).toEqual(INVITED.invitation);
  });

  it("puts the server's objection on the Email field", async () => {
    client.members.addMember.mockRejectedValue(
      apiError(409, 'grace@example.com is already a member of this organization.', [{ field: 'email', message: 'is already a member' }]),
    );
    const { fill, button, field, settle } = await open();
    await fill();
    await (await button('Invite')).click();
    await settle();
    expect(await (await field('Email')).getTextErrors()).toEqual(['Email is already a member']);
  });

  it('shows a refusal that names no field above the buttons', async () => {
    client.members.addMember.mockRejectedValue(apiError(403, 'Only an Owner can grant or remove the Owner role.'));
    const { fill, button, settle } = await open();
    await fill();
    await (await button('Invite')).click();
    await settle();
    expect(document.querySelector('mat-dialog-container [role="alert"]')?.textContent).toContain('Only an Owner can grant or remove the Owner role.');
  });
});

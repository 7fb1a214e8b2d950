import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import { openDialog } from '../../testing/dialogs';
import { apiError, fakeClient, FakeClient, provideFakeClient } from '../../testing/fake-client';
import { ChangePasswordDialog } from './change-password.dialog';

describe('ChangePasswordDialog', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function open() {
    const dialog = await openDialog<boolean>(ChangePasswordDialog, undefined);
    const field = (label: string) => dialog.loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
    const type = async (label: string, value: string) => (await (await field(label)).getControl(MatInputHarness))!.setValue(value);
    const submit = async () => {
      await (await dialog.loader.getHarness(MatButtonHarness.with({ text: 'Change password' }))).click();
      await dialog.settle();
    };
    return { ...dialog, field, type, submit };
  }

  it('checks length and confirmation before calling the API', async () => {
    const { type, submit, field } = await open();
    await type('Current password', 'the-current-one');
    await type('New password', 'short');
    await type('Confirm new password', 'different');
    await submit();
    expect(await (await field('New password')).getTextErrors()).toEqual(['Use 12 to 256 characters.']);
    expect(await (await field('Confirm new password')).getTextErrors()).toEqual(['Enter the new password again, exactly.']);
    expect(client.me.changePassword).not.toHaveBeenCalled();
  });

  it('changes the password', async () => {
    client.me.changePassword.mockResolvedValue(undefined);
    const { type, submit, closed } = await open();
    await type('Current password', 'the-current-one');
    await type('New password', 'a much longer password');
    await type('Confirm new password', 'a much longer password');
    await submit();
    expect(client.me.changePassword).toHaveBeenCalledWith({
      requestBody: { currentPassword: 'the-current-one', newPassword: 'a much longer password' },
    });
    expect(await closed).toBe(true);
  });

  it('says so on the field when the current password is wrong', async () => {
    client.me.changePassword.mockRejectedValue(
      apiError(400, 'The current password is incorrect.', [{ field: 'currentPassword', message: 'is incorrect' }]),
    );
    const { type, submit, field } = await open();
    await type('Current password', 'not-it');
    await type('New password', 'a much longer password');
    await type('Confirm new password', 'a much longer password');
    await submit();
    expect(await (await field('Current password')).getTextErrors()).toEqual(['Current password is incorrect']);
  });
});

import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import { apiError, fakeClient, FakeClient, provideFakeClient } from '../../testing/fake-client';
import { SessionStore } from '../core/session/session.store';
import { ResetPasswordPage } from './reset-password.page';

const TOKEN = 'pwr_8Hs2Lq0Xv5Tb3Nc7Rz9Kw1Pm4Jd6Fg';

describe('ResetPasswordPage', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function render() {
    const fixture = TestBed.createComponent(ResetPasswordPage);
    fixture.componentRef.setInput('token', TOKEN);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
    const type = async (label: string, value: string) => (await (await field(label)).getControl(MatInputHarness))!.setValue(value);
    const submit = async () => {
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Set password and sign in' }))).click();
      await fixture.whenStable();
    };
    const element: HTMLElement = fixture.nativeElement;
    const text = () => element.textContent?.replace(/\s+/g, ' ') ?? '';
    const settle = () => fixture.whenStable();
    return { loader, field, type, submit, text, settle };
  }

  it('checks length and confirmation before calling the API', async () => {
    client.auth.getPasswordReset.mockResolvedValue({ email: 'grace@example.com' });
    const { type, submit, field } = await render();
    expect(client.auth.getPasswordReset).toHaveBeenCalledWith({ token: TOKEN });
    expect(await (await (await field('Email')).getControl(MatInputHarness))!.getValue()).toBe('grace@example.com');
    await type('New password', 'short');
    await type('Confirm new password', 'different');
    await submit();
    expect(await (await field('New password')).getTextErrors()).toEqual(['Use 12 to 256 characters.']);
    expect(await (await field('Confirm new password')).getTextErrors()).toEqual(['Enter the new password again, exactly.']);
    expect(client.auth.completePasswordReset).not.toHaveBeenCalled();
  });

  it('sets the new password and signs in', async () => {
    client.auth.getPasswordReset.mockResolvedValue({ email: 'grace@example.com' });
    client.auth.completePasswordReset.mockResolvedValue({ accessToken: 'grace-token', tokenType: 'Bearer', expiresIn: 3600 });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { type, submit } = await render();
    await type('New password', 'a long enough password');
    await type('Confirm new password', 'a long enough password');
    await submit();
    expect(client.auth.completePasswordReset).toHaveBeenCalledWith({ token: TOKEN, requestBody: { newPassword: 'a long enough password' } });
    expect(TestBed.inject(SessionStore).validToken()).toBe('grace-token');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('explains a link that was used or expired, and where to get a new one', async () => {
    client.auth.getPasswordReset.mockRejectedValue(apiError(404, 'Password reset was not found.'));
    const { text } = await render();
    expect(text()).toContain('This reset link no longer works');
    expect(text()).toContain('Ask for a new one from the sign-in page.');
  });

  it('offers to try again when the server could not be reached', async () => {
    client.auth.getPasswordReset.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue({ email: 'grace@example.com' });
    const { loader, text, field, settle } = await render();
    expect(text()).toContain('Could not check the link');
    expect(text()).toContain('Could not reach the server.');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Try again' }))).click();
    await settle();
    expect(await (await (await field('Email')).getControl(MatInputHarness))!.getValue()).toBe('grace@example.com');
  });
});

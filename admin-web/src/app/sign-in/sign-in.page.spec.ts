import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import { PasswordResetMode } from '@tptm/sdk';
import { apiError, fakeClient, FakeClient, provideFakeClient } from '../../testing/fake-client';
import { SessionStore } from '../core/session/session.store';
import { SignInPage } from './sign-in.page';

describe('SignInPage', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function render(inputs: { reason?: string; returnUrl?: string } = {}) {
    const fixture = TestBed.createComponent(SignInPage);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
    const input = async (label: string) => (await field(label)).getControl(MatInputHarness);
    const signIn = async (email: string, password: string) => {
      await (await input('Email'))!.setValue(email);
      await (await input('Password'))!.setValue(password);
      await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))).click();
      await fixture.whenStable();
    };
    const element: HTMLElement = fixture.nativeElement;
    const button = (text: string) => loader.getHarness(MatButtonHarness.with({ text }));
    const text = () => element.textContent?.replace(/\s+/g, ' ') ?? '';
    return { fixture, field, input, signIn, element, button, text };
  }

  it('signs in, keeps the session, and goes where the user was going', async () => {
    client.auth.login.mockResolvedValue({ accessToken: 'the-token', tokenType: 'Bearer', expiresIn: 3600 });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { signIn } = await render({ returnUrl: '/admin/api-keys' });

    await signIn(' ada@example.com ', 'correct horse');

    expect(client.auth.login).toHaveBeenCalledWith({ requestBody: { email: 'ada@example.com', password: 'correct horse' } });
    expect(TestBed.inject(SessionStore).validToken()).toBe('the-token');
    expect(navigate).toHaveBeenCalledWith('/admin/api-keys');
  });

  it('never follows a return address off the console', async () => {
    client.auth.login.mockResolvedValue({ accessToken: 't', tokenType: 'Bearer', expiresIn: 3600 });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { signIn } = await render({ returnUrl: '//evil.example/phish' });
    await signIn('ada@example.com', 'pw');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('puts focus on Email when the page opens', async () => {
    const { element } = await render();
    expect(document.activeElement).toBe(element.querySelector('input[type="email"]'));
  });

  it('says a wrong email or password once, empties the password and puts focus there to type it again', async () => {
    client.auth.login.mockRejectedValue(apiError(401, 'Missing, invalid or expired credentials.'));
    const { signIn, element, field } = await render();
    await signIn('ada@example.com', 'wrong');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('The email or password is incorrect.');
    const password = await field('Password');
    expect(await (await password.getControl(MatInputHarness))!.getValue()).toBe('');
    // One message: not the alert and "Enter your password." under the field it emptied.
    expect(await password.getTextErrors()).toEqual([]);
    expect(await (await field('Email')).getTextErrors()).toEqual([]);
    expect(document.activeElement).toBe(element.querySelector('input[type="password"]'));
    expect(element.querySelector('input[type="password"]')?.getAttribute('aria-describedby')).toContain('sign-in-error');
    expect(TestBed.inject(SessionStore).signedIn()).toBe(false);
  });

  it('catches an email that is not one on its field, and puts focus on the first field in error', async () => {
    const { input, field, fixture, element, button } = await render();
    await (await input('Email'))!.setValue('ada@');
    await (await button('Sign in')).click();
    await fixture.whenStable();
    expect(await (await field('Email')).getTextErrors()).toEqual(['Enter an email address, like name@example.com.']);
    expect(document.activeElement).toBe(element.querySelector('input[type="email"]'));

    await (await input('Email'))!.setValue('ada@example.com');
    await (await button('Sign in')).click();
    await fixture.whenStable();
    expect(document.activeElement).toBe(element.querySelector('input[type="password"]'));
    expect(client.auth.login).not.toHaveBeenCalled();
  });

  it("passes on the server's words when it refuses for another reason", async () => {
    client.auth.login.mockRejectedValue(apiError(429, 'Too many failed sign-ins from this address; try again in 15 minutes.'));
    const { signIn, element } = await render();
    await signIn('ada@example.com', 'wrong');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('try again in 15 minutes');
  });

  it('asks for both fields before calling the API', async () => {
    const { field, fixture, element } = await render();
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await fixture.whenStable();
    expect(await (await field('Email')).getTextErrors()).toEqual(['Enter your email address.']);
    expect(await (await field('Password')).getTextErrors()).toEqual(['Enter your password.']);
    expect(client.auth.login).not.toHaveBeenCalled();
  });

  it('explains why the user is back here when the session expired', async () => {
    const { element } = await render({ reason: 'expired' });
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Your session has expired. Please sign in again.');
  });

  describe('a forgotten password', () => {
    it('is reset by email when the server can send it: the answer never says whether the account exists', async () => {
      client.auth.getSignInOptions.mockResolvedValue({ passwordReset: PasswordResetMode.EMAIL });
      client.auth.requestPasswordReset.mockResolvedValue(undefined);
      const { fixture, input, button, element, text } = await render();
      await (await input('Email'))!.setValue('grace@example.com ');

      await (await button('Forgot password?')).click();
      await fixture.whenStable();
      expect(element.querySelector('h1')?.textContent).toBe('Reset your password');
      expect(await (await input('Email'))!.getValue()).toBe('grace@example.com');
      expect(document.activeElement).toBe(element.querySelector('input[type="email"]'));

      await (await button('Send link')).click();
      await fixture.whenStable();
      expect(client.auth.requestPasswordReset).toHaveBeenCalledWith({ requestBody: { email: 'grace@example.com' } });
      expect(element.querySelector('[role="status"]')?.textContent).toContain('If an account exists for grace@example.com, a link is on its way.');
      expect(document.activeElement?.textContent).toContain('Back to sign in');

      await (await button('Back to sign in')).click();
      await fixture.whenStable();
      expect(text()).toContain('Sign in to TPTM Admin');
    });

    it("passes on the server's words when it cannot send the email", async () => {
      client.auth.getSignInOptions.mockResolvedValue({ passwordReset: PasswordResetMode.EMAIL });
      client.auth.requestPasswordReset.mockRejectedValue(apiError(403, 'This server cannot send email.'));
      const { fixture, input, button, element } = await render();
      await (await button('Forgot password?')).click();
      await fixture.whenStable();
      await (await input('Email'))!.setValue('grace@example.com');
      await (await button('Send link')).click();
      await fixture.whenStable();
      expect(element.querySelector('[role="alert"]')?.textContent).toContain('This server cannot send email.');
    });

    it("is the operator's to reset on a server without email, and the page says so", async () => {
      const { text, element } = await render();
      expect(text()).toContain('Forgot your password? Ask your administrator');
      expect(text()).not.toContain('npm run');
      expect([...element.querySelectorAll('button')].map((b) => b.textContent?.trim())).not.toContain('Forgot password?');
    });
  });
});

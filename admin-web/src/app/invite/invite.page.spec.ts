import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { SessionStore } from '../core/session/session.store';
import { InvitePage } from './invite.page';

const TOKEN = 'inv_3kQ9wXc2Lm7Rt5Vb8Nz1Pq4Hs6Jd0Fg';
const ACCEPTED = { accessToken: 'grace-token', tokenType: 'Bearer', expiresIn: 3600, organization: ORG };

describe('InvitePage', () => {
  let client: FakeClient;

  beforeEach(() => {
    localStorage.clear();
    client = fakeClient();
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'invite/:token', component: InvitePage }], withComponentInputBinding()), provideFakeClient(client)],
    });
  });

  async function render(signedInAs?: string) {
    client.invitations.getInvitation.mockResolvedValue({ organization: { name: 'Acme' }, email: 'grace@example.com' });
    if (signedInAs) {
      TestBed.inject(SessionStore).start('signed-in-token', 3600);
      client.me.getMe.mockResolvedValue({ ...me([]), email: signedInAs });
    }
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/invite/${TOKEN}`);
    await harness.fixture.whenStable();
    const loader = TestbedHarnessEnvironment.loader(harness.fixture);
    const element: HTMLElement = harness.routeNativeElement!;
    const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
    const type = async (label: string, value: string) => (await (await field(label)).getControl(MatInputHarness))!.setValue(value);
    const click = async (text: string) => {
      await (await loader.getHarness(MatButtonHarness.with({ text }))).click();
      await harness.fixture.whenStable();
    };
    const text = () => element.textContent?.replace(/\s+/g, ' ') ?? '';
    return { harness, element, field, type, click, text };
  }

  describe('for a visitor not signed in', () => {
    it('offers both ways in, since the page is never told whether the address has an account', async () => {
      const { text, field } = await render();
      expect(client.invitations.getInvitation).toHaveBeenCalledWith({ token: TOKEN });
      expect(text()).toContain('Join Acme');
      expect(text()).toContain('Already have an account for grace@example.com?');
      expect(text()).toContain('New to TPTM Admin?');
      expect(await (await (await field('Email')).getControl(MatInputHarness))!.getValue()).toBe('grace@example.com');
    });

    it('sends someone with an account to sign in first, and back here after', async () => {
      const { click } = await render();
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
      await click('Sign in to accept');
      expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { returnUrl: `/invite/${TOKEN}` } });
    });

    it('asks for a name and a password of 12 to 256 characters, entered twice, before calling the API', async () => {
      const { type, click, field } = await render();
      await type('Password', 'short');
      await type('Confirm password', 'different');
      await click('Create account and join');

      expect(await (await field('Your name')).getTextErrors()).toEqual(['Enter your name.']);
      expect(await (await field('Password')).getTextErrors()).toEqual(['Use 12 to 256 characters.']);
      expect(await (await field('Confirm password')).getTextErrors()).toEqual(['Enter the password again, exactly.']);
      expect(client.invitations.acceptInvitation).not.toHaveBeenCalled();
    });

    it('creates the account, signs it in to the organization it joined, and opens the console', async () => {
      client.invitations.acceptInvitation.mockResolvedValue(ACCEPTED);
      const { type, click } = await render();
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
      await type('Your name', ' Grace Hopper ');
      await type('Password', 'a long enough password');
      await type('Confirm password', 'a long enough password');
      await click('Create account and join');

      expect(client.invitations.acceptInvitation).toHaveBeenCalledWith({
        token: TOKEN,
        requestBody: { name: 'Grace Hopper', password: 'a long enough password' },
      });
      expect(TestBed.inject(SessionStore).validToken()).toBe('grace-token');
      expect(localStorage.getItem('tptm.organization')).toBe(ORG.id);
      expect(navigate).toHaveBeenCalledWith('/');
    });

    it("passes on the server's words when the address turns out to have an account", async () => {
      client.invitations.acceptInvitation.mockRejectedValue(
        apiError(401, 'grace@example.com already has an account: sign in as it to accept this invitation.'),
      );
      const { type, click, element } = await render();
      await type('Your name', 'Grace Hopper');
      await type('Password', 'a long enough password');
      await type('Confirm password', 'a long enough password');
      await click('Create account and join');
      expect(element.querySelector('[role="alert"]')?.textContent).toContain('already has an account: sign in as it');
    });

    it('says so when the link stopped working in the meantime', async () => {
      client.invitations.acceptInvitation.mockRejectedValue(apiError(404, 'Invitation was not found.'));
      const { type, click, text } = await render();
      await type('Your name', 'Grace Hopper');
      await type('Password', 'a long enough password');
      await type('Confirm password', 'a long enough password');
      await click('Create account and join');
      expect(text()).toContain('This invitation link no longer works');
    });
  });

  describe('signed in', () => {
    it('accepts for the account invited, with its token alone', async () => {
      client.invitations.acceptInvitation.mockResolvedValue(ACCEPTED);
      const { click, text } = await render('Grace@example.com');
      expect(text()).not.toContain('New to TPTM Admin?');
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
      await click('Accept and join');
      expect(client.invitations.acceptInvitation).toHaveBeenCalledWith({ token: TOKEN, requestBody: {} });
      expect(TestBed.inject(CurrentUser).me()).toBeNull();
      expect(navigate).toHaveBeenCalledWith('/');
    });

    it("passes on the server's words when it refuses", async () => {
      client.invitations.acceptInvitation.mockRejectedValue(apiError(409, 'grace@example.com is already a member of this organization.'));
      const { click, element } = await render('grace@example.com');
      await click('Accept and join');
      expect(element.querySelector('[role="alert"]')?.textContent).toContain('already a member of this organization');
    });

    it('offers to sign out when signed in as someone else, to sign in as the address invited or to create its account', async () => {
      client.auth.logout.mockResolvedValue(undefined);
      const { click, text } = await render('ada@example.com');
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
      expect(text()).toContain("You're signed in as ada@example.com, but this invitation is for grace@example.com.");
      expect(text()).not.toContain('Create account and join');
      await click('Sign out, then sign in as grace@example.com');
      expect(client.auth.logout).toHaveBeenCalled();
      expect(client.invitations.acceptInvitation).not.toHaveBeenCalled();
      expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { returnUrl: `/invite/${TOKEN}` } });
    });

    it('signs out and comes back here to create the account', async () => {
      client.auth.logout.mockResolvedValue(undefined);
      const { click } = await render('ada@example.com');
      jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
      const back = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
      await click('Sign out, then create the account');
      expect(client.auth.logout).toHaveBeenCalled();
      expect(back).toHaveBeenCalledWith(`/invite/${TOKEN}`);
    });
  });

  it('explains a link that was used, revoked or expired, and what to do', async () => {
    client.invitations.getInvitation.mockRejectedValue(apiError(404, 'Invitation was not found.'));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/invite/${TOKEN}`);
    await harness.fixture.whenStable();
    const text = harness.routeNativeElement?.textContent?.replace(/\s+/g, ' ');
    expect(text).toContain('This invitation link no longer works');
    expect(text).toContain('It was already used, revoked or replaced by a newer one, or it expired.');
    expect(text).toContain('Ask whoever invited you to send you a new link.');
  });
});

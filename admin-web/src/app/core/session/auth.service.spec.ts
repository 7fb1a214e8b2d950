import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { apiError, fakeClient, FakeClient, me, provideFakeClient } from '../../../testing/fake-client';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user';
import { SessionStore } from './session.store';

function token(accessToken: string, expiresIn = 3600) {
  return { accessToken, tokenType: 'Bearer', expiresIn };
}

describe('AuthService', () => {
  let client: FakeClient;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => jest.useRealTimers());

  const auth = () => TestBed.inject(AuthService);
  const session = () => TestBed.inject(SessionStore);

  it('keeps the access token in memory, never in storage a script could read it back from', async () => {
    client.auth.login.mockResolvedValue(token('the-token'));
    await auth().signIn('ada@example.com', 'correct horse');
    expect(session().validToken()).toBe('the-token');
    expect(JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage })).not.toContain('the-token');
  });

  it('picks up the session another tab signed in, once', async () => {
    client.auth.refresh.mockResolvedValue(token('from-the-cookie'));
    expect(await auth().restore()).toBe(true);
    expect(await auth().restore()).toBe(true);
    expect(session().validToken()).toBe('from-the-cookie');
    expect(client.auth.refresh).toHaveBeenCalledTimes(1);
  });

  it('asks again on the next navigation when the server did not answer', async () => {
    client.auth.refresh.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await auth().restore()).toBe(false);
    client.auth.refresh.mockResolvedValue(token('from-the-cookie'));
    expect(await auth().restore()).toBe(true);
  });

  it('renews the token two minutes before it runs out, with one request however many ask', async () => {
    jest.useFakeTimers();
    client.auth.login.mockResolvedValue(token('first', 600));
    client.auth.refresh.mockResolvedValue(token('second', 600));
    await auth().signIn('ada@example.com', 'correct horse');

    await jest.advanceTimersByTimeAsync(479_000);
    expect(client.auth.refresh).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(client.auth.refresh).toHaveBeenCalledTimes(1);
    expect(session().validToken()).toBe('second');

    client.auth.refresh.mockClear();
    await Promise.all([auth().refresh(), auth().refresh()]);
    expect(client.auth.refresh).toHaveBeenCalledTimes(1);
  });

  it('goes back to sign-in, saying why, when the renewal finds the session ended', async () => {
    jest.useFakeTimers();
    client.auth.login.mockResolvedValue(token('first', 600));
    await auth().signIn('ada@example.com', 'correct horse');
    await jest.advanceTimersByTimeAsync(480_000);
    expect(session().signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { reason: 'expired', returnUrl: '/' } });
  });

  it('tries the renewal again when it got no answer, keeping the token meanwhile', async () => {
    jest.useFakeTimers();
    client.auth.login.mockResolvedValue(token('first', 600));
    client.auth.refresh.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue(token('second', 600));
    await auth().signIn('ada@example.com', 'correct horse');
    await jest.advanceTimersByTimeAsync(480_000);
    expect(session().validToken()).toBe('first');
    await jest.advanceTimersByTimeAsync(15_000);
    expect(session().validToken()).toBe('second');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('after a 401, carries on with a new token while the session stands', async () => {
    client.auth.login.mockResolvedValue(token('stale'));
    client.auth.refresh.mockResolvedValue(token('fresh'));
    await auth().signIn('ada@example.com', 'correct horse');
    auth().expire('/admin/roles');
    await auth().refresh();
    expect(session().validToken()).toBe('fresh');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('after a 401, goes back to sign-in and then to the page once the session has ended', async () => {
    client.auth.login.mockResolvedValue(token('stale'));
    await auth().signIn('ada@example.com', 'correct horse');
    auth().expire('/admin/roles');
    await expect(auth().refresh()).resolves.toBe(false);
    expect(session().signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { reason: 'expired', returnUrl: '/admin/roles' } });
  });

  it('follows the session to another user signed in from another tab', async () => {
    const navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    client.auth.login.mockResolvedValue(token('ada'));
    client.me.getMe.mockResolvedValueOnce(me([])).mockResolvedValue({ ...me([]), id: 'someone-else', name: 'Grace Hopper' });
    await auth().signIn('ada@example.com', 'correct horse');
    await TestBed.inject(CurrentUser).ensureLoaded();

    client.auth.refresh.mockResolvedValue(token('grace'));
    await auth().refresh();
    await TestBed.inject(CurrentUser).ensureLoaded();

    expect(TestBed.inject(CurrentUser).me()?.name).toBe('Grace Hopper');
    expect(navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('signs out on the server, for every tab, then here', async () => {
    client.auth.login.mockResolvedValue(token('the-token'));
    client.auth.logout.mockResolvedValue(undefined);
    await auth().signIn('ada@example.com', 'correct horse');
    await auth().signOut();
    expect(client.auth.logout).toHaveBeenCalled();
    expect(session().signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { returnUrl: undefined } });
  });

  it('renews an expired token first, since only a valid one can end the session', async () => {
    session().start('expired', -1);
    client.auth.refresh.mockResolvedValue(token('fresh'));
    client.auth.logout.mockResolvedValue(undefined);
    await auth().signOut();
    expect(client.auth.refresh).toHaveBeenCalled();
    expect(client.auth.logout).toHaveBeenCalled();
    expect(session().signedIn()).toBe(false);
  });

  it('stays signed in, and says so, when the server could not be told', async () => {
    client.auth.login.mockResolvedValue(token('the-token'));
    client.auth.logout.mockRejectedValue(new TypeError('Failed to fetch'));
    await auth().signIn('ada@example.com', 'correct horse');
    await expect(auth().signOut()).rejects.toThrow(TypeError);
    expect(session().validToken()).toBe('the-token');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('signs out here when the session had already ended', async () => {
    client.auth.login.mockResolvedValue(token('the-token'));
    client.auth.logout.mockRejectedValue(apiError(401, 'Missing, invalid or expired credentials.'));
    await auth().signIn('ada@example.com', 'correct horse');
    await auth().signOut('/invite/abc');
    expect(session().signedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { returnUrl: '/invite/abc' } });
  });
});

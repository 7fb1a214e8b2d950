import { PasswordHasher } from '../src/auth/password-hasher';
import { OWNER_EMAIL, startTestApp, TestApp } from './harness';

/**
 * A sign-in with an unknown email must cost what one with a wrong password
 * costs, or response times would tell an attacker which emails have accounts.
 * Rather than time the two (which a busy machine makes flaky), this proves
 * the cause: both run exactly one password check, against a hash of the same
 * scrypt cost.
 */
describe('sign-in hash work', () => {
  let t: TestApp;
  let verify: jest.SpiedFunction<PasswordHasher['verify']>;
  beforeAll(async () => {
    t = await startTestApp();
    verify = jest.spyOn(PasswordHasher.prototype, 'verify');
  });
  afterAll(async () => {
    verify.mockRestore();
    await t.close();
  });
  beforeEach(() => verify.mockClear());

  /** The scrypt parameters of each stored hash the request checked a password against: `scrypt$<log2 N>$<r>$<p>`. */
  async function hashWorkOf(email: string, password: string): Promise<string[]> {
    const response = await t.http.post('/api/v1/auth/login').send({ email, password });
    expect(response.status).toBe(401);
    return verify.mock.calls.map(([, stored]) => stored.split('$').slice(0, 4).join('$'));
  }

  it('runs one scrypt check of the same cost for an unknown email as for a wrong password', async () => {
    const wrongPassword = await hashWorkOf(OWNER_EMAIL, 'wrong-password-1');
    verify.mockClear();
    const unknownEmail = await hashWorkOf('nobody@example.com', 'wrong-password-1');

    expect(wrongPassword).toEqual([`scrypt$${t.config.passwordHashCost}$8$1`]);
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it('does the same work for an unknown email however it is spelled', async () => {
    for (const email of ['NOBODY@example.com', ' someone-else@example.org ']) {
      verify.mockClear();
      expect(await hashWorkOf(email, 'x')).toHaveLength(1);
    }
  });
});

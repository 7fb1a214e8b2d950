import { join } from 'node:path';
import { redactUrl } from '../src/logging/logger';
import { startTestApp, TestApp } from './harness';
import { expectProblem } from './fixtures';
import { regexesIn, regexProblems } from './support/regex-safety';

/**
 * No request can make the server backtrack: one regular expression that
 * tries every split of a long input holds the event loop, and so every other
 * request, for as long as it runs. Time is never asserted here; the
 * properties that bound it are.
 */
describe('regular expressions (ReDoS)', () => {
  it('every regular expression in the server source matches in linear time', () => {
    const found = regexesIn(join(__dirname, '../src'));
    // The walk finds the patterns at all (a broken walk would pass on nothing).
    expect(found.length).toBeGreaterThan(20);
    expect(found.filter((f) => f.problems.length > 0)).toEqual([]);
  });

  it('the check refuses the patterns that once stalled the server', () => {
    // The email pattern tried every split of `a@` + 16,000 dots + `@`; the log scrubber's JWT pattern rescanned a long `eyJeyJ…` URL from each `eyJ`.
    expect(regexProblems('^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', '')).toEqual([expect.stringContaining('2nd degree polynomial')]);
    expect(regexProblems('eyJ[0-9A-Za-z_-]*\\.[0-9A-Za-z_-]*\\.[0-9A-Za-z_-]*', '')).toEqual([expect.stringContaining('2nd degree polynomial')]);
    expect(regexProblems('^(a+)+$', '')).toEqual([expect.stringContaining('exponential')]);
  });

  it('the log scrubber still finds a JWT, and leaves a long run of eyJ that is none untouched', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIzZDJjMWIwYSJ9.c2lnbmF0dXJl';
    const long = `/api/v1/keys/${'eyJ'.repeat(20_000)}`;
    expect(redactUrl(long)).toBe(long);
    expect(redactUrl(`${long}.x.`)).toBe('/api/v1/keys/[REDACTED]');
    expect(redactUrl(`/api/v1/keys/${jwt}?q=1`)).toBe('/api/v1/keys/[REDACTED]?q=1');
    expect(redactUrl(`/api/v1/keys?x=ab${jwt}`)).toBe('/api/v1/keys?x=[REDACTED]');
    expect(redactUrl(`/api/v1/keys/eyJ.x`)).toBe('/api/v1/keys/eyJ.x');
  });

  describe('over HTTP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('an over-long email is refused for its length before any pattern sees it', async () => {
      const email = `a@${'.'.repeat(16_000)}@`;
      const problem = expectProblem(await t.http.post('/api/v1/auth/password-reset').send({ email }), 400);
      // Only the length is reported: the address pattern was never applied to the 16,000 characters.
      expect(problem.errors).toEqual([{ field: 'email', message: 'must be at most 254 characters long' }]);
    });

    it('an email of allowed length is still checked for its shape', async () => {
      for (const email of [`a@${'.'.repeat(200)}@`, 'a@b', 'a@.b', 'a@b.', 'a b@c.d']) {
        const problem = expectProblem(await t.http.post('/api/v1/auth/password-reset').send({ email }), 400);
        expect(problem.errors).toEqual([{ field: 'email', message: 'must be an email address, like name@example.com' }]);
      }
      // Valid, so it reaches the service, which refuses it only because this server has no SMTP.
      expect((await t.http.post('/api/v1/auth/password-reset').send({ email: 'grace.hopper@mail.example.com' })).status).toBe(403);
    });
  });
});

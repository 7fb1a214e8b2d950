import { ProblemException } from '../errors/problem';
import { FailureLimiter } from './failure-limiter';

describe('FailureLimiter', () => {
  let now = 0;
  const limiter = () => new FailureLimiter({ maxFailures: 3, windowSeconds: 10 }, 'sign-ins', () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows a client until its failures reach the limit, then refuses with Retry-After until the window ends', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(() => l.assertAllowed('a')).not.toThrow();
      l.recordFailure('a');
    }
    now += 4_000;
    let error: ProblemException | undefined;
    try {
      l.assertAllowed('a');
    } catch (e) {
      error = e as ProblemException;
    }
    expect(error?.status).toBe(429);
    expect(error?.headers['Retry-After']).toBe('6');
    expect(() => l.assertAllowed('b')).not.toThrow();
    now += 6_000;
    expect(() => l.assertAllowed('a')).not.toThrow();
  });

  it('starts a fresh window after the old one ends', () => {
    const l = limiter();
    l.recordFailure('a');
    l.recordFailure('a');
    now += 10_000;
    l.recordFailure('a');
    l.recordFailure('a');
    expect(() => l.assertAllowed('a')).not.toThrow();
  });

  it('counts reserved attempts before they finish, and takes back the ones released', () => {
    const l = limiter();
    const releases = [l.reserve('a'), l.reserve('a'), l.reserve('a')];
    expect(() => l.reserve('a')).toThrow(ProblemException);
    releases[0]();
    releases[0]();
    const again = l.reserve('a');
    expect(() => l.reserve('a')).toThrow(ProblemException);
    again();
    releases[1]();
    releases[2]();
    expect(l.tracking).toBe(false);
  });

  it('does not let a release from an ended window reduce the next one', () => {
    const l = limiter();
    const release = l.reserve('a');
    now += 10_000;
    l.recordFailure('a');
    l.recordFailure('a');
    l.recordFailure('a');
    release();
    expect(() => l.assertAllowed('a')).toThrow(ProblemException);
  });
});

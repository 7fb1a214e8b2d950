import { connect } from 'node:net';
import { startTestApp, TestApp } from './harness';

/** What a raw connection saw before the server closed it, or `closed: false` when it was still open after `giveUpMs`. */
interface Outcome {
  closed: boolean;
  received: string;
}

/**
 * Sends a sign-in's headers and the start of its body, then either nothing
 * more (`trickle: false`) or one more byte every 100 ms, never the rest.
 */
function sendPartialBody(url: string, { trickle }: { trickle: boolean }, giveUpMs = 20_000): Promise<Outcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    let dripping: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearInterval(dripping);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ closed, received });
    };
    const giveUp = setTimeout(() => finish(false), giveUpMs);
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"email":"');
    if (trickle) dripping = setInterval(() => socket.write('a'), 100);
  });
}

/**
 * A request whose body never arrives is not held open forever: a client that
 * goes quiet is cut off after TPTM_CONNECTION_TIMEOUT_MS, and one that sends
 * a byte now and then (slowloris) gets 408 after TPTM_REQUEST_TIMEOUT_MS.
 */
describe('slow clients', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers 408 to a body that trickles in and never ends (TPTM_REQUEST_TIMEOUT_MS), and closes the connection', async () => {
    t = await startTestApp({ TPTM_REQUEST_TIMEOUT_MS: '1000', TPTM_CONNECTION_TIMEOUT_MS: '600000' });
    const outcome = await sendPartialBody(t.url, { trickle: true });
    expect(outcome.closed).toBe(true);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.received).toMatch(/content-type: application\/problem\+json/i);
  });

  it('closes a connection that goes quiet in the middle of a body (TPTM_CONNECTION_TIMEOUT_MS)', async () => {
    t = await startTestApp({ TPTM_REQUEST_TIMEOUT_MS: '600000', TPTM_CONNECTION_TIMEOUT_MS: '1000' });
    const outcome = await sendPartialBody(t.url, { trickle: false });
    expect(outcome.closed).toBe(true);
  });
});

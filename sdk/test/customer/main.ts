// A customer's program, compiled by pack.spec.ts against the packed tarball
// with strict flags (strict, exactOptionalPropertyTypes,
// noUncheckedIndexedAccess) and run against the live server through its proxy.
// It prints what it found as JSON for the test to judge.
import { inspect } from 'node:util';
import { createTptmClient, isTptmApiError, type TptmLogEvent } from '@tptm/sdk';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const proxyUrl = env('TPTM_PROXY_URL');
const directUrl = env('TPTM_URL');
const orgId = env('TPTM_ORG_ID');
const password = env('TPTM_WRONG_PASSWORD');

const events: TptmLogEvent[] = [];
const admin = createTptmClient({ baseUrl: directUrl, accessToken: env('TPTM_ACCESS_TOKEN') });
const viaProxy = createTptmClient({ baseUrl: proxyUrl, accessToken: env('TPTM_ACCESS_TOKEN'), logger: (event) => events.push(event) });

// A roll whose answer is lost (the proxy forwards it, then answers 503): the SDK sends it again with the same Idempotency-Key.
const original = await admin.apiKeys.createApiKey({ orgId, requestBody: { name: 'Rolled through a flaky proxy' } });
const rolled = await viaProxy.apiKeys.rollApiKey({ orgId, keyId: original.id, requestBody: { gracePeriodSeconds: 3600 } }).withResponse();
const works = async (key: string) => {
  try {
    return (await createTptmClient({ baseUrl: directUrl, apiKey: key }).integration.whoami()).apiKey.id === original.id;
  } catch {
    return false;
  }
};
const rolls: string[] = [];
for await (const event of admin.audit.listAllAuditEvents({ orgId, targetId: original.id, action: 'api_key.rolled' })) rolls.push(event.id);

// A GET the proxy answers 502 once.
const me = await viaProxy.me.getMe({ headers: { 'X-Request-Id': 'customer-get-502' } });

// Calls stopped before they are sent: an aborted signal, and one aborted right after the call.
const aborted = new AbortController();
aborted.abort();
const stopped: string[] = [];
for (const controller of [aborted, new AbortController()]) {
  const call = viaProxy.apiKeys.createApiKey(
    { orgId, requestBody: { name: `Never sent ${stopped.length}` } },
    { signal: controller.signal, headers: { 'X-Request-Id': `customer-never-sent-${stopped.length}` } },
  );
  controller.abort();
  stopped.push(
    await call.then(
      () => 'sent',
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    ),
  );
}

// Error objects, however they are logged, hold neither a password nor a key.
const views = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isTptmApiError(error)) throw new Error('expected a TptmApiError');
  return [JSON.stringify(error), inspect(error, { showHidden: true, depth: Infinity, getters: true }), String(error), error.stack ?? ''];
};
const signIn = await views(createTptmClient({ baseUrl: proxyUrl }).auth.login({ requestBody: { email: 'admin@example.com', password } }));
const keyError = await views(
  createTptmClient({ baseUrl: proxyUrl, apiKey: rolled.data.key }).apiKeys.listApiKeys({ orgId, limit: 1, cursor: undefined }),
);

console.log(
  JSON.stringify({
    rolledKey: rolled.data.key,
    rolledStatus: rolled.status,
    replayed: rolled.replayed,
    newSecretWorks: await works(rolled.data.key),
    oldSecretWorks: await works(original.key),
    previousKeyExpiresAt: rolled.data.previousKeyExpiresAt,
    rolls: rolls.length,
    meEmail: me.email,
    retries: events.flatMap((event) => (event.type === 'retry' ? [`${event.method} ${event.reason}`] : [])),
    stopped,
    passwordSeen: signIn.some((view) => view.includes(password)),
    keySeen: keyError.some((view) => view.includes(rolled.data.key)),
  }),
);

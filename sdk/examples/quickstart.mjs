// A tour of the SDK against a running server: sign in, create an API key,
// call the integration API with it, page through the organization's keys,
// then delete the key and see it refused.
//
//   TPTM_EMAIL=admin@example.com TPTM_PASSWORD=… node examples/quickstart.mjs
//
// TPTM_URL defaults to http://localhost:3000, where `npm start` serves.
import { createTptmClient, isTptmApiError, Permission } from '@tptm/sdk';

const baseUrl = process.env.TPTM_URL ?? 'http://localhost:3000';
const { TPTM_EMAIL: email, TPTM_PASSWORD: password } = process.env;
if (!email || !password) {
  console.error('Set TPTM_EMAIL and TPTM_PASSWORD to a console user who has Key: Manage.');
  process.exit(2);
}

try {
  // Signing in needs no credentials yet; the token it returns makes a console client.
  const { accessToken } = await createTptmClient({ baseUrl }).auth.login({ requestBody: { email, password } });
  const admin = createTptmClient({ baseUrl, accessToken });

  const me = await admin.me.getMe();
  const membership = me.memberships.find((m) => m.permissions.includes(Permission.KEY_MANAGE));
  if (!membership) throw new Error(`${me.email} has Key: Manage in no organization.`);
  const orgId = membership.organization.id;

  const created = await admin.apiKeys.createApiKey({
    orgId,
    requestBody: { name: `SDK quickstart ${new Date().toISOString()}` },
  });
  // `created.key` holds the full key, in this response only: store it in a secrets manager.
  console.log(`Created "${created.name}" (${created.maskedKey}) in ${membership.organization.name}.`);

  const integration = createTptmClient({ baseUrl, apiKey: created.key });
  const whoami = await integration.integration.whoami();
  console.log(`whoami: ${whoami.apiKey.maskedKey} acts for ${whoami.organization.name}.`);

  console.log('Keys, newest first:');
  let cursor;
  do {
    const page = await admin.apiKeys.listApiKeys({ orgId, limit: 20, cursor });
    for (const key of page.items) {
      console.log(`  ${key.name}  ${key.maskedKey}  created by ${key.createdBy?.name ?? '(deleted user)'}  last used ${key.lastUsedAt ?? 'never'}`);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  await admin.apiKeys.deleteApiKey({ orgId, keyId: created.id });
  try {
    await integration.integration.whoami();
    throw new Error('The deleted key still works.');
  } catch (error) {
    if (!isTptmApiError(error) || error.status !== 401) throw error;
    console.log(`Deleted "${created.name}"; the key is refused now (${error.status} ${error.problem.title}).`);
  }
} catch (error) {
  if (!isTptmApiError(error)) throw error;
  console.error(`TPTM answered ${error.status} ${error.problem.title}: ${error.problem.detail ?? ''}`);
  for (const [field, message] of Object.entries(error.fieldErrors())) console.error(`  ${field}: ${message}`);
  process.exitCode = 1;
}

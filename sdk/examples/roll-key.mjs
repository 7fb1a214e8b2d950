// Rotates an API key without an outage: rolls it (a new secret for the same
// key), leaving the old secret working for a grace period, checks the new
// secret works, and prints it and when the old one stops.
//
//   TPTM_EMAIL=admin@example.com TPTM_PASSWORD=… TPTM_KEY_NAME='Production Integration' node examples/roll-key.mjs
//
// TPTM_GRACE_SECONDS is how long the old secret keeps working: 0 (refused at
// once) to 604800 (7 days), default 86400 (a day). TPTM_URL defaults to
// http://localhost:3000, where `npm start` serves.
import { createTptmClient, isTptmApiError, Permission } from '@tptm/sdk';

const baseUrl = process.env.TPTM_URL ?? 'http://localhost:3000';
const { TPTM_EMAIL: email, TPTM_PASSWORD: password } = process.env;
const name = process.env.TPTM_KEY_NAME?.trim();
const gracePeriodSeconds = Number(process.env.TPTM_GRACE_SECONDS ?? 86_400);
if (!email || !password || !name) {
  console.error('Set TPTM_EMAIL and TPTM_PASSWORD to a console user who has Key: Manage, and TPTM_KEY_NAME to the key to roll.');
  process.exit(2);
}
if (!Number.isInteger(gracePeriodSeconds)) {
  console.error('TPTM_GRACE_SECONDS must be a whole number of seconds, from 0 to 604800.');
  process.exit(2);
}

/** The key with this name, ignoring case as the server does; `q` narrows the list to names containing it. */
async function findKey(admin, orgId) {
  let cursor;
  do {
    const page = await admin.apiKeys.listApiKeys({ orgId, q: name, limit: 100, cursor });
    const found = page.items.find((key) => key.name.toLowerCase() === name.toLowerCase());
    if (found) return found;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return undefined;
}

try {
  const { accessToken } = await createTptmClient({ baseUrl }).auth.login({ requestBody: { email, password } });
  const admin = createTptmClient({ baseUrl, accessToken });
  const me = await admin.me.getMe();
  const membership = me.memberships.find((m) => m.permissions.includes(Permission.KEY_MANAGE));
  if (!membership) throw new Error(`${me.email} has Key: Manage in no organization.`);
  const orgId = membership.organization.id;

  const current = await findKey(admin, orgId);
  if (!current) {
    console.error(`No API key named "${name}" in ${membership.organization.name}.`);
    process.exit(1);
  }

  const rolled = await admin.apiKeys.rollApiKey({ orgId, keyId: current.id, requestBody: { gracePeriodSeconds } });
  console.log(`Rolled "${rolled.name}": ${current.maskedKey} is replaced by ${rolled.maskedKey}.`);

  // The new secret works from the roll's response on: prove it before handing it out.
  const whoami = await createTptmClient({ baseUrl, apiKey: rolled.key }).integration.whoami();
  console.log(`The new secret works: it acts for ${whoami.organization.name}.`);

  if (rolled.previousKeyExpiresAt) {
    const minutes = Math.round((Date.parse(rolled.previousKeyExpiresAt) - Date.now()) / 60_000);
    console.log(`The old secret keeps working until ${rolled.previousKeyExpiresAt} (in about ${minutes} min): deploy the new one before then.`);
  } else {
    console.log('The old secret is refused from now on.');
  }
  // Shown this once, like a created key: the server keeps only its digest.
  console.log(`New key, to put in your secrets store now:\n${rolled.key}`);
} catch (error) {
  if (!isTptmApiError(error)) throw error;
  console.error(`TPTM answered ${error.status} ${error.problem.title}: ${error.problem.detail ?? ''}`);
  for (const [field, message] of Object.entries(error.fieldErrors())) console.error(`  ${field}: ${message}`);
  process.exitCode = 1;
}

// Checks an API key against a TPTM server and prints whom it acts for.
//
//   TPTM_API_KEY=tptm_… node examples/whoami.mjs
//
// TPTM_URL defaults to http://localhost:3000, where `npm start` serves.
import { createTptmClient, isTptmApiError } from '@tptm/sdk';

const apiKey = process.env.TPTM_API_KEY;
if (!apiKey) {
  console.error('Set TPTM_API_KEY to an API key (tptm_…) created in the console.');
  process.exit(2);
}

const client = createTptmClient({ baseUrl: process.env.TPTM_URL ?? 'http://localhost:3000', apiKey });

try {
  const { organization, apiKey: key } = await client.integration.whoami();
  console.log(`The key "${key.name}" (${key.maskedKey}) acts for ${organization.name} (${organization.id}).`);
} catch (error) {
  if (!isTptmApiError(error)) throw error;
  // Every error is a problem+json body: a stable `type`, a `title`, and a `detail` for people.
  console.error(`TPTM answered ${error.status} ${error.problem.title}: ${error.problem.detail ?? ''}`);
  process.exitCode = 1;
}

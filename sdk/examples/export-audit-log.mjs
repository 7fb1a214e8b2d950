// An integration that exports its organization's audit log, as a SIEM would:
// it pages through every event with a key restricted to Audit: Read and
// prints each one as a JSON line (oldest last, as the API lists them).
//
//   TPTM_API_KEY=tptm_… node examples/export-audit-log.mjs > audit.jsonl
//   TPTM_API_KEY=tptm_… TPTM_SINCE=2026-01-01T00:00:00Z node examples/export-audit-log.mjs
//
// Create the key in the console with the permission Audit: Read (and nothing
// else): a leaked copy can read the log, never change anything.
// TPTM_URL defaults to http://localhost:3000, where `npm start` serves.
import { createTptmClient, isTptmApiError, Permission } from '@tptm/sdk';

const apiKey = process.env.TPTM_API_KEY;
if (!apiKey) {
  console.error('Set TPTM_API_KEY to an API key holding Audit: Read.');
  process.exit(2);
}

const client = createTptmClient({ baseUrl: process.env.TPTM_URL ?? 'http://localhost:3000', apiKey });

try {
  // The key says which organization it acts for, and what it may do there.
  const { organization, apiKey: key } = await client.integration.whoami();
  if (!key.permissions.includes(Permission.AUDIT_READ)) {
    console.error(`The key "${key.name}" lacks Audit: Read; grant it on the key's page in the console.`);
    process.exit(1);
  }
  let exported = 0;
  // Pages of 100 are fetched as the loop reaches them: memory holds one page however long the log.
  for await (const event of client.audit.listAllAuditEvents({ orgId: organization.id, limit: 100, from: process.env.TPTM_SINCE })) {
    process.stdout.write(`${JSON.stringify(event)}\n`);
    exported++;
  }
  console.error(`Exported ${exported} events of ${organization.name} with "${key.name}".`);
} catch (error) {
  if (!isTptmApiError(error)) throw error;
  console.error(`TPTM answered ${error.status} ${error.problem.title}: ${error.problem.detail ?? ''}`);
  process.exitCode = 1;
}

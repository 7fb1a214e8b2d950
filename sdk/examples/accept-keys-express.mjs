// An Express service that accepts TPTM API keys from its own callers.
//
//   TPTM_SERVICE_TOKEN=tptm_svc_… node examples/accept-keys-express.mjs
//
// The service token comes from `npm run service-token -- create <name>` on the TPTM server.
// TPTM_URL defaults to http://localhost:3000; PORT (default 4000) is where this service listens.
import express from 'express';
import { tptmApiKeyAuth } from '@tptm/sdk';

const auth = tptmApiKeyAuth({
  baseUrl: process.env.TPTM_URL ?? 'http://localhost:3000',
  serviceToken: process.env.TPTM_SERVICE_TOKEN,
  cache: { ttlSeconds: 300 },
  logger: { warn: (message) => console.error(message), info: (message) => console.error(message) },
});

const app = express();
app.get('/hello', auth, (request, response) => {
  // Set by the middleware: the key's organization and identity (masked), never the key.
  const { organization, apiKey } = request.tptmKey;
  response.json({ hello: organization.name, key: apiKey.name });
});

const server = app.listen(Number(process.env.PORT ?? 4000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.once('SIGTERM', () => {
  auth.close();
  server.close();
});

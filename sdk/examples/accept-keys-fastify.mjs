// A Fastify service that accepts TPTM API keys from its own callers.
//
//   TPTM_SERVICE_TOKEN=tptm_svc_… node examples/accept-keys-fastify.mjs
//
// The service token comes from `npm run service-token -- create <name>` on the TPTM server.
// TPTM_URL defaults to http://localhost:3000; PORT (default 4000) is where this service listens.
import Fastify from 'fastify';
import { tptmApiKeyAuth } from '@tptm/sdk';

const auth = tptmApiKeyAuth({
  baseUrl: process.env.TPTM_URL ?? 'http://localhost:3000',
  serviceToken: process.env.TPTM_SERVICE_TOKEN,
  logger: { warn: (message) => console.error(message) },
});

const app = Fastify();
app.addHook('preHandler', auth.fastify);
app.get('/hello', async (request) => ({ hello: request.tptmKey.organization.name, key: request.tptmKey.apiKey.name }));
app.addHook('onClose', async () => auth.close());

const address = await app.listen({ port: Number(process.env.PORT ?? 4000), host: '127.0.0.1' });
console.log(`listening on ${address}`);
process.once('SIGTERM', () => void app.close());

// Calls the SDK's types must refuse: types.spec.ts compiles this file and
// expects an error on exactly the lines marked `// error`, and no others.
import { createTptmClient, Permission } from '@tptm/sdk';

export async function misuse(): Promise<void> {
  const client = createTptmClient({ baseUrl: 'http://localhost:3000', apiKey: 'tptm_x' });

  await client.apiKeys.listApiKeys({ orgId: 42 }); // error
  await client.apiKeys.listApiKeys({ orgId: 'o', limit: '10' }); // error
  await client.apiKeys.listApiKeys(); // error
  await client.apiKeys.createApiKey({ orgId: 'o' }); // error
  await client.apiKeys.createApiKey({ orgId: 'o', requestBody: { title: 'x' } }); // error
  await client.apiKeys.deleteApiKey('o', 'k'); // error
  await client.integration.whoAmI(); // error
  const masked: number = (await client.integration.whoami()).apiKey.maskedKey; // error
  const permission: Permission = 'key:delete'; // error

  createTptmClient({ apiKey: 'tptm_x' }); // error
  createTptmClient({ baseUrl: 'http://localhost:3000', accessToken: 42 }); // error
  createTptmClient({ baseUrl: 'http://localhost:3000', headers: { 'X-Retry': 1 } }); // error
  createTptmClient({ baseUrl: 'http://localhost:3000', accessToken: 'a', apiKey: 'tptm_x' }); // error
  createTptmClient({ baseUrl: 'http://localhost:3000', timeout: '5s' }); // error
  await client.me.getMe({ timeout: '5' }); // error
  await client.apiKeys.listApiKeys({ orgId: 'o' }, { retries: 1 }); // error
  for await (const key of client.apiKeys.listAllApiKeys({})) void key; // error
  const requestId: string = ({} as import('@tptm/sdk').TptmApiError).requestId; // error
  void requestId;
  void masked;
  void permission;
}

// What a strict customer's compiler must refuse: pack.spec.ts compiles this
// beside main.ts, and tsc fails on any `@ts-expect-error` below that is not needed.
import { createTptmClient, Permission, type TptmApiError, type TptmRequestOptions } from '@tptm/sdk';

export async function misuse(apiKeyFromEnv: string | undefined, error: TptmApiError): Promise<void> {
  // @ts-expect-error an API key that may be undefined would silently make a client without credentials
  createTptmClient({ baseUrl: 'https://tptm.example.com', apiKey: apiKeyFromEnv });
  const client = createTptmClient({ baseUrl: 'https://tptm.example.com', accessToken: 't' });
  // @ts-expect-error no such permission
  await client.apiKeys.createApiKey({ orgId: 'o', requestBody: { name: 'x', permissions: ['key:delete'] } });
  // @ts-expect-error no such audit action
  await client.audit.listAuditEvents({ orgId: 'o', action: 'api_key.exploded' });
  // @ts-expect-error no such problem type
  if (error.problem.type === 'urn:tptm:problem:name-takn') return;
  // @ts-expect-error a call option the SDK does not have
  const options: TptmRequestOptions = { retries: 3 };
  // @ts-expect-error the service's transport is not public
  void client.apiKeys.httpRequest;
  // @ts-expect-error calls return Promises: cancel through a signal
  client.me.getMe().cancel();
  // @ts-expect-error the generator's global config is not part of the package
  void (await import('@tptm/sdk')).OpenAPI;
  // @ts-expect-error nor is a second client class
  void (await import('@tptm/sdk')).ApiError;
  // Strings where the unions are expected are fine, as are the named constants.
  const permissions: Permission[] = ['key:manage', Permission.AUDIT_READ];
  void permissions;
  void options;
}

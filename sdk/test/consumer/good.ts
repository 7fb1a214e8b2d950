// A program a customer might write, compiled against the built package's
// type declarations by types.spec.ts. It is never run.
import {
  createTptmClient,
  isTptmApiError,
  isTptmConnectionError,
  Permission,
  TptmApiError,
  type ApiKeyPage,
  type CreatedApiKeyResponse,
  type Problem,
  type TptmFetch,
  type TptmRequestOptions,
  type TptmClient,
  type WhoamiResponse,
} from '@tptm/sdk';

export async function tour(baseUrl: string, apiKey: string, email: string, password: string): Promise<string[]> {
  const integration: TptmClient = createTptmClient({ baseUrl, apiKey, headers: { 'X-Request-Id': 'tour' } });
  const whoami: WhoamiResponse = await integration.integration.whoami();

  const { accessToken } = await createTptmClient({ baseUrl }).auth.login({ requestBody: { email, password } });
  const admin = createTptmClient({ baseUrl, accessToken: async () => accessToken });
  const orgId: string = whoami.organization.id;

  const created: CreatedApiKeyResponse = await admin.apiKeys.createApiKey({ orgId, requestBody: { name: 'CI' } });
  const names: string[] = [created.key];
  let cursor: string | undefined;
  do {
    const page: ApiKeyPage = await admin.apiKeys.listApiKeys({ orgId, limit: 50, cursor });
    for (const key of page.items) names.push(`${key.name} ${key.maskedKey} ${key.lastUsedAt ?? 'never'} ${key.createdBy?.email}`);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  await admin.apiKeys.deleteApiKey({ orgId, keyId: created.id });

  const me = await admin.me.getMe();
  const canManageKeys: boolean = me.memberships.some((m) => m.permissions.includes(Permission.KEY_MANAGE));
  names.push(String(canManageKeys));
  await admin.roles.createRole({ orgId, requestBody: { name: 'Integrations', permissions: [Permission.KEY_MANAGE] } });

  try {
    await admin.members.addMember({ orgId, requestBody: { email, name: 'Grace Hopper', roleIds: [] } });
  } catch (error) {
    if (isTptmApiError(error)) {
      const status: number = error.status;
      const problem: Problem = error.problem;
      const byField: Record<string, string> = error.fieldErrors();
      names.push(`${status} ${problem.type} ${problem.title} ${problem.detail ?? ''} ${byField.email ?? ''}`);
    }
    if (error instanceof TptmApiError) names.push(error.problem.errors?.[0]?.field ?? '');
  }
  return names;
}

export async function resilience(baseUrl: string, apiKey: string, accessToken: string, orgId: string, fetch: TptmFetch): Promise<string[]> {
  const integration = createTptmClient({ baseUrl, apiKey, timeout: 5_000, maxRetries: 0, fetch });
  const perCall: TptmRequestOptions = { timeout: 1_000, headers: { 'X-Request-Id': 'check-1' } };
  const lines: string[] = [];
  try {
    lines.push((await integration.integration.whoami(perCall)).organization.name);
  } catch (error) {
    if (isTptmConnectionError(error)) lines.push(`${error.message} ${error.timedOut} ${String(error.cause)}`);
    if (isTptmApiError(error)) {
      const requestId: string | null = error.requestId;
      const retryAfter: number | null = error.retryAfter;
      const headers: Readonly<Record<string, string>> = error.headers;
      const body: unknown = error.body;
      lines.push(`${requestId} ${retryAfter} ${headers['content-type']} ${typeof body}`);
    }
  }

  const admin = createTptmClient({ baseUrl, accessToken, maxRetries: 3 });
  for await (const key of admin.apiKeys.listAllApiKeys({ orgId, limit: 100 }, { timeout: 10_000 })) lines.push(key.maskedKey);
  for await (const event of admin.audit.listAllAuditEvents({ orgId })) lines.push(event.action);
  await admin.apiKeys.deleteApiKey({ orgId, keyId: 'k' }, { headers: { 'X-Request-Id': 'delete-1' } });
  return lines;
}

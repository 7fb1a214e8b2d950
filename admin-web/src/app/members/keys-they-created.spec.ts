import { TestBed } from '@angular/core/testing';
import { type ApiKeyResponse, Permission } from '@tptm/sdk';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { injectKeysWithPermissionsCreatedBy, keysNote } from './keys-they-created';

function key(n: number, createdBy: string | null, permissions: Permission[]): ApiKeyResponse {
  return {
    id: `k${n}`,
    name: `Key ${n}`,
    maskedKey: 'tptm_ab…x9Fa',
    expiresAt: null,
    previousKeyExpiresAt: null,
    enabled: true,
    rateLimit: null,
    allowedIps: [],
    revokedAt: null,
    exposure: null,
    policyViolations: [],
    createdAt: '2026-11-29T10:00:00.000Z',
    createdBy: createdBy ? { id: createdBy, name: createdBy, email: `${createdBy}@example.com` } : null,
    lastUsedAt: null,
    permissions,
  };
}

describe('keys a member created', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideFakeClient(client)] });
  });

  async function count(permissions: Permission[], userId = 'u-grace') {
    client.me.getMe.mockResolvedValue(me(permissions));
    await TestBed.inject(CurrentUser).ensureLoaded();
    return TestBed.runInInjectionContext(injectKeysWithPermissionsCreatedBy)(userId);
  }

  it('counts the keys they created that hold permissions, across every page', async () => {
    client.apiKeys.listAllApiKeys.mockImplementation(async function* () {
      yield key(1, 'u-grace', [Permission.AUDIT_READ]);
      yield key(2, 'u-grace', []);
      yield key(3, 'u-ada', [Permission.AUDIT_READ]);
      yield key(4, null, [Permission.MEMBER_MANAGE]);
      yield key(5, 'u-grace', [Permission.MEMBER_MANAGE, Permission.ROLE_MANAGE]);
    });
    expect(await count([Permission.MEMBER_MANAGE, Permission.KEY_MANAGE])).toBe(2);
    expect(client.apiKeys.listAllApiKeys).toHaveBeenCalledWith({ orgId: ORG.id });
  });

  it('does not look without Key: Manage, nor say anything when the keys cannot be read', async () => {
    expect(await count([Permission.MEMBER_MANAGE])).toBeNull();
    expect(client.apiKeys.listAllApiKeys).not.toHaveBeenCalled();

    TestBed.resetTestingModule();
    client = fakeClient();
    TestBed.configureTestingModule({ providers: [provideFakeClient(client)] });
    client.apiKeys.listAllApiKeys.mockImplementation(async function* () {
      yield* [];
      throw apiError(500, 'The database is unavailable.');
    });
    expect(await count([Permission.MEMBER_MANAGE, Permission.KEY_MANAGE])).toBeNull();
  });

  it('words the note for one key, several, or none', () => {
    expect(keysNote(0, 'they')).toBe('');
    expect(keysNote(null, 'they')).toBe('');
    expect(keysNote(1, 'you')).toBe(' 1 API key you created keeps its permissions; it belongs to the organization.');
    expect(keysNote(3, 'they')).toBe(' 3 API keys they created keep their permissions; they belong to the organization.');
  });
});

import { Provider } from '@angular/core';
import { InvitationResponse, InvitationStatus, InviterType, MeResponse, PasswordResetMode, Permission, TptmApiError, TptmClient } from '@tptm/sdk';
import { TPTM_CLIENT } from '../app/core/api/tptm-client';

type Fn = jest.Mock;

/** The SDK calls the console makes, as jest mocks: the one thing component tests stub. */
export interface FakeClient {
  auth: {
    login: Fn;
    refresh: Fn;
    logout: Fn;
    getSignInOptions: Fn;
    requestPasswordReset: Fn;
    getPasswordReset: Fn;
    completePasswordReset: Fn;
  };
  me: { getMe: Fn; changePassword: Fn };
  apiKeys: {
    listApiKeys: Fn;
    createApiKey: Fn;
    getApiKey: Fn;
    updateApiKey: Fn;
    rollApiKey: Fn;
    deleteApiKey: Fn;
    getApiKeyUsage: Fn;
    listAllApiKeys: Fn;
  };
  roles: { listRoles: Fn; createRole: Fn; updateRole: Fn; deleteRole: Fn };
  members: {
    listMembers: Fn;
    addMember: Fn;
    setMemberRoles: Fn;
    removeMember: Fn;
    listInvitations: Fn;
    renewInvitation: Fn;
    revokeInvitation: Fn;
  };
  invitations: { getInvitation: Fn; acceptInvitation: Fn };
  audit: { listAuditEvents: Fn; exportAuditEvents: Fn };
  permissions: { listPermissions: Fn };
  organizations: { getAttention: Fn };
}

export function fakeClient(): FakeClient {
  return {
    auth: {
      login: jest.fn(),
      // No session cookie unless a test gives one: every guard asks.
      refresh: jest.fn().mockRejectedValue(apiError(401, 'No session cookie, or its session has ended.')),
      logout: jest.fn(),
      // A server that cannot send email, unless a test says otherwise.
      getSignInOptions: jest.fn().mockResolvedValue({ passwordReset: PasswordResetMode.OPERATOR }),
      requestPasswordReset: jest.fn(),
      getPasswordReset: jest.fn(),
      completePasswordReset: jest.fn(),
    },
    me: { getMe: jest.fn(), changePassword: jest.fn() },
    apiKeys: {
      listApiKeys: jest.fn(),
      createApiKey: jest.fn(),
      getApiKey: jest.fn(),
      updateApiKey: jest.fn(),
      rollApiKey: jest.fn(),
      deleteApiKey: jest.fn(),
      // A key never used, unless a test says otherwise: every key row and key page asks.
      getApiKeyUsage: jest.fn().mockResolvedValue({ days: [] }),
      // No keys, unless a test says otherwise: removing a member looks for the keys they created.
      listAllApiKeys: jest.fn(async function* () {}),
    },
    roles: { listRoles: jest.fn(), createRole: jest.fn(), updateRole: jest.fn(), deleteRole: jest.fn() },
    members: {
      listMembers: jest.fn(),
      addMember: jest.fn(),
      setMemberRoles: jest.fn(),
      removeMember: jest.fn(),
      listInvitations: jest.fn(),
      renewInvitation: jest.fn(),
      revokeInvitation: jest.fn(),
    },
    invitations: { getInvitation: jest.fn(), acceptInvitation: jest.fn() },
    audit: { listAuditEvents: jest.fn(), exportAuditEvents: jest.fn() },
    permissions: { listPermissions: jest.fn() },
    // Nothing needs attention, unless a test says otherwise: Home asks.
    organizations: {
      getAttention: jest.fn().mockResolvedValue({
        expiringKeys: 0,
        expiredKeys: 0,
        unusedKeys: 0,
        pendingInvitations: 0,
        lapsedInvitations: 0,
      }),
    },
  };
}

export function provideFakeClient(client: FakeClient): Provider {
  return { provide: TPTM_CLIENT, useValue: client as unknown as TptmClient };
}

export const ORG = { id: '0b6f8a4e-8d1f-4f4e-9a55-0a6f9b8c1d01', name: 'Acme' };
export const OTHER_ORG = { id: '0b6f8a4e-8d1f-4f4e-9a55-0a6f9b8c1d02', name: 'Globex' };

export function me(permissions: Permission[], memberships = [{ organization: ORG, permissions }]): MeResponse {
  return {
    id: 'b7d2c1a0-1111-4c4c-8888-000000000001',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    memberships: memberships.map((m) => ({ organization: m.organization, permissions: m.permissions, roles: [] })),
  };
}

/** An error as the SDK throws it for an API problem response. */
export function apiError(status: number, detail: string, errors?: { field: string; message: string }[]): TptmApiError {
  return new TptmApiError({
    method: 'GET',
    url: '/api/v1/test',
    status,
    statusText: 'Problem',
    headers: {},
    body: { type: 'urn:tptm:problem:test', title: 'Problem', status, detail, errors },
  });
}

/** A pending invitation as the API lists it, from Ada, for the Member role. */
export function invitation(email: string, { status = InvitationStatus.PENDING, ...changes }: Partial<InvitationResponse> = {}): InvitationResponse {
  return {
    id: `i-${email.split('@')[0]}`,
    email,
    roles: [{ id: 'r-member', name: 'Member' }],
    status,
    expiresAt: '2026-12-06T10:00:00.000Z',
    createdAt: '2026-11-29T10:00:00.000Z',
    invitedBy: { type: InviterType.USER, id: 'u-ada', name: 'Ada Lovelace' },
    ...changes,
  };
}

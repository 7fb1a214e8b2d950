import { Provider } from '@angular/core';
import { MeResponse, Permission, TptmApiError, TptmClient } from '@tptm/sdk';
import { TPTM_CLIENT } from '../app/core/api/tptm-client';

type Fn = jest.Mock;

/** The SDK calls the console makes, as jest mocks: the one thing component tests stub. */
export interface FakeClient {
  auth: { login: Fn };
  me: { getMe: Fn; changePassword: Fn };
  apiKeys: { listApiKeys: Fn; createApiKey: Fn; deleteApiKey: Fn };
  roles: { listRoles: Fn; createRole: Fn; updateRole: Fn; deleteRole: Fn };
  members: { listMembers: Fn; addMember: Fn; setMemberRoles: Fn; removeMember: Fn };
  audit: { listAuditEvents: Fn };
  permissions: { listPermissions: Fn };
}

export function fakeClient(): FakeClient {
  return {
    auth: { login: jest.fn() },
    me: { getMe: jest.fn(), changePassword: jest.fn() },
    apiKeys: { listApiKeys: jest.fn(), createApiKey: jest.fn(), deleteApiKey: jest.fn() },
    roles: { listRoles: jest.fn(), createRole: jest.fn(), updateRole: jest.fn(), deleteRole: jest.fn() },
    members: { listMembers: jest.fn(), addMember: jest.fn(), setMemberRoles: jest.fn(), removeMember: jest.fn() },
    audit: { listAuditEvents: jest.fn() },
    permissions: { listPermissions: jest.fn() },
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
  const url = '/api/v1/test';
  return new TptmApiError(
    { method: 'GET', url },
    { url, ok: false, status, statusText: 'Problem', body: { type: 'urn:tptm:problem:test', title: 'Problem', status, detail, errors } },
  );
}

import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import { AuditAction as Action, AuditActorType, type AuditEventResponse, Permission } from '@tptm/sdk';
import { apiError, fakeClient, FakeClient, me, ORG, provideFakeClient } from '../../testing/fake-client';
import { CurrentUser } from '../core/session/current-user';
import { AuditAction, auditEventLabel, describeChanges } from './audit-format';
import { AuditLogPage } from './audit-log.page';

function event(n: number, action: string, overrides: Partial<AuditEventResponse> = {}): AuditEventResponse {
  return {
    id: `e${n}`,
    action: action as AuditEventResponse['action'],
    actor: { id: 'u-ada', name: 'Ada Lovelace', type: AuditActorType.USER, email: 'ada@example.com', maskedKey: null },
    target: { id: `t${n}`, name: `Target ${n}`, type: 'member' } as AuditEventResponse['target'],
    changes: null,
    ip: '203.0.113.7',
    userAgent: 'test',
    occurredAt: '2026-11-29T10:00:00.000Z',
    ...overrides,
  };
}

describe('AuditLogPage', () => {
  let client: FakeClient;

  beforeEach(() => {
    client = fakeClient();
    client.me.getMe.mockResolvedValue(me([Permission.AUDIT_READ, Permission.MEMBER_MANAGE]));
    client.members.listMembers.mockResolvedValue({
      items: [{ id: 'u-grace', name: 'Grace Hopper', email: 'grace@example.com', roles: [], joinedAt: '2026-11-01T00:00:00.000Z' }],
    });
    client.audit.listAuditEvents.mockResolvedValue({ items: [event(1, 'api_key.created')], nextCursor: null });
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideFakeClient(client)] });
  });

  async function render() {
    await TestBed.inject(CurrentUser).ensureLoaded();
    const fixture = TestBed.createComponent(AuditLogPage);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    const select = (label: string) =>
      loader
        .getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))
        .then((field) => field.getControl(MatSelectHarness)) as Promise<MatSelectHarness>;
    const day = (label: string) =>
      loader
        .getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))
        .then((field) => field.getControl(MatInputHarness)) as Promise<MatInputHarness>;
    const cells = () =>
      [...element.querySelectorAll('tr[mat-row]')].map((row) =>
        [...row.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim()),
      );
    return { fixture, element, loader, select, day, cells, settle: () => fixture.whenStable() };
  }

  it('filters by action and actor, reading the list again with each', async () => {
    const { select, settle } = await render();
    expect(client.audit.listAuditEvents).toHaveBeenLastCalledWith({ orgId: ORG.id, limit: 50, cursor: undefined });

    await (await select('Action')).clickOptions({ text: 'Member roles changed' });
    await settle();
    expect(client.audit.listAuditEvents).toHaveBeenLastCalledWith({ orgId: ORG.id, action: 'member.roles_updated', limit: 50, cursor: undefined });

    // Members, and whoever acted on the loaded events (an API key here), can be chosen.
    const actor = await select('Actor');
    await actor.open();
    expect(await Promise.all((await actor.getOptions()).map((option) => option.getText()))).toEqual(['Anyone', 'Ada Lovelace', 'Grace Hopper']);
    await actor.clickOptions({ text: 'Grace Hopper' });
    await settle();
    expect(client.audit.listAuditEvents).toHaveBeenLastCalledWith({
      orgId: ORG.id,
      action: 'member.roles_updated',
      actorId: 'u-grace',
      limit: 50,
      cursor: undefined,
    });
  });

  it('filters by days in local time, the last day included, and refuses a range that ends before it starts', async () => {
    const { day, loader, settle } = await render();
    await (await day('From')).setValue('2026-11-01');
    await (await day('To')).setValue('2026-11-30');
    await settle();
    expect(client.audit.listAuditEvents).toHaveBeenLastCalledWith({
      orgId: ORG.id,
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 11, 1).toISOString(),
      limit: 50,
      cursor: undefined,
    });

    await (await day('To')).setValue('2026-10-15');
    await settle();
    expect(await (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'To' }))).getTextErrors()).toEqual([
      'Choose a day on or after From.',
    ]);
    // Never asked for: the API would refuse it.
    const ranges = client.audit.listAuditEvents.mock.calls.map(([query]: [{ from?: string; to?: string }]) => query);
    expect(ranges.filter((query) => query.from && query.to && query.to <= query.from)).toEqual([]);
  });

  it('says nothing matched the filters, and clears them on request, focus going to the first filter', async () => {
    client.audit.listAuditEvents.mockResolvedValueOnce({ items: [event(1, 'api_key.created')], nextCursor: null });
    client.audit.listAuditEvents.mockResolvedValueOnce({ items: [], nextCursor: null });
    const { select, element, loader, settle } = await render();
    await (await select('Action')).clickOptions({ text: 'Role deleted' });
    await settle();
    expect(element.textContent).toContain('No events match these filters.');

    await (await loader.getHarness(MatButtonHarness.with({ text: /^Clear filters$/ }))).click();
    await settle();
    expect(client.audit.listAuditEvents).toHaveBeenLastCalledWith({ orgId: ORG.id, limit: 50, cursor: undefined });
    expect(document.activeElement?.getAttribute('role')).toBe('combobox');
  });

  it('says what changed: roles added and removed, a new name, how long a rolled secret was kept', async () => {
    client.audit.listAuditEvents.mockResolvedValue({
      items: [
        event(1, 'member.roles_updated', { changes: [{ field: 'roles', before: ['Member', 'Auditors'], after: ['Member', 'Admin'] }] }),
        event(2, 'api_key.updated', { changes: [{ field: 'name', before: ['Staging'], after: ['Staging (EU)'] }] }),
        event(3, 'api_key.rolled', { changes: [{ field: 'gracePeriodSeconds', before: [], after: ['86400'] }] }),
      ],
      nextCursor: null,
    });
    const { cells } = await render();
    // Each change on a line of its own under the action.
    const lines = (row: number) =>
      [...document.querySelectorAll(`tr[mat-row]:nth-child(${row}) app-audit-action > span`)].map((span) => span.textContent);
    expect([lines(1), lines(2), lines(3)]).toEqual([
      ['Member roles changed', 'Added Admin · Removed Auditors'],
      ['API key renamed', 'Name: Staging → Staging (EU)'],
      ['API key rolled', 'Previous secret kept for 24 hours'],
    ]);
    expect(cells()).toHaveLength(3);
  });

  it('names the invitation actions and a member joining, and marks an API key acting', async () => {
    client.audit.listAuditEvents.mockResolvedValue({
      items: [
        event(1, 'invitation.created', { target: { id: 'i1', name: 'noor@example.com', type: 'invitation' } as AuditEventResponse['target'] }),
        event(2, 'invitation.renewed'),
        event(3, 'invitation.revoked'),
        event(4, 'member.added'),
        event(5, 'role.created', {
          actor: { id: 'k1', name: 'Provisioning', type: AuditActorType.API_KEY, email: null, maskedKey: 'tptm_7Gq2…x9Fa' },
        }),
      ],
      nextCursor: null,
    });
    const { cells } = await render();
    expect(cells().map((row) => row[1])).toEqual([
      'Member invited',
      'Invitation renewed',
      'Invitation revoked',
      'Member joined by invitation',
      'Role created',
    ]);
    expect(cells()[0]?.[3]).toBe('Invitation: noor@example.com');
    expect(cells()[4]?.[2]).toBe('Provisioning API key tptm_7Gq2…x9Fa');
  });

  it('shows the email beside each actor, so two people of one name are told apart', async () => {
    client.audit.listAuditEvents.mockResolvedValue({
      items: [
        event(1, 'api_key.created', {
          actor: { id: 'u-owner', name: 'Administrator', type: AuditActorType.USER, email: 'owner@example.com', maskedKey: null },
        }),
        event(2, 'api_key.created', {
          actor: { id: 'u-other', name: 'Administrator', type: AuditActorType.USER, email: 'impostor@example.com', maskedKey: null },
        }),
      ],
      nextCursor: null,
    });
    const { cells, select } = await render();
    expect(cells().map((row) => row[2])).toEqual(['Administrator owner@example.com', 'Administrator impostor@example.com']);
    // The actor filter tells the two apart too; a name no one else has stays as it is.
    const actor = await select('Actor');
    await actor.open();
    expect(await Promise.all((await actor.getOptions()).map((option) => option.getText()))).toEqual([
      'Anyone',
      'Administrator · impostor@example.com',
      'Administrator · owner@example.com',
      'Grace Hopper',
    ]);
  });

  it('exports the filtered events as a CSV file', async () => {
    client.audit.exportAuditEvents.mockResolvedValue('occurred_at,action\r\n');
    const saved: { name: string; type: string }[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      saved.push({ name: '', type: blob.type });
      return 'blob:audit';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved[saved.length - 1]!.name = this.download;
    });
    const { select, loader, settle } = await render();
    await (await select('Action')).clickOptions({ text: 'API key created' });
    await settle();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Export CSV/ }))).click();
    await settle();

    expect(client.audit.exportAuditEvents).toHaveBeenCalledWith({ orgId: ORG.id, action: 'api_key.created' });
    expect(saved).toEqual([{ name: expect.stringMatching(/^audit-log-acme-\d{4}-\d{2}-\d{2}\.csv$/), type: 'text/csv' }]);
    click.mockRestore();
  });

  it("says so when the export fails, in the API's words", async () => {
    client.audit.exportAuditEvents.mockRejectedValue(apiError(503, 'The database is not answering; try again shortly.'));
    const { loader, settle } = await render();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Export CSV/ }))).click();
    await settle();
    expect(document.body.textContent).toContain('Could not export the audit log. The database is not answering; try again shortly.');
  });
});

describe('describeChanges', () => {
  it('reads an unknown field as before → after, and empty values as none', () => {
    expect(describeChanges({ changes: [{ field: 'description', before: [], after: ['Keys'] }] })).toEqual(['description: none → Keys']);
    expect(describeChanges({ changes: null })).toEqual([]);
  });
});

describe("a key's runtime changes in the log", () => {
  const updated = (field: string, before: string[], after: string[], occurredAt = '2026-12-07T12:00:00.000Z') => ({
    action: Action.API_KEY_UPDATED,
    occurredAt,
    changes: [{ field, before, after }],
  });

  it('labels a key change by what changed', () => {
    expect(auditEventLabel(updated('name', ['Staging'], ['Staging (EU)']))).toBe('API key renamed');
    expect(auditEventLabel(updated('permissions', [], ['audit:read']))).toBe('API key permissions changed');
    expect(auditEventLabel(updated('enabled', ['true'], ['false']))).toBe('API key disabled');
    expect(auditEventLabel(updated('enabled', ['false'], ['true']))).toBe('API key enabled');
    expect(auditEventLabel(updated('rateLimit', [], ['100 per 60 s']))).toBe('Rate limit changed');
    expect(auditEventLabel(updated('allowedIps', [], ['10.0.0.0/8']))).toBe('Allowed addresses changed');
    expect(auditEventLabel(updated('expiresAt', ['2027-01-01T00:00:00.000Z'], []))).toBe('Expiry changed');
    expect(auditEventLabel(updated('expiresAt', [], ['2027-01-01T00:00:00.000Z']))).toBe('Expiry changed');
    // Given a new expiry after the old one had passed: renewed.
    expect(auditEventLabel(updated('expiresAt', ['2026-12-01T00:00:00.000Z'], ['2027-03-01T00:00:00.000Z']))).toBe('API key renewed');
    const both = {
      ...updated('rateLimit', [], ['5 per 1 s']),
      changes: [...updated('rateLimit', [], ['5 per 1 s']).changes, ...updated('allowedIps', [], ['::1']).changes],
    };
    expect(auditEventLabel(both)).toBe('Limits changed');
    const several = { ...both, changes: [...both.changes, ...updated('name', ['A'], ['B']).changes] };
    expect(auditEventLabel(several)).toBe('API key changed');
    expect(auditEventLabel({ action: Action.API_KEY_UPDATED, changes: null })).toBe('API key changed');
    expect(auditEventLabel({ action: Action.API_KEY_ROLLED, changes: null })).toBe('API key rolled');
  });

  it('writes each change before → after as the key page does', () => {
    expect(describeChanges(updated('enabled', ['true'], ['false']))).toEqual(['Status: Enabled → Disabled']);
    expect(describeChanges(updated('rateLimit', [], ['100 per 60 s']))).toEqual(['Rate limit: No limit → 100 requests per minute']);
    expect(describeChanges(updated('rateLimit', ['1 per 90 s'], ['2000 per 86400 s']))).toEqual([
      'Rate limit: 1 request per 90 seconds → 2,000 requests per day',
    ]);
    expect(describeChanges(updated('allowedIps', [], ['203.0.113.7', '10.0.0.0/8']))).toEqual([
      'Allowed addresses: any address → 203.0.113.7, 10.0.0.0/8',
    ]);
    expect(describeChanges(updated('allowedIps', ['203.0.113.7', '10.0.0.0/8'], ['10.0.0.0/8', '2001:db8::/32']))).toEqual([
      'Allowed addresses: Added 2001:db8::/32 · Removed 203.0.113.7',
    ]);
    expect(describeChanges(updated('allowedIps', ['10.0.0.0/8'], []))).toEqual(['Allowed addresses: 10.0.0.0/8 → any address']);
    expect(describeChanges(updated('expiresAt', ['2026-12-01T00:00:00.000Z'], []), 'en-GB')).toEqual([
      `Expiry: ${new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-12-01T00:00:00.000Z'))} → never`,
    ]);
  });

  it("shows the label and the change together, as the log and a key's history do", async () => {
    const fixture = TestBed.createComponent(AuditAction);
    fixture.componentRef.setInput('event', updated('enabled', ['false'], ['true']));
    await fixture.whenStable();
    expect([...fixture.nativeElement.querySelectorAll('span')].map((span: Element) => span.textContent)).toEqual([
      'API key enabled',
      'Status: Disabled → Enabled',
    ]);
  });
});

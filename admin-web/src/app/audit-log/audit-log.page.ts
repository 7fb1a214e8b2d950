import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { AuditEventResponse } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { CurrentUser, loadPerOrganization } from '../core/session/current-user';
import { CursorList } from '../shared/cursor-list';
import { ListCard } from '../shared/list-card';
import { LocalDatePipe } from '../shared/local-date.pipe';

const PAGE_SIZE = 50;

/** How each action the API records reads in the log; unknown ones show as recorded. */
const ACTION_LABELS: Record<string, string> = {
  'api_key.created': 'API key created',
  'api_key.updated': 'API key renamed',
  'api_key.rolled': 'API key rolled',
  'api_key.deleted': 'API key deleted',
  'member.added': 'Member added',
  'member.removed': 'Member removed',
  'member.roles_updated': 'Member roles changed',
  'organization.created': 'Organization created',
  'role.created': 'Role created',
  'role.updated': 'Role updated',
  'role.deleted': 'Role deleted',
};

/** An audit action in words, for the log and for a key's history on its page. */
export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const TARGET_LABELS: Record<string, string> = {
  api_key: 'API key',
  role: 'Role',
  member: 'Member',
  organization: 'Organization',
};

/** Admin ▸ Audit Log: every change to keys, roles and members, newest first. */
@Component({
  selector: 'app-audit-log-page',
  imports: [MatTableModule, ListCard, LocalDatePipe],
  templateUrl: './audit-log.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPage {
  private readonly client = inject(TPTM_CLIENT);
  private readonly user = inject(CurrentUser);

  protected readonly columns = ['occurredAt', 'action', 'actor', 'target', 'ip'];
  protected readonly events = new CursorList<AuditEventResponse>((cursor) =>
    this.client.audit.listAuditEvents({ orgId: this.user.organizationId(), limit: PAGE_SIZE, cursor }),
  );

  constructor() {
    loadPerOrganization(() => this.events.reload());
  }

  protected actionLabel(action: string): string {
    return auditActionLabel(action);
  }

  protected targetLabel(type: string): string {
    return TARGET_LABELS[type] ?? type;
  }
}

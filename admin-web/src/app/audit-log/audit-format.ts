import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type AuditAction as AuditActionName, type AuditActor, AuditActorType, type AuditEventResponse } from '@tptm/sdk';

/**
 * How each action the API records reads in the log, in the order the filter offers them.
 * Keyed by the spec's `AuditAction` enum: an action the API adds without a label here fails the build.
 */
export const ACTION_LABELS: Readonly<Record<AuditActionName, string>> = {
  'api_key.created': 'API key created',
  'api_key.updated': 'API key renamed',
  'api_key.rolled': 'API key rolled',
  'api_key.deleted': 'API key deleted',
  'invitation.created': 'Member invited',
  'invitation.renewed': 'Invitation renewed',
  'invitation.revoked': 'Invitation revoked',
  // Recorded when an invitation is accepted: joining is the only way in.
  'member.added': 'Member joined by invitation',
  'member.roles_updated': 'Member roles changed',
  'member.removed': 'Member removed',
  'role.created': 'Role created',
  'role.updated': 'Role updated',
  'role.deleted': 'Role deleted',
  'organization.created': 'Organization created',
};

/** An audit action in words, for the log and for a key's history on its page; one the console does not know shows as recorded. */
export function auditActionLabel(action: string): string {
  return (ACTION_LABELS as Readonly<Record<string, string | undefined>>)[action] ?? action;
}

const TARGET_LABELS: Readonly<Record<string, string>> = {
  api_key: 'API key',
  role: 'Role',
  member: 'Member',
  invitation: 'Invitation',
  organization: 'Organization',
};

export function auditTargetLabel(type: string): string {
  return TARGET_LABELS[type] ?? type;
}

const GRACE_PERIODS: Readonly<Record<string, string>> = {
  '0': 'Previous secret stopped at once',
  '3600': 'Previous secret kept for 1 hour',
  '86400': 'Previous secret kept for 24 hours',
  '259200': 'Previous secret kept for 3 days',
  '604800': 'Previous secret kept for 7 days',
};

const list = (names: string[]) => (names.length ? names.join(', ') : 'none');

/**
 * What an event recorded as changed, one line per field, as people read it:
 * roles as added and removed ("Added Admin · Removed Member"), a name as
 * before → after, a roll's grace period in words.
 */
export function describeChanges(event: Pick<AuditEventResponse, 'changes'>): string[] {
  return (event.changes ?? []).map(({ field, before, after }) => {
    if (field === 'roles') {
      const added = after.filter((name) => !before.includes(name));
      const removed = before.filter((name) => !after.includes(name));
      const parts = [added.length ? `Added ${list(added)}` : '', removed.length ? `Removed ${list(removed)}` : ''].filter(Boolean);
      return parts.length ? parts.join(' · ') : `Roles unchanged: ${list(after)}`;
    }
    if (field === 'gracePeriodSeconds') {
      const seconds = after[0] ?? '';
      return GRACE_PERIODS[seconds] ?? `Previous secret kept for ${seconds} seconds`;
    }
    if (field === 'name') return `Name: ${list(before)} → ${list(after)}`;
    return `${field}: ${list(before)} → ${list(after)}`;
  });
}

/**
 * Who acted, marked when it was an API key or the system rather than a
 * person, with their email or masked key under the name: anyone can call
 * themselves what the Owner is called, nobody can act with the Owner's email.
 */
@Component({
  selector: 'app-audit-actor',
  template: `
    {{ actor().name }}
    @if (kind(); as kind) {
      <!-- &ngsp; is a space Angular keeps, so the badge and the identity stay apart as text (read aloud, copied). -->
      <span class="badge">{{ kind }}</span>&ngsp;
    }
    @if (actor().email ?? actor().maskedKey; as identity) {
      <span class="identity muted">{{ identity }}</span>
    }
  `,
  styles: `
    .identity {
      display: block;
      font-size: 12px;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditActorName {
  readonly actor = input.required<AuditActor>();
  protected readonly kind = computed(() => {
    switch (this.actor().type) {
      case AuditActorType.API_KEY:
        return 'API key';
      case AuditActorType.SYSTEM:
        return 'System';
      default:
        return null;
    }
  });
}

/** An event's action in words, and under it what changed, when the event recorded that. */
@Component({
  selector: 'app-audit-action',
  template: `
    <span [title]="event().action">{{ label() }}</span>
    @for (change of changes(); track $index) {
      <span class="change">{{ change }}</span>
    }
  `,
  styles: `
    .change {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditAction {
  readonly event = input.required<Pick<AuditEventResponse, 'action' | 'changes'>>();
  protected readonly label = computed(() => auditActionLabel(this.event().action));
  protected readonly changes = computed(() => describeChanges(this.event()));
}

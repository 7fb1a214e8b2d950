import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { type AuditAction as AuditActionName, type AuditActor, AuditActorType, type AuditEventResponse } from '@tptm/sdk';
import { parseAuditRateLimit, rateLimitText } from '../api-keys/key-limits';
import { DATE_LOCALE } from '../shared/local-date.pipe';

/**
 * How each action the API records reads in the log, in the order the filter offers them.
 * Keyed by the spec's `AuditAction` enum: an action the API adds without a label here fails the build.
 */
export const ACTION_LABELS: Readonly<Record<AuditActionName, string>> = {
  'api_key.created': 'API key created',
  // Any change by PATCH; each event is labelled by what it changed (auditEventLabel).
  'api_key.updated': 'API key changed',
  'api_key.rolled': 'API key rolled',
  'api_key.deleted': 'API key deleted',
  // Recorded with the url and source of the finding, and what the organization's policy did.
  'api_key.exposed': 'API key found in public',
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
  'key_policy.updated': 'Key policy changed',
};

/** An audit action in words, for the log and for a key's history on its page; one the console does not know shows as recorded. */
export function auditActionLabel(action: string): string {
  return (ACTION_LABELS as Readonly<Record<string, string | undefined>>)[action] ?? action;
}

/** An `api_key.updated` event that changed one thing, by that thing. */
const KEY_CHANGE_LABELS: Readonly<Record<string, string>> = {
  name: 'API key renamed',
  permissions: 'API key permissions changed',
  rateLimit: 'Rate limit changed',
  allowedIps: 'Allowed addresses changed',
  expiresAt: 'Expiry changed',
};

/**
 * An event's action in words, by what it changed where one action covers
 * several (a key's PATCH): "API key disabled", "Rate limit changed", "API key
 * renewed" for a new expiry given after the old one had passed.
 */
export function auditEventLabel(event: Pick<AuditEventResponse, 'action' | 'changes'> & { occurredAt?: string }): string {
  const changes = event.changes ?? [];
  if (event.action === 'role.updated' && changes.length === 1)
    return changes[0]!.field === 'permissions' ? 'Role permissions changed' : 'Role renamed';
  if (event.action !== 'api_key.updated' || changes.length === 0) return auditActionLabel(event.action);
  const fields = changes.map((change) => change.field);
  if (fields.every((field) => field === 'rateLimit' || field === 'allowedIps') && fields.length > 1) return 'Limits changed';
  if (changes.length > 1) return auditActionLabel(event.action);
  const { field, before, after } = changes[0]!;
  if (field === 'enabled') return after[0] === 'false' ? 'API key disabled' : 'API key enabled';
  if (field === 'expiresAt' && before[0] && event.occurredAt && Date.parse(before[0]) <= Date.parse(event.occurredAt)) return 'API key renewed';
  return KEY_CHANGE_LABELS[field] ?? auditActionLabel(event.action);
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

/** "Added Admin · Removed Member", or '' when the two lists hold the same. */
function addedAndRemoved(before: string[], after: string[]): string {
  const added = after.filter((name) => !before.includes(name));
  const removed = before.filter((name) => !after.includes(name));
  return [added.length ? `Added ${list(added)}` : '', removed.length ? `Removed ${list(removed)}` : ''].filter(Boolean).join(' · ');
}

/**
 * What an event recorded as changed, one line per field, as people read it:
 * roles as added and removed ("Added Admin · Removed Member"), a name as
 * before → after, a roll's grace period in words; a key's status, rate
 * limit, allowed addresses and expiry as the key's page writes them.
 * Instants are written in `locale` (the browser's own by default).
 */
export function describeChanges(event: Pick<AuditEventResponse, 'changes'>, locale?: string): string[] {
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (event.changes ?? []).map(({ field, before, after }) => {
    if (field === 'roles') return addedAndRemoved(before, after) || `Roles unchanged: ${list(after)}`;
    if (field === 'enabled') {
      const status = (value: string[]) => (value[0] === 'false' ? 'Disabled' : 'Enabled');
      return `Status: ${status(before)} → ${status(after)}`;
    }
    if (field === 'rateLimit') {
      // Recorded as "100 per 60 s"; one the console cannot read is shown as recorded.
      const limit = ([value]: string[]) => {
        if (!value) return 'No limit';
        const parsed = parseAuditRateLimit(value);
        return parsed ? rateLimitText(parsed) : value;
      };
      return `Rate limit: ${limit(before)} → ${limit(after)}`;
    }
    if (field === 'allowedIps') {
      if (before.length === 0 || after.length === 0) {
        const addresses = (value: string[]) => (value.length ? value.join(', ') : 'any address');
        return `Allowed addresses: ${addresses(before)} → ${addresses(after)}`;
      }
      return `Allowed addresses: ${addedAndRemoved(before, after)}`;
    }
    if (field === 'expiresAt') {
      const at = (value: string[]) => (value[0] ? instant.format(new Date(value[0])) : 'never');
      return `Expiry: ${at(before)} → ${at(after)}`;
    }
    if (field === 'gracePeriodSeconds') {
      const seconds = after[0] ?? '';
      return GRACE_PERIODS[seconds] ?? `Previous secret kept for ${seconds} seconds`;
    }
    if (field === 'name') return `Name: ${list(before)} → ${list(after)}`;
    if (field === 'permissions') return `Permissions: ${list(before)} → ${list(after)}`;
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
  readonly event = input.required<Pick<AuditEventResponse, 'action' | 'changes' | 'occurredAt'>>();
  private readonly locale = inject(DATE_LOCALE);
  protected readonly label = computed(() => auditEventLabel(this.event()));
  protected readonly changes = computed(() => describeChanges(this.event(), this.locale));
}

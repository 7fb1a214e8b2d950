import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelect, MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { type AuditAction as AuditActionName, type AuditEventResponse, AuditActorType, Permission } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { ApiErrors } from '../core/errors/api-errors';
import { CurrentUser, loadPerOrganization } from '../core/session/current-user';
import { CursorList } from '../shared/cursor-list';
import { ListCard } from '../shared/list-card';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { saveFile } from '../shared/save-file';
import { ACTION_LABELS, AuditAction, AuditActorName, auditTargetLabel } from './audit-format';

const PAGE_SIZE = 50;

/** The filters as the API takes them; every one optional, combined with AND. */
export interface AuditFilter {
  action?: AuditActionName;
  actorId?: string;
  /** RFC 3339: the start of the first day chosen, local time. */
  from?: string;
  /** RFC 3339: the start of the day after the last day chosen, local time (the API's `to` is exclusive). */
  to?: string;
}

/** The start of a YYYY-MM-DD day in local time, `days` later, as the API takes instants. */
function startOfDay(day: string, days = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date! + days).toISOString();
}

/** The last day of a range is not before its first (date inputs write YYYY-MM-DD, so text order is date order). */
function notBeforeFromDay(control: AbstractControl<string>): ValidationErrors | null {
  const fromDay = (control.parent?.get('fromDay')?.value as string | undefined) ?? '';
  return control.value && fromDay && control.value < fromDay ? { beforeFrom: true } : null;
}

/** Admin ▸ Audit Log: every change to keys, roles and members, newest first, filtered and exported as CSV. */
@Component({
  selector: 'app-audit-log-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    AuditAction,
    AuditActorName,
    ListCard,
    LocalDatePipe,
  ],
  templateUrl: './audit-log.page.html',
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.75rem;
      margin-bottom: 1rem;
    }
    .filters mat-form-field {
      width: 13rem;
    }
    .filters .clear {
      margin-top: 0.5rem;
    }
    /* Fixed widths, so that the columns do not jump as pages load or filters change. */
    @media (min-width: 600px) {
      table {
        min-width: 52rem;
      }
      /* Room for the longest time this column shows, "Dec 31, 2026, 12:59:59 PM", on one line. */
      .mat-column-occurredAt {
        width: 14rem;
      }
      .mat-column-actor {
        width: 11rem;
      }
      .mat-column-ip {
        width: 9rem;
      }
    }
    /* On a phone each filter takes the whole width. */
    @media (max-width: 599.98px) {
      .filters mat-form-field {
        width: 100%;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPage {
  private readonly client = inject(TPTM_CLIENT);
  private readonly user = inject(CurrentUser);
  private readonly errors = inject(ApiErrors);
  private readonly snackBar = inject(MatSnackBar);
  private readonly document = inject(DOCUMENT);

  protected readonly columns = ['occurredAt', 'action', 'actor', 'target', 'ip'];
  protected readonly actions = (Object.entries(ACTION_LABELS) as [AuditActionName, string][]).map(([id, label]) => ({ id, label }));
  protected readonly filterForm = inject(NonNullableFormBuilder).group({
    action: ['' as AuditActionName | ''],
    actorId: [''],
    fromDay: [''],
    toDay: ['', notBeforeFromDay],
  });
  /** The filters the list was read with: "Load more" and the export keep them. */
  protected readonly filter = signal<AuditFilter>({});
  protected readonly filtered = computed(() => Object.keys(this.filter()).length > 0);
  protected readonly events = new CursorList<AuditEventResponse>((cursor) =>
    this.client.audit.listAuditEvents({ orgId: this.user.organizationId(), ...this.filter(), limit: PAGE_SIZE, cursor }),
  );
  /** Members, to filter by one who has not acted on the loaded pages; only for those who may list them. */
  private readonly members = CursorList.whole(() => this.client.members.listMembers({ orgId: this.user.organizationId() }));
  /**
   * Who can be chosen as the actor: the members, and whoever else acted in the
   * loaded events (API keys, people since removed). Names anyone may choose,
   * so two of one name are told apart by email or masked key.
   */
  protected readonly actors = computed(() => {
    const actors = new Map<string, { name: string; identity: string | null }>();
    for (const member of this.members.items()) actors.set(member.id, { name: member.name, identity: member.email });
    for (const { actor } of this.events.items()) {
      if (actor.id && !actors.has(actor.id)) {
        const name = actor.type === AuditActorType.API_KEY ? `${actor.name} (API key)` : actor.name;
        actors.set(actor.id, { name, identity: actor.email ?? actor.maskedKey });
      }
    }
    const names = [...actors.values()].map((a) => a.name);
    return [...actors]
      .map(([id, { name, identity }]) => ({ id, name: identity && names.indexOf(name) !== names.lastIndexOf(name) ? `${name} · ${identity}` : name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  });
  protected readonly exporting = signal(false);
  private readonly actionSelect = viewChild.required<MatSelect>('actionSelect');

  constructor() {
    loadPerOrganization(() => {
      void this.events.reload();
      if (this.user.has(Permission.MEMBER_MANAGE)) void this.members.reload();
    });
    const { fromDay, toDay } = this.filterForm.controls;
    fromDay.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      toDay.updateValueAndValidity({ emitEvent: false });
      toDay.markAsTouched();
    });
    this.filterForm.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.applyFilters());
  }

  protected clearFilters(): void {
    this.filterForm.reset();
    // The button goes away with the filters; choosing new ones starts at the first.
    this.actionSelect().focus();
  }

  protected targetLabel(type: string): string {
    return auditTargetLabel(type);
  }

  /** The filtered events as a CSV file, streamed by the API however many there are. */
  protected async exportCsv(): Promise<void> {
    if (this.exporting()) return;
    this.exporting.set(true);
    try {
      const csv = await this.client.audit.exportAuditEvents({ orgId: this.user.organizationId(), ...this.filter() });
      const organization = this.user.organization()?.name ?? 'organization';
      const slug =
        organization
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'organization';
      saveFile(this.document, `audit-log-${slug}-${new Date().toISOString().slice(0, 10)}.csv`, csv, 'text/csv');
    } catch (error) {
      this.snackBar.open(`Could not export the audit log. ${this.errors.handle(error).message}`, 'Dismiss', { duration: 8000 });
    } finally {
      this.exporting.set(false);
    }
  }

  /** Reads the list again with the form's filters; a half-typed date is left out until it is a date. */
  private applyFilters(): void {
    const { action, actorId, fromDay, toDay } = this.filterForm.getRawValue();
    const filter: AuditFilter = {};
    if (action) filter.action = action;
    if (actorId) filter.actorId = actorId;
    if (fromDay) filter.from = startOfDay(fromDay);
    if (toDay) filter.to = startOfDay(toDay, 1);
    // The API would refuse a range that ends before it starts; the field says so instead, at once.
    if (this.filterForm.controls.toDay.invalid) {
      this.filterForm.controls.toDay.markAsTouched();
      return;
    }
    if (JSON.stringify(filter) === JSON.stringify(this.filter())) return;
    this.filter.set(filter);
    void this.events.reload();
  }
}

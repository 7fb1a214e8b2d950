import { Migration } from '@mikro-orm/migrations';

/**
 * Audit events can say what changed (a member's roles before and after), and
 * one target's history (a key's page) is an index range scan like the full
 * log. Additive: a nullable column changes no existing row, so the
 * append-only trigger is not involved.
 */
export class Migration20261202120000_audit_changes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table "audit_event" add column "changes" jsonb null;
      create index "audit_event_organization_target_occurred_at_id_index" on "audit_event" ("organization_id", "target_id", "occurred_at", "id");
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop index if exists "audit_event_organization_target_occurred_at_id_index";
      alter table "audit_event" drop column if exists "changes";
    `);
  }
}

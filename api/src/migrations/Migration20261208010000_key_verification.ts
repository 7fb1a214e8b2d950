import { Migration } from '@mikro-orm/migrations';

/**
 * Key verification for the platform's other services: their service tokens
 * (stored as digests), the secrets recently revoked (an hour of them, so a
 * verification stream can resume on any instance), and an append-only log of
 * system events that belong to no organization (service tokens made or
 * revoked by the operator). Additive: new tables only.
 */
export class Migration20261208010000_key_verification extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "service_token" (
        "id" uuid not null,
        "name" text not null,
        "digest" text not null,
        "created_at" timestamptz(3) not null,
        "revoked_at" timestamptz(3) null,
        constraint "service_token_pkey" primary key ("id")
      );
      alter table "service_token" add constraint "service_token_digest_unique" unique ("digest");

      create table "key_revocation_event" (
        "id" bigserial,
        "api_key_id" uuid not null,
        "organization_id" uuid not null,
        "digest" text not null,
        "reason" text not null,
        "occurred_at" timestamptz(3) not null default now(),
        constraint "key_revocation_event_pkey" primary key ("id")
      );
      create index "key_revocation_event_occurred_at_index" on "key_revocation_event" ("occurred_at");
      create index "key_revocation_event_digest_index" on "key_revocation_event" ("digest");

      create table "system_audit_event" (
        "id" uuid not null,
        "action" text not null,
        "actor_type" text not null,
        "actor_name" text not null,
        "target_type" text not null,
        "target_id" uuid not null,
        "target_name" text not null,
        "occurred_at" timestamptz(3) not null,
        constraint "system_audit_event_pkey" primary key ("id")
      );
      create index "system_audit_event_occurred_at_index" on "system_audit_event" ("occurred_at");
      create function "system_audit_event_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'system_audit_event is append-only';
      end
      $$;
      create trigger "system_audit_event_no_update_or_delete" before update or delete on "system_audit_event"
        for each row execute function "system_audit_event_append_only"();
      create trigger "system_audit_event_no_truncate" before truncate on "system_audit_event"
        for each statement execute function "system_audit_event_append_only"();
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "system_audit_event";
      drop function if exists "system_audit_event_append_only"();
      drop table if exists "key_revocation_event";
      drop table if exists "service_token";
    `);
  }
}

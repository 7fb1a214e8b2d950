import { Migration } from '@mikro-orm/migrations';

export class Migration20261129000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "organization" (
        "id" uuid not null primary key,
        "name" text not null,
        "created_at" timestamptz(3) not null
      );

      create table "app_user" (
        "id" uuid not null primary key,
        "email" text not null,
        "name" text not null,
        "password_hash" text not null,
        "created_at" timestamptz(3) not null,
        constraint "app_user_email_unique" unique ("email"),
        constraint "app_user_email_lower_case" check ("email" = lower("email"))
      );

      create table "role" (
        "id" uuid not null primary key,
        "organization_id" uuid not null,
        "name" text not null,
        "description" text not null default '',
        "permissions" text[] not null,
        "built_in" text check ("built_in" in ('owner', 'admin', 'member')) null,
        "created_at" timestamptz(3) not null,
        constraint "role_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade
      );
      create index "role_organization_id_index" on "role" ("organization_id");
      create unique index "role_organization_name_unique" on "role" ("organization_id", lower("name"));

      create table "membership" (
        "id" uuid not null primary key,
        "organization_id" uuid not null,
        "user_id" uuid not null,
        "created_at" timestamptz(3) not null,
        constraint "membership_organization_user_unique" unique ("organization_id", "user_id"),
        constraint "membership_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade,
        constraint "membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade
      );
      create index "membership_user_id_index" on "membership" ("user_id");

      create table "membership_role" (
        "membership_id" uuid not null,
        "role_id" uuid not null,
        constraint "membership_role_pkey" primary key ("membership_id", "role_id"),
        constraint "membership_role_membership_id_foreign" foreign key ("membership_id") references "membership" ("id") on update cascade on delete cascade,
        constraint "membership_role_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete cascade
      );
      create index "membership_role_role_id_index" on "membership_role" ("role_id");

      create table "api_key" (
        "id" uuid not null primary key,
        "organization_id" uuid not null,
        "name" text not null,
        "digest" text not null,
        "masked_key" text not null,
        "created_by_id" uuid null,
        "created_at" timestamptz(3) not null,
        "last_used_at" timestamptz(3) null,
        constraint "api_key_digest_unique" unique ("digest"),
        constraint "api_key_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade,
        constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null
      );
      create index "api_key_organization_created_at_id_index" on "api_key" ("organization_id", "created_at", "id");
      create unique index "api_key_organization_name_unique" on "api_key" ("organization_id", lower("name"));

      create table "audit_event" (
        "id" uuid not null primary key,
        "organization_id" uuid not null,
        "action" text not null,
        "actor_type" text not null,
        "actor_id" uuid null,
        "actor_name" text not null,
        "target_type" text not null,
        "target_id" uuid not null,
        "target_name" text not null,
        "ip" text null,
        "user_agent" text null,
        "occurred_at" timestamptz(3) not null
      );
      create index "audit_event_organization_occurred_at_id_index" on "audit_event" ("organization_id", "occurred_at", "id");

      create function "audit_event_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only';
      end
      $$;
      create trigger "audit_event_no_update_or_delete" before update or delete on "audit_event"
        for each row execute function "audit_event_append_only"();
      create trigger "audit_event_no_truncate" before truncate on "audit_event"
        for each statement execute function "audit_event_append_only"();
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "audit_event";
      drop function if exists "audit_event_append_only"();
      drop table if exists "api_key";
      drop table if exists "membership_role";
      drop table if exists "membership";
      drop table if exists "role";
      drop table if exists "app_user";
      drop table if exists "organization";
    `);
  }
}

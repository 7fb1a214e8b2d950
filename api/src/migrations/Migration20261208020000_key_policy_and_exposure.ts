import { Migration } from '@mikro-orm/migrations';

/**
 * An organization's key policy, leaked keys and expiry reminders. Additive:
 * an organization without a policy row has the default policy (no rule, a
 * leaked key is revoked), and no existing key is revoked or exposed.
 *
 * `api_key_exposure_report` holds each (key, url) acted on, so a report sent
 * again acts on nothing; `api_key_expiry_reminder` each reminder sent, so
 * however many instances look, one sends it (the insert that wins sends).
 * Owners and Admins gain `org:manage`, which guards the policy.
 */
export class Migration20261208020000_key_policy_and_exposure extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "key_policy" (
        "organization_id" uuid not null,
        "max_lifetime_days" int null,
        "require_expiry" boolean not null default false,
        "allowed_ips" text[] not null default '{}',
        "require_rate_limit" boolean not null default false,
        "on_exposure" text check ("on_exposure" in ('revoke', 'disable', 'notify')) not null default 'revoke',
        constraint "key_policy_pkey" primary key ("organization_id"),
        constraint "key_policy_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade
      );

      alter table "api_key"
        add column "revoked_at" timestamptz(3) null,
        add column "exposed_at" timestamptz(3) null,
        add column "exposure_url" text null,
        add column "exposure_source" text null,
        add column "exposure_reported_by" text check ("exposure_reported_by" in ('secret-scanning', 'public-report')) null,
        add column "exposure_action" text check ("exposure_action" in ('revoke', 'disable', 'notify')) null;

      create table "api_key_exposure_report" (
        "api_key_id" uuid not null,
        "url" text not null,
        "reported_at" timestamptz(3) not null default now(),
        constraint "api_key_exposure_report_pkey" primary key ("api_key_id", "url"),
        constraint "api_key_exposure_report_api_key_id_foreign" foreign key ("api_key_id") references "api_key" ("id") on update cascade on delete cascade
      );

      create table "api_key_expiry_reminder" (
        "api_key_id" uuid not null,
        "expires_at" timestamptz(3) not null,
        "days_before" int not null,
        "sent_at" timestamptz(3) not null default now(),
        constraint "api_key_expiry_reminder_pkey" primary key ("api_key_id", "expires_at", "days_before"),
        constraint "api_key_expiry_reminder_api_key_id_foreign" foreign key ("api_key_id") references "api_key" ("id") on update cascade on delete cascade
      );

      update "role" set "permissions" = array_append("permissions", 'org:manage')
       where "built_in" in ('owner', 'admin') and not ('org:manage' = any("permissions"));
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      update "role" set "permissions" = array_remove("permissions", 'org:manage');
      drop table if exists "api_key_expiry_reminder";
      drop table if exists "api_key_exposure_report";
      alter table "api_key"
        drop column if exists "exposure_action",
        drop column if exists "exposure_reported_by",
        drop column if exists "exposure_source",
        drop column if exists "exposure_url",
        drop column if exists "exposed_at",
        drop column if exists "revoked_at";
      drop table if exists "key_policy";
    `);
  }
}

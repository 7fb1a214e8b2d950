import { Migration } from '@mikro-orm/migrations';

/**
 * Invitations replace the temporary passwords an inviter used to see, and
 * server-side sessions let a password change or a sign-out end sessions that
 * a stateless token alone could not. Additive: existing rows are untouched.
 * Access tokens issued before this migration carry no session id and are
 * refused after it, so everyone signs in once more.
 */
export class Migration20261202000000_invitations_sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "invitation" (
        "id" uuid not null primary key,
        "organization_id" uuid not null,
        "email" text not null,
        "name" text not null,
        "token_digest" text not null,
        "invited_by_id" uuid null,
        "created_at" timestamptz(3) not null,
        "expires_at" timestamptz(3) not null,
        constraint "invitation_token_digest_unique" unique ("token_digest"),
        constraint "invitation_organization_email_unique" unique ("organization_id", "email"),
        constraint "invitation_email_lower_case" check ("email" = lower("email")),
        constraint "invitation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade,
        constraint "invitation_invited_by_id_foreign" foreign key ("invited_by_id") references "app_user" ("id") on update cascade on delete set null
      );

      create table "invitation_role" (
        "invitation_id" uuid not null,
        "role_id" uuid not null,
        constraint "invitation_role_pkey" primary key ("invitation_id", "role_id"),
        constraint "invitation_role_invitation_id_foreign" foreign key ("invitation_id") references "invitation" ("id") on update cascade on delete cascade,
        constraint "invitation_role_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete cascade
      );
      create index "invitation_role_role_id_index" on "invitation_role" ("role_id");

      create table "session" (
        "id" uuid not null primary key,
        "user_id" uuid not null,
        "refresh_digest" text not null,
        "previous_refresh_digest" text null,
        "refreshed_at" timestamptz(3) not null,
        "created_at" timestamptz(3) not null,
        "expires_at" timestamptz(3) not null,
        constraint "session_refresh_digest_unique" unique ("refresh_digest"),
        constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade
      );
      create index "session_user_id_index" on "session" ("user_id");
      create index "session_previous_refresh_digest_index" on "session" ("previous_refresh_digest");

      create table "password_reset" (
        "id" uuid not null primary key,
        "user_id" uuid not null,
        "token_digest" text not null,
        "created_at" timestamptz(3) not null,
        "expires_at" timestamptz(3) not null,
        constraint "password_reset_token_digest_unique" unique ("token_digest"),
        constraint "password_reset_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade
      );
      create index "password_reset_user_id_index" on "password_reset" ("user_id");
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "password_reset";
      drop table if exists "session";
      drop table if exists "invitation_role";
      drop table if exists "invitation";
    `);
  }
}

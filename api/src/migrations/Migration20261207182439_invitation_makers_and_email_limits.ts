import { Migration } from '@mikro-orm/migrations';

/**
 * Invitations record the API key that made them, and go with their maker
 * (the key's deletion, or the account's, deletes them); and a table of the
 * invitation emails sent, which the limits on those emails count. Pending
 * invitations made by a key before this have no recorded maker: they stay
 * valid until they expire (7 days at most) or are revoked.
 */
export class Migration20261207182439_invitation_makers_and_email_limits extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "invitation_email" ("id" uuid not null, "organization_id" uuid not null, "inviter_id" uuid not null, "recipient" text not null, "sent_at" timestamptz(3) not null, constraint "invitation_email_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "invitation_email_sent_at_index" on "invitation_email" ("sent_at");`);
    this.addSql(`create index "invitation_email_organization_index" on "invitation_email" ("organization_id", "sent_at");`);
    this.addSql(`create index "invitation_email_inviter_index" on "invitation_email" ("inviter_id", "sent_at");`);
    this.addSql(`create index "invitation_email_recipient_index" on "invitation_email" ("recipient", "sent_at");`);

    this.addSql(`alter table "invitation" drop constraint "invitation_invited_by_id_foreign";`);

    this.addSql(`alter table "invitation" add column "invited_by_key_id" uuid null;`);
    this.addSql(
      `alter table "invitation" add constraint "invitation_invited_by_key_id_foreign" foreign key ("invited_by_key_id") references "api_key" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "invitation" add constraint "invitation_invited_by_id_foreign" foreign key ("invited_by_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "invitation_invited_by_key_id_index" on "invitation" ("invited_by_key_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "invitation_email" cascade;`);

    this.addSql(`alter table "invitation" drop constraint "invitation_invited_by_key_id_foreign";`);
    this.addSql(`alter table "invitation" drop constraint "invitation_invited_by_id_foreign";`);

    this.addSql(`drop index "invitation_invited_by_key_id_index";`);
    this.addSql(`alter table "invitation" drop column "invited_by_key_id";`);

    this.addSql(
      `alter table "invitation" add constraint "invitation_invited_by_id_foreign" foreign key ("invited_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }
}

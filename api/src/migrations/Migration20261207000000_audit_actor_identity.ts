import { Migration } from '@mikro-orm/migrations';

/**
 * Each event keeps the actor's email (a member) or masked key (an API key)
 * beside the display name, which anyone may choose, so that an invitee named
 * like the Owner cannot pass for them in the log. Copied at record time, as
 * names are, so an event still says who acted after an email changes or a
 * key is deleted.
 *
 * Events recorded before this are filled from the member or key where it
 * still exists, the one UPDATE the append-only table ever sees: its trigger
 * is set aside for this statement only, inside the migration's transaction.
 */
export class Migration20261207000000_audit_actor_identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table "audit_event" add column "actor_email" text null, add column "actor_masked_key" text null;
      alter table "audit_event" disable trigger "audit_event_no_update_or_delete";
      update "audit_event" e set "actor_email" = u."email" from "app_user" u where e."actor_type" = 'user' and u."id" = e."actor_id";
      update "audit_event" e set "actor_masked_key" = k."masked_key" from "api_key" k where e."actor_type" = 'apiKey' and k."id" = e."actor_id";
      alter table "audit_event" enable trigger "audit_event_no_update_or_delete";
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_event" drop column if exists "actor_email", drop column if exists "actor_masked_key";`);
  }
}

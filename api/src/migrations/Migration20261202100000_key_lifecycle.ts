import { Migration } from '@mikro-orm/migrations';

/**
 * Key lifecycle: an optional expiry, and the secret a roll replaced with the
 * end of its grace period. Additive only: existing keys keep their secret
 * and never expire.
 */
export class Migration20261202100000_key_lifecycle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table "api_key"
        add column "previous_digest" text null,
        add column "previous_key_expires_at" timestamptz(3) null,
        add column "expires_at" timestamptz(3) null;
      alter table "api_key" add constraint "api_key_previous_digest_unique" unique ("previous_digest");
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      alter table "api_key" drop constraint "api_key_previous_digest_unique";
      alter table "api_key" drop column "previous_digest", drop column "previous_key_expires_at", drop column "expires_at";
    `);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * An index for each sort of the key list that the existing ones do not
 * serve (created_at has one, the name its unique index): by last use and by
 * expiry, with the missing instant as ±infinity as the list orders it, so a
 * page at any depth is one index range scan. Additive.
 */
export class Migration20261208030000_key_list_sorts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create index "api_key_organization_last_used_at_index" on "api_key" ("organization_id", coalesce("last_used_at", '-infinity'::timestamptz), "id");
      create index "api_key_organization_expires_at_index" on "api_key" ("organization_id", coalesce("expires_at", 'infinity'::timestamptz), "id");
    `);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Restricted keys: the permissions a key holds besides the integration
 * routes. Additive: existing keys get none, so they keep meaning exactly
 * what they meant (integration routes only).
 */
export class Migration20261203000000_restricted_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "api_key" add column "permissions" text[] not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_key" drop column "permissions";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Per-key daily request counts, and the ids of the batches already added
 * (so a batch retried after an unseen commit is not counted twice).
 * Additive: new tables only.
 */
export class Migration20261203100000_key_usage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "api_key_usage" (
        "api_key_id" uuid not null,
        "day" date not null,
        "requests" bigint not null,
        constraint "api_key_usage_pkey" primary key ("api_key_id", "day"),
        constraint "api_key_usage_api_key_id_foreign" foreign key ("api_key_id") references "api_key" ("id") on update cascade on delete cascade
      );
      create index "api_key_usage_day_index" on "api_key_usage" ("day");

      create table "api_key_usage_batch" (
        "id" uuid not null primary key,
        "written_at" timestamptz(3) not null default now()
      );
      create index "api_key_usage_batch_written_at_index" on "api_key_usage_batch" ("written_at");
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop table if exists "api_key_usage_batch";
      drop table if exists "api_key_usage";
    `);
  }
}

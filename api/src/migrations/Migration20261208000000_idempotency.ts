import { Migration } from '@mikro-orm/migrations';

/** Stored answers to writes sent with an `Idempotency-Key` (see idempotency-record.entity.ts). Additive. */
export class Migration20261208000000_idempotency extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "idempotency_record" (
        "id" text not null primary key,
        "request_digest" text not null,
        "status" smallint not null,
        "content_type" text null,
        "body" bytea null,
        "expires_at" timestamptz(3) not null
      );
      create index "idempotency_record_expires_at_index" on "idempotency_record" ("expires_at");
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "idempotency_record";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * The public report limit (60 calls an hour per client) counted in the
 * database, so that it holds across instances rather than per instance.
 */
export class Migration20261208040000_public_report_window extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "public_report_window" ("client" text not null, "hour" timestamptz(3) not null, "count" int not null, constraint "public_report_window_pkey" primary key ("client", "hour"));`,
    );
    this.addSql(`create index "public_report_window_hour_index" on "public_report_window" ("hour");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "public_report_window" cascade;`);
  }
}

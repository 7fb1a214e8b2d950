import { Migration } from '@mikro-orm/migrations';

/**
 * Every refresh token a session replaced is remembered for the session's
 * life, so that a copy presented after any number of rotations ends it, not
 * only the one replaced last. Sessions keep working: the tokens they replaced
 * last are carried over, and the index that found them is no longer needed.
 */
export class Migration20261207190000_refresh_token_families extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "retired_refresh_token" (
        "digest" text not null primary key,
        "session_id" uuid not null,
        constraint "retired_refresh_token_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete cascade
      );
      create index "retired_refresh_token_session_id_index" on "retired_refresh_token" ("session_id");
      insert into "retired_refresh_token" ("digest", "session_id")
        select "previous_refresh_digest", "id" from "session" where "previous_refresh_digest" is not null;
      drop index "session_previous_refresh_digest_index";
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      create index "session_previous_refresh_digest_index" on "session" ("previous_refresh_digest");
      drop table if exists "retired_refresh_token";
    `);
  }
}

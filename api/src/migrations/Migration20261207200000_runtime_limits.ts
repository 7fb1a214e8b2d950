import { Migration } from '@mikro-orm/migrations';

/**
 * Runtime limits on a key: whether it is enabled, its rate limit, the
 * addresses it may be used from; and the shared counters of the rate limit.
 * Additive: new columns with defaults that keep every existing key as it was
 * (enabled, no limit, any address).
 *
 * The counters are slots of 1/32 of the key's window. An instance leases a
 * share of the window's budget with `tptm_rate_lease`, which, under a lock
 * on the key, sums what was granted in the window's slots and grants at
 * most what is left; it spends the lease from memory within the slot and
 * gives back what it did not spend.
 */
export class Migration20261207200000_runtime_limits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table "api_key"
        add column "enabled" boolean not null default true,
        add column "rate_limit_requests" int null,
        add column "rate_limit_window_seconds" int null,
        add column "allowed_ips" text[] not null default '{}',
        add constraint "api_key_rate_limit_check" check (("rate_limit_requests" is null) = ("rate_limit_window_seconds" is null));

      create table "api_key_rate_slot" (
        "api_key_id" uuid not null,
        "slot" bigint not null,
        "granted" int not null,
        constraint "api_key_rate_slot_pkey" primary key ("api_key_id", "slot"),
        constraint "api_key_rate_slot_api_key_id_foreign" foreign key ("api_key_id") references "api_key" ("id") on update cascade on delete cascade
      );

      create function "tptm_rate_lease"(p_key uuid, p_slot bigint, p_slots int, p_limit int, p_want int)
        returns table ("granted" int, "used" int, "oldest_slot" bigint) language plpgsql as $$
      declare
        v_used int;
        v_oldest bigint;
        v_granted int;
      begin
        -- One lease of a key at a time, on every instance: the sum below and the grant are one step.
        perform pg_advisory_xact_lock(hashtextextended(p_key::text, 7));
        delete from "api_key_rate_slot" s where s."api_key_id" = p_key and s."slot" < p_slot - p_slots;
        select coalesce(sum(s."granted"), 0), min(s."slot") filter (where s."granted" > 0) into v_used, v_oldest
          from "api_key_rate_slot" s where s."api_key_id" = p_key;
        v_granted := greatest(0, least(p_want, p_limit - v_used));
        if v_granted > 0 then
          insert into "api_key_rate_slot" as s ("api_key_id", "slot", "granted") values (p_key, p_slot, v_granted)
            on conflict ("api_key_id", "slot") do update set "granted" = s."granted" + excluded."granted";
          v_oldest := coalesce(v_oldest, p_slot);
        end if;
        return query select v_granted, v_used + v_granted, v_oldest;
      end
      $$;
    `);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop function if exists "tptm_rate_lease"(uuid, bigint, int, int, int);
      drop table if exists "api_key_rate_slot";
      alter table "api_key"
        drop constraint if exists "api_key_rate_limit_check",
        drop column if exists "allowed_ips",
        drop column if exists "rate_limit_window_seconds",
        drop column if exists "rate_limit_requests",
        drop column if exists "enabled";
    `);
  }
}

import { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { PGliteDriver } from 'mikro-orm-pglite';
import { ApiKey } from '../api-keys/api-key.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { Membership, MembershipRole } from '../members/membership.entity';
import { MIGRATIONS } from '../migrations';
import { Organization } from '../organizations/organization.entity';
import { Role } from '../roles/role.entity';
import { User } from '../users/user.entity';
import type { EmbeddedDatabase } from './embedded-database';

export const ENTITIES = [Organization, User, Role, Membership, MembershipRole, ApiKey, AuditEvent];

/**
 * One set of entities and migrations for both databases; only the driver
 * differs. Schema changes happen only through committed migrations.
 */
export function ormOptions(databaseUrl: string | undefined, embedded: EmbeddedDatabase | undefined): Options {
  const common: Options = {
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    discovery: { warnWhenNoEntities: true },
    forceUtcTimezone: true,
    // Query logs carry parameters (key digests among them), so they stay off.
    debug: false,
    allowGlobalContext: false,
    ensureDatabase: false,
  };
  if (databaseUrl) {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: databaseUrl,
      pool: { min: 0, max: 10, acquireTimeoutMillis: 5000 },
      driverOptions: { connection: { connectionTimeoutMillis: 5000 } },
    } as Options;
  }
  if (!embedded) throw new Error('No DATABASE_URL and no embedded database to use');
  return {
    ...common,
    driver: PGliteDriver,
    dbName: 'postgres',
    driverOptions: { connection: { pglite: () => embedded.pglite } },
  } as Options;
}

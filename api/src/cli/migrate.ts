import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { ConfigError, loadConfig } from '../config/app-config';
import { EmbeddedDatabase } from '../database/embedded-database';
import { migrateUp } from '../database/migrate';
import { ormOptions } from '../database/orm-options';
import { ENTITIES } from '../entities';

/** `npm run migrate`: brings the configured database's schema up to date. */
async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await EmbeddedDatabase.open(config.embeddedDatabase);
  const orm = await MikroORM.init(ormOptions(config.databaseUrl, embedded, { entities: ENTITIES }));
  try {
    const applied = await migrateUp(orm);
    const where = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.embeddedDatabase}`;
    console.log(applied.length ? `Applied ${applied.join(', ')} to ${where}.` : `The schema of ${where} is up to date.`);
  } finally {
    await orm.close();
    await embedded?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

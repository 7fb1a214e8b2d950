import { MikroORM } from '@mikro-orm/core';

export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/**
 * The server never changes the schema itself; it refuses to start on a
 * database that is behind, and says which command fixes it.
 */
export async function assertSchemaCurrent(orm: MikroORM): Promise<void> {
  const pending = await orm.getMigrator().getPendingMigrations();
  if (pending.length > 0) {
    throw new Error(
      `The database schema is behind by ${pending.length} migration(s) (${pending.map((m) => m.name).join(', ')}). ` + 'Run "npm run migrate" first.',
    );
  }
}

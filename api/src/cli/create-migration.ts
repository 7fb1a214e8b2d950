import 'reflect-metadata';
import { resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { EmbeddedDatabase, IN_MEMORY } from '../database/embedded-database';
import { migrateUp } from '../database/migrate';
import { ormOptions } from '../database/orm-options';
import { ENTITIES } from '../entities';

const MIGRATIONS_DIR = resolve(__dirname, '../../src/migrations');

/**
 * `npm run migration:create -- <name>`: writes the migration that takes the
 * committed migrations to what the entities now say. It diffs against a
 * throwaway in-memory database, so no database of yours is read or changed.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new Error('Name the migration in snake_case: npm run migration:create -- add_key_expiry');
  }
  const embedded = await EmbeddedDatabase.open(IN_MEMORY);
  const options = ormOptions(undefined, embedded, { entities: ENTITIES });
  const orm = await MikroORM.init({ ...options, migrations: { ...options.migrations, path: MIGRATIONS_DIR, emit: 'ts' } });
  try {
    await migrateUp(orm);
    const created = await orm.getMigrator().createMigration(MIGRATIONS_DIR, false, false, name);
    if (created.diff.up.length === 0) {
      console.log('The entities already match the migrations: nothing to create.');
      return;
    }
    const className = created.fileName.replace(/\.ts$/, '');
    console.log(
      `Wrote api/src/migrations/${created.fileName}. Read it, then list it last in api/src/migrations/index.ts:\n` +
        `  import { ${className} } from './${className}';\n  { name: '${className}', class: ${className} },`,
    );
  } finally {
    await orm.close();
    await embedded.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { MikroORM } from '@mikro-orm/core';
import { ormOptions } from '../src/database/orm-options';
import { ENTITIES } from '../src/entities';
import { createTestDatabase, TestDatabase } from './harness';

/** The committed migrations and the entities describe the same schema. */
describe('database schema', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(ormOptions(db.databaseUrl, db.embedded, { entities: ENTITIES }));
  });
  afterAll(async () => {
    await orm.close();
    await db.drop();
  });

  it('needs no change after the migrations ran', async () => {
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('has the indexes the contract relies on', async () => {
    const indexes = await db.query<{ indexdef: string }>("select indexdef from pg_indexes where schemaname = 'public'");
    const defs = indexes.map((i) => i.indexdef).join('\n');
    expect(defs).toMatch(/UNIQUE INDEX api_key_digest_unique ON public.api_key USING btree \(digest\)/);
    expect(defs).toMatch(/INDEX api_key_organization_created_at_id_index ON public.api_key USING btree \(organization_id, created_at, id\)/);
    expect(defs).toMatch(/UNIQUE INDEX api_key_organization_name_unique ON public.api_key USING btree \(organization_id, lower\(name\)\)/);
    expect(defs).toMatch(/UNIQUE INDEX role_organization_name_unique ON public.role USING btree \(organization_id, lower\(name\)\)/);
  });
});

import { ensureSwaggerPluginOutput } from '../support/swagger-plugin-output';

/** Once per `jest` run, before any test file: the Swagger plugin's output, and the migrated database every file copies. */
export default async function globalSetup(): Promise<void> {
  ensureSwaggerPluginOutput();
  // Jest's node environment copies this process's globals into each test file's
  // global, and with --runInBand the test files run in this process: MikroORM's
  // metadata storage, left here, would then be shared by every file (its Maps
  // from this realm, refused by the other's). So the ORM is loaded only now,
  // and what it put on the global is taken off again.
  const before = new Set(Object.getOwnPropertyNames(globalThis));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, not at the top, for the reason above
    const { createTemplate } = require('../support/database-template') as typeof import('../support/database-template');
    await createTemplate();
  } finally {
    for (const name of Object.getOwnPropertyNames(globalThis)) if (!before.has(name)) delete (globalThis as Record<string, unknown>)[name];
  }
}

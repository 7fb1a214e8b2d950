import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/app-config';
import { buildOpenApiDocument } from '../openapi';

/**
 * Writes openapi.json at the repository root from the controllers and DTOs,
 * without a database: the app is built in preview mode, which wires modules
 * but instantiates nothing.
 */
async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'openapi.json');
  const config = { ...loadConfig({ TPTM_JWT_SECRET: 'x'.repeat(32), TPTM_LOG_LEVEL: 'silent' }) };
  const app = await createApp(config, { preview: true });
  writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  console.log(`Wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

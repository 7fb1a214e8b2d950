// Builds dist/esm (import) and dist/cjs (require) from the same sources, each
// with its own .d.ts beside the JavaScript, so TypeScript resolves types of
// the same module format as the code Node or a bundler loads.
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const sdk = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

await rm(join(sdk, 'dist'), { recursive: true, force: true });
for (const [project, format] of [
  ['tsconfig.json', 'esm'],
  ['tsconfig.cjs.json', 'cjs'],
]) {
  execFileSync(process.execPath, [tsc, '-p', join(sdk, project)], { stdio: 'inherit' });
  // Tells Node (and TypeScript) the module format of every file below.
  await mkdir(join(sdk, 'dist', format), { recursive: true });
  await writeFile(join(sdk, 'dist', format, 'package.json'), `${JSON.stringify({ type: format === 'esm' ? 'module' : 'commonjs' })}\n`);
}

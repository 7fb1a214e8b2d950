// Runs before `npm pack` and `npm publish`: the package ships dist/, so it
// must be there and built from this version. Building needs the dev tools
// (`npm run build`); checking does not, so a copy of the package without
// node_modules packs as well as this folder does.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const sdk = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(await readFile(join(sdk, 'package.json'), 'utf8'));
for (const format of ['esm', 'cjs']) {
  const built = await readFile(join(sdk, 'dist', format, 'version.js'), 'utf8').catch(() => undefined);
  if (built === undefined) {
    console.error(`dist/${format} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  if (!built.includes(`'${version}'`)) {
    console.error(`dist/${format} is not built from version ${version}: run \`npm run build\` again.`);
    process.exit(1);
  }
}

// Regenerates src/generated/ from the repository's openapi.json. Run through
// `npm run generate` at the root, which writes openapi.json first; CI fails
// when the committed output differs from what this produces.
//
// The one place that knows which generator is used: swapping it is a change
// to this file (and the hand-written src/*.ts that wrap its output).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'openapi-typescript-codegen';

const sdk = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(sdk, '..', 'openapi.json');
const output = join(sdk, 'src', 'generated');

const HEADER = `/* Generated from openapi.json by \`npm run generate\` (openapi-typescript-codegen). Do not edit. */\n`;

await rm(output, { recursive: true, force: true });
// Equivalent CLI: openapi --input ../openapi.json --output src/generated
//   --client fetch --name TptmClient --useOptions --indent 2
// The generator refuses an output folder outside the working directory.
process.chdir(sdk);
await generate({
  input: spec,
  output: relative(sdk, output),
  httpClient: 'fetch',
  clientName: 'TptmClient',
  useOptions: true,
  indent: '2',
});

for (const file of await listFiles(output)) {
  const source = await readFile(file, 'utf8');
  await writeFile(file, HEADER + withJsExtensions(source));
}

/**
 * Node's ESM loader needs the file extension on relative imports; the
 * generator writes them without. With `.js` the same sources compile to
 * both the ESM and the CommonJS build, and bundlers resolve them too.
 */
function withJsExtensions(source) {
  return source.replace(/(from\s+'|import\s+')(\.{1,2}\/[^']+?)(?<!\.js)'/g, "$1$2.js'");
}

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)])),
  );
  return files.flat().sort();
}

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

await writeFile(join(output, 'limits.ts'), limitsModule(JSON.parse(await readFile(spec, 'utf8'))));

/**
 * The spec's limits on what a request may hold (lengths, ranges, list sizes)
 * as constants, so that a form checks what the API will check without typing
 * the numbers again: FIELD_LIMITS by request schema and property,
 * QUERY_LIMITS by operation and query parameter. The generator keeps them
 * only as comments.
 */
function limitsModule(openapi) {
  const KEYWORDS = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems'];
  const limitsOf = (schema) => Object.fromEntries(KEYWORDS.filter((k) => typeof schema?.[k] === 'number').map((k) => [k, schema[k]]));
  const nonEmpty = (entries) => Object.fromEntries(entries.filter(([, value]) => Object.keys(value).length > 0));

  const fields = nonEmpty(
    Object.entries(openapi.components?.schemas ?? {}).map(([name, schema]) => [
      name,
      nonEmpty(Object.entries(schema.properties ?? {}).map(([property, value]) => [property, limitsOf(value)])),
    ]),
  );
  const query = nonEmpty(
    Object.values(openapi.paths ?? {})
      .flatMap((item) => Object.values(item))
      .filter((operation) => operation?.operationId)
      .map((operation) => [
        operation.operationId,
        nonEmpty((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, limitsOf(p.schema)])),
      ]),
  );
  return [
    `/* Generated from openapi.json by \`npm run generate\` (scripts/generate.mjs). Do not edit. */`,
    '',
    '/** What the API accepts in each property of a request body, as the spec says: `FIELD_LIMITS.CreateApiKeyRequest.name.maxLength`. */',
    `export const FIELD_LIMITS = ${literal(fields)} as const;`,
    '',
    '/** What the API accepts in each query parameter of an operation, as the spec says: `QUERY_LIMITS.listApiKeys.limit.maximum`. */',
    `export const QUERY_LIMITS = ${literal(query)} as const;`,
    '',
  ].join('\n');
}

/** A TypeScript object literal, two spaces an indent, keys quoted only where they must be. */
function literal(value, indent = '') {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  const entries = Object.entries(value);
  if (entries.every(([, v]) => typeof v !== 'object')) return `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v)}`).join(', ')} }`;
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)},\n`).join('')}${indent}}`;
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
  const files = await Promise.all(entries.map((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)])));
  return files.flat().sort();
}

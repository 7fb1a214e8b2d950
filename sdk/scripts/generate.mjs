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
//   --client fetch --name TptmClient --useOptions --useUnionTypes --indent 2
// The generator refuses an output folder outside the working directory.
process.chdir(sdk);
await generate({
  input: spec,
  output: relative(sdk, output),
  httpClient: 'fetch',
  clientName: 'TptmClient',
  useOptions: true,
  useUnionTypes: true,
  indent: '2',
});

const openapi = JSON.parse(await readFile(spec, 'utf8'));
const enums = Object.entries(openapi.components?.schemas ?? {}).filter(([, schema]) => Array.isArray(schema.enum));
const services = await servicesOf(join(output, 'TptmClient.ts'));

// The generator's own client, fetch transport, global config object and
// CancelablePromise: the hand-written client and transport (src/*.ts) replace
// them, so nothing unused or second-named reaches the package.
for (const file of [
  'TptmClient.ts',
  'core/FetchHttpRequest.ts',
  'core/OpenAPI.ts',
  'core/request.ts',
  'core/ApiError.ts',
  'core/ApiResult.ts',
  'core/CancelablePromise.ts',
]) {
  await rm(join(output, file));
}
await writeFile(
  join(output, 'core', 'BaseHttpRequest.ts'),
  [
    "import type { ApiRequestOptions } from './ApiRequestOptions';",
    "import type { TptmPromise } from '../../promise';",
    '',
    "/** What a generated service sends its requests through: the SDK's transport. */",
    'export interface BaseHttpRequest {',
    '  request<T>(options: ApiRequestOptions): TptmPromise<T>;',
    '}',
    '',
  ].join('\n'),
);

for (const file of await listFiles(output)) {
  let source = await readFile(file, 'utf8');
  if (file.includes(`${join('generated', 'services')}/`)) source = asServiceSource(source);
  if (file.includes(`${join('generated', 'models')}/`)) source = withUndefinedOptionals(source);
  if (file.endsWith(join('core', 'ApiRequestOptions.ts'))) source = source.replace(/\bany\b/g, 'unknown');
  const model = enums.find(([name]) => file.endsWith(join('models', `${name}.ts`)));
  if (model) source += enumConstant(...model);
  if (file === join(output, 'index.ts')) source = asIndexSource(source);
  await writeFile(file, HEADER + withJsExtensions(source));
}

await writeFile(
  join(output, 'services.ts'),
  [
    HEADER.trimEnd(),
    ...services.map(([, service]) => `import { ${service} } from './services/${service}.js';`),
    '',
    '/** Every area of the API, by the client property it is reached through. */',
    'export const SERVICES = {',
    ...services.map(([property, service]) => `  ${property}: ${service},`),
    '} as const;',
    '',
  ].join('\n'),
);

await writeFile(join(output, 'limits.ts'), limitsModule(openapi));

/** The client properties and service classes, as the generated client constructs them. */
async function servicesOf(clientFile) {
  const source = await readFile(clientFile, 'utf8');
  return [...source.matchAll(/this\.(\w+) = new (\w+Service)\(this\.request\)/g)].map(([, property, service]) => [property, service]);
}

/**
 * A service whose transport is its own business (`httpRequest` private), whose
 * calls return the SDK's TptmPromise, and whose optional parameters accept
 * `undefined` under `exactOptionalPropertyTypes`.
 */
function asServiceSource(source) {
  return withUndefinedOptionals(
    source
      .replace('constructor(public readonly httpRequest: BaseHttpRequest)', 'constructor(private readonly httpRequest: BaseHttpRequest)')
      .replace("import type { CancelablePromise } from '../core/CancelablePromise';", "import type { TptmPromise } from '../../promise';")
      .replace(/CancelablePromise</g, 'TptmPromise<')
      // An answer the spec gives no body (a 202) is `unknown`, never `any`.
      .replace(/TptmPromise<any>/g, 'TptmPromise<unknown>')
      .replace(/@throws ApiError/g, '@throws TptmApiError'),
  );
}

/**
 * `name?: T` becomes `name?: T | undefined`: a strict customer's
 * `{ cursor: page.nextCursor ?? undefined }` then compiles under
 * `exactOptionalPropertyTypes`, and the SDK sends an undefined property as absent.
 */
function withUndefinedOptionals(source) {
  return source.replace(/^(\s+'?[\w-]+'?\?: )(.+?)([;,])$/gm, (whole, name, type, end) =>
    /\|\s*undefined$/.test(type) || /[{(<]$/.test(type) ? whole : `${name}${type} | undefined${end}`,
  );
}

/**
 * A union type's values as a constant of the same name (`Permission.KEY_MANAGE`
 * is `'key:manage'`), with the member names the generator gives enums: code
 * written against the former enums keeps compiling, a plain string literal is
 * accepted where the union is expected, and `Object.values(Permission)` lists them.
 */
function enumConstant(name, schema) {
  const member = (value) =>
    String(value)
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .toUpperCase() +
    // A sort's descending twin ('-createdAt') would otherwise share the ascending one's name.
    (String(value).startsWith('-') ? '_DESC' : '');
  const lines = schema.enum.map((value) => `  ${member(value)}: '${value}',`);
  return `\n/** Every ${name}, by name. */\nexport const ${name} = {\n${lines.join('\n')}\n} as const satisfies Record<string, ${name}>;\n`;
}

/** The package's generated exports: models and the enum constants; services as types only; no generator core. */
function asIndexSource(source) {
  const constants = new Set(enums.map(([name]) => name));
  return source
    .split('\n')
    .filter((line) => !/from '\.\/(core\/|TptmClient')/.test(line))
    .map((line) => {
      const name = /^export (?:type )?\{ (\w+) \} from '\.\/models\//.exec(line)?.[1];
      if (name && constants.has(name)) return line.replace('export type {', 'export {');
      return line.replace(/^export \{ (\w+Service) \}/, 'export type { $1 }');
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

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

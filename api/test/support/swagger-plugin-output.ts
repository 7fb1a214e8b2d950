import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before as swaggerPlugin } from '@nestjs/swagger/dist/plugin/compiler-plugin';
import { mergePluginOptions } from '@nestjs/swagger/dist/plugin/merge-options';
import { isFilenameMatched } from '@nestjs/swagger/dist/plugin/utils/is-filename-matched.util';
import ts from 'typescript';

const API = resolve(__dirname, '..', '..');
const REPOSITORY = resolve(API, '..');
/** Read by test/setup/transform.js; out of git and of every tsconfig, linter and build. */
export const PLUGIN_OUTPUT_FILE = join(API, '.cache', 'swagger-plugin', 'output.json');

export interface PluginOutput {
  /** Hash of everything the output depends on. */
  inputs: string;
  /** By absolute path: the sha256 of the source compiled, and the JavaScript tsc wrote with the plugin. */
  files: Record<string, { source: string; code: string }>;
}

/**
 * Tests compile with SWC, file by file and without type information, so the
 * @nestjs/swagger plugin, which needs a whole program's types, cannot run in
 * Jest's transform. The files it rewrites (DTOs and controllers, as
 * nest-cli.json says) are compiled here instead, once, with `tsc` and the
 * plugin and the options of `nest build`, and test/setup/transform.js hands
 * Jest that output for them: the tests see the spec the build produces
 * (test/openapi.spec.ts holds the served spec to openapi.json).
 *
 * The plugin's "metadata.ts" mode (PluginMetadataGenerator) was tried first:
 * it cannot carry a validation limit given as a named constant
 * (`@MaxLength(PASSWORD_MAX_LENGTH)`), and its spec lost maxLength and
 * minLength there.
 *
 * Nothing here is committed, so nothing can go stale: the output is rewritten
 * whenever a source file, a tsconfig, the options or the plugin changes (a hash
 * of all of them is kept with it), and reused otherwise.
 */
export function ensureSwaggerPluginOutput(): void {
  const options = swaggerPluginOptions();
  const hash = createHash('sha256');
  hash.update(JSON.stringify(options));
  hash.update(readFileSync(require.resolve('@nestjs/swagger/package.json')));
  hash.update(ts.version);
  for (const file of [join(API, 'tsconfig.build.json'), join(REPOSITORY, 'tsconfig.json')]) hash.update(readFileSync(file));
  for (const file of sourceFiles(join(API, 'src'))) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  const inputs = hash.digest('hex');
  if (existsSync(PLUGIN_OUTPUT_FILE) && (JSON.parse(readFileSync(PLUGIN_OUTPUT_FILE, 'utf8')) as PluginOutput).inputs === inputs) return;

  const { options: compilerOptions, fileNames } = readTsconfig(join(API, 'tsconfig.build.json'));
  const program = ts.createProgram({
    rootNames: fileNames,
    // Source maps inline, so that stack traces point into the .ts files, as SWC's do.
    options: { ...compilerOptions, sourceMap: false, inlineSourceMap: true, inlineSources: true },
  });
  const plugin = swaggerPlugin(options, program);
  const merged = mergePluginOptions(options);
  const suffixes = [...(merged.dtoFileNameSuffix as string[]), ...(merged.controllerFileNameSuffix as string[])];
  const output: PluginOutput = { inputs, files: {} };
  for (const sourceFile of program.getSourceFiles()) {
    const { fileName } = sourceFile;
    if (sourceFile.isDeclarationFile || !isFilenameMatched(suffixes, fileName)) continue;
    let code: string | undefined;
    const result = program.emit(sourceFile, (name, text) => (name.endsWith('.js') ? (code = text) : undefined), undefined, false, {
      before: [plugin],
    });
    if (result.emitSkipped || code === undefined) throw new Error(`tsc wrote nothing for ${fileName}`);
    output.files[fileName] = { source: createHash('sha256').update(sourceFile.text).digest('hex'), code };
  }
  mkdirSync(join(PLUGIN_OUTPUT_FILE, '..'), { recursive: true });
  // Written beside and renamed, so a second `jest` started at the same time never reads half a file.
  const scratch = `${PLUGIN_OUTPUT_FILE}.${process.pid}`;
  writeFileSync(scratch, JSON.stringify(output));
  renameSync(scratch, PLUGIN_OUTPUT_FILE);
}

function swaggerPluginOptions(): Record<string, unknown> {
  const nestCli = JSON.parse(readFileSync(join(REPOSITORY, 'nest-cli.json'), 'utf8')) as {
    compilerOptions: { plugins: (string | { name: string; options?: Record<string, unknown> })[] };
  };
  const plugin = nestCli.compilerOptions.plugins.find((p) => (typeof p === 'string' ? p : p.name) === '@nestjs/swagger');
  if (!plugin) throw new Error('nest-cli.json no longer lists the @nestjs/swagger plugin: the tests would serve a spec without it.');
  return typeof plugin === 'string' ? {} : (plugin.options ?? {});
}

function readTsconfig(path: string): ts.ParsedCommandLine {
  const { config, error } = ts.readConfigFile(path, (file) => ts.sys.readFile(file));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, API, undefined, path);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

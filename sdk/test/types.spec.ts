import { mkdtemp, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const SDK = resolve(__dirname, '..');

/**
 * Compiles a consumer program as a separate project that installed
 * `@tptm/sdk` (a symlink to this package), so only what the package exports
 * through `exports` and its .d.ts files is visible, exactly as after
 * `npm install`. The SDK's declarations are type-checked too (no skipLibCheck),
 * with no DOM and no Node types, which a plain Node or browser project may lack.
 */
async function compile(fixture: string, fileName: string, options: ts.CompilerOptions): Promise<ts.Diagnostic[]> {
  const project = await mkdtemp(join(tmpdir(), 'tptm-sdk-consumer-'));
  try {
    await mkdir(join(project, 'node_modules', '@tptm'), { recursive: true });
    await symlink(SDK, join(project, 'node_modules', '@tptm', 'sdk'), 'dir');
    await writeFile(join(project, 'package.json'), '{ "private": true }\n');
    const file = join(project, fileName);
    await writeFile(file, await readFile(join(__dirname, 'consumer', fixture), 'utf8'));
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      lib: ['lib.es2022.d.ts'],
      types: [],
      ...options,
    });
    return [...ts.getPreEmitDiagnostics(program)];
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

function describeAll(diagnostics: ts.Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start!).line + 1}: ` : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    })
    .join('\n');
}

const consumers: [string, string, ts.CompilerOptions][] = [
  ['an ES module under Node', 'consumer.mts', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }],
  ['a CommonJS module under Node', 'consumer.cts', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }],
  ['a bundled app, as the Angular console is', 'consumer.ts', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
];

describe.each(consumers)('the built package, imported from %s', (_kind, fileName, options) => {
  it('compiles a correct program', async () => {
    const diagnostics = await compile('good.ts', fileName, options);
    expect(describeAll(diagnostics)).toBe('');
  });

  it('refuses each wrong call, and nothing else', async () => {
    const source = await readFile(join(__dirname, 'consumer', 'wrong.ts'), 'utf8');
    const marked = source.split('\n').flatMap((line, index) => (line.trimEnd().endsWith('// error') ? [index + 1] : []));

    const diagnostics = await compile('wrong.ts', fileName, options);
    const inConsumer = diagnostics.filter((d) => d.file?.fileName.endsWith(`/${fileName}`));
    const failing = [...new Set(inConsumer.map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1))];

    expect(describeAll(diagnostics.filter((d) => !inConsumer.includes(d)))).toBe('');
    expect(marked.length).toBeGreaterThan(10);
    expect(failing.sort((a, b) => a - b)).toEqual(marked);
  });
});

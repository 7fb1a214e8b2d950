import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';

/**
 * Every regular expression in the server's source, and whether it can
 * backtrack more than linearly (ReDoS).
 *
 * The patterns are found with the TypeScript compiler (regex literals, and
 * `RegExp(…)` / `new RegExp(…)` calls, whose pattern must then be a string
 * literal so it can be checked at all), not with a grep that a line break or
 * a comment would fool. Each is checked by recheck, which analyses the
 * pattern's automaton for exponential and polynomial backtracking (and
 * confirms what it finds with an attack string); a pattern it cannot decide
 * within the time given fails too, so that only patterns proved linear pass.
 */
export interface RegexFinding {
  file: string;
  line: number;
  source: string;
  problems: string[];
}

/** What is wrong with a pattern: nothing when recheck proves it linear. */
export function regexProblems(source: string, flags: string): string[] {
  const result = checkSync(source, flags, { timeout: 10_000 });
  if (result.status === 'safe') return [];
  if (result.status === 'vulnerable') return [`${result.complexity.summary} backtracking, e.g. on ${JSON.stringify(result.attack.pattern)}`];
  return [`could not be proved linear: ${result.error.kind}`];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every regular expression under `root` (the server's source, tests excepted), with what is wrong with it. */
export function regexesIn(root: string): RegexFinding[] {
  const found: RegexFinding[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const unit = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const add = (node: ts.Node, source: string, flags: string, problems: string[] = []) => {
      let all = problems;
      if (all.length === 0) {
        try {
          all = regexProblems(source, flags);
        } catch (error) {
          all = [`cannot be parsed: ${(error as Error).message}`];
        }
      }
      found.push({
        file: relative(root, file),
        line: unit.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        source: `/${source}/${flags}`,
        problems: all,
      });
    };
    const visit = (node: ts.Node) => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const end = literal.lastIndexOf('/');
        add(node, literal.slice(1, end), literal.slice(end + 1));
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [pattern, flags] = node.arguments ?? [];
        if (pattern && ts.isStringLiteralLike(pattern) && (!flags || ts.isStringLiteralLike(flags))) {
          add(node, pattern.text, flags && ts.isStringLiteralLike(flags) ? flags.text : '');
        } else {
          add(node, pattern?.getText() ?? '', '', ['built at run time, so it cannot be checked: write the pattern as a literal']);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(unit);
  }
  return found;
}

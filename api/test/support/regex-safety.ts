import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AST, RegExpParser } from '@eslint-community/regexpp';
import ts from 'typescript';

/**
 * Every regular expression in the server's source, and whether it can
 * backtrack more than linearly (ReDoS).
 *
 * The patterns are found with the TypeScript compiler (regex literals, and
 * `RegExp(…)` / `new RegExp(…)` calls, whose pattern must then be a string
 * literal so it can be checked at all), not with a grep that a line break or
 * a comment would fool.
 *
 * The check is structural and conservative: it refuses any shape that lets
 * a failing match try more than a linear number of ways, and so may refuse
 * a pattern that is in fact safe (rewrite it so no two repetitions can take
 * the same characters). It looks for:
 * - nested repetition whose iterations can split a run differently
 *   (`(a+)+`, not `(\.[^.]+)+`), and a repeated alternation whose branches
 *   can start alike (`(a|ab)*`): exponential;
 * - two repetitions in a row that can exchange characters (`[^@]+\.[^@]+`,
 *   where the dot belongs to both): polynomial, each split is tried;
 * - an unanchored pattern whose repetition can hold the pattern's own start
 *   and must be followed by more (`eyJ[\w-]*\.`): each start position scans
 *   the rest of the input again, quadratic.
 * Characters are compared on a sample alphabet (ASCII, and a few of the
 * Latin-1, Greek, Cyrillic, space, format and astral characters that
 * patterns here name), which is exact for the classes the source uses.
 */
export interface RegexFinding {
  file: string;
  line: number;
  source: string;
  problems: string[];
}

const SAMPLE = [
  ...Array.from({ length: 0x80 }, (_, code) => String.fromCodePoint(code)),
  ...['\u0085', '\u00a0', 'é', 'ß', 'Α', 'α', 'а', 'О', '\u2028', '\u200b', '\u202e', '\ufeff', '\ue000', '\ud800', '😀'],
];

type Chars = Set<string>;

class Analysis {
  readonly problems: string[] = [];

  constructor(private readonly flags: string) {}

  /** The sample characters a single-character element (a literal, a class, `.`, `\d`, `\p{…}`) matches. */
  private matchedBy(raw: string): Chars {
    const flags = this.flags.replace(/[gyd]/g, '');
    const single = new RegExp(`^(?:${raw})$`, flags);
    return new Set(SAMPLE.filter((c) => single.test(c)));
  }

  /** Every character an element can consume, anywhere in its match. */
  consumed(node: AST.Node): Chars {
    switch (node.type) {
      case 'Character':
      case 'CharacterClass':
      case 'CharacterSet':
        return this.charsOf(node);
      case 'Quantifier':
        return this.consumed(node.element);
      case 'Group':
      case 'CapturingGroup':
      case 'Pattern':
        return union(node.alternatives.map((a) => this.consumed(a)));
      case 'Alternative':
        return union(node.elements.map((e) => this.consumed(e)));
      case 'Backreference':
        return new Set(SAMPLE);
      default:
        return new Set();
    }
  }

  private charsOf(node: AST.Character | AST.CharacterClass | AST.CharacterSet): Chars {
    return this.matchedBy(node.raw);
  }

  /** The characters a match of the element can begin with, and whether it can match nothing. */
  first(node: AST.Node): { chars: Chars; nullable: boolean } {
    switch (node.type) {
      case 'Character':
      case 'CharacterClass':
      case 'CharacterSet':
        return { chars: this.charsOf(node), nullable: false };
      case 'Quantifier': {
        const inner = this.first(node.element);
        return { chars: inner.chars, nullable: node.min === 0 || inner.nullable };
      }
      case 'Group':
      case 'CapturingGroup': {
        const each = node.alternatives.map((a) => this.first(a));
        return { chars: union(each.map((f) => f.chars)), nullable: each.some((f) => f.nullable) };
      }
      case 'Alternative':
        return this.firstOfSequence(node.elements);
      case 'Backreference':
        return { chars: new Set(SAMPLE), nullable: true };
      default:
        // Assertions (^, $, \b, lookarounds) consume nothing.
        return { chars: new Set(), nullable: true };
    }
  }

  private firstOfSequence(elements: AST.Element[]): { chars: Chars; nullable: boolean } {
    const chars: Chars = new Set();
    for (const element of elements) {
      const f = this.first(element);
      f.chars.forEach((c) => chars.add(c));
      if (!f.nullable) return { chars, nullable: false };
    }
    return { chars, nullable: true };
  }

  /** Nested repetition, and repeated alternatives that can start alike. */
  checkQuantifier(q: AST.Quantifier) {
    if (q.max !== Infinity) return;
    // `(a+)+` splits a run of a's between the iterations in every way; `(\.[^.]+)+` cannot, as each iteration starts with what no inner repetition takes.
    const start = this.first(q.element).chars;
    if (unboundedWithin(q.element).some((inner) => intersects(start, this.consumed(inner.element)))) {
      this.problems.push(`nested repetition in ${q.raw}: exponential backtracking`);
    }
    const group = q.element.type === 'Group' || q.element.type === 'CapturingGroup' ? q.element : undefined;
    if (group && group.alternatives.length > 1) {
      const starts = group.alternatives.map((a) => this.first(a).chars);
      if (starts.some((s, i) => starts.some((t, j) => j > i && intersects(s, t)))) {
        this.problems.push(`repeated alternatives in ${q.raw} can begin with the same character: exponential backtracking`);
      }
    }
  }

  /** Two repetitions in one sequence that can take the same characters, with nothing between them that only one can take. */
  checkSequence(alternative: AST.Alternative) {
    const elements = alternative.elements;
    elements.forEach((element, i) => {
      if (element.type !== 'Quantifier' || element.max !== Infinity) return;
      const eaten = this.consumed(element.element);
      for (const next of elements.slice(i + 1)) {
        const f = this.first(next);
        if (next.type === 'Quantifier' && next.max === Infinity && intersects(f.chars, eaten)) {
          this.problems.push(`${element.raw} and ${next.raw} can take the same characters: polynomial backtracking`);
          return;
        }
        if (!f.nullable && !intersects(f.chars, eaten)) return;
      }
    });
  }

  /** An unanchored search whose repetition can hold the pattern's start, and must be followed by more. */
  checkUnanchored(pattern: AST.Pattern) {
    if (this.flags.includes('y')) return;
    for (const alternative of pattern.alternatives) {
      const elements = alternative.elements;
      if (elements[0]?.type === 'Assertion' && elements[0].kind === 'start') continue;
      const at = elements.findIndex((e) => e.type === 'Quantifier' && e.max === Infinity);
      if (at === -1) continue;
      const repeated = elements[at] as AST.Quantifier;
      const start = this.firstOfSequence(elements);
      const restarts = elements.slice(0, at).length === 0 || intersects(start.chars, this.consumed(repeated.element));
      const mustContinue = elements.slice(at + 1).some((e) => !this.first(e).nullable);
      if (restarts && mustContinue) {
        this.problems.push(`unanchored ${repeated.raw} can hold the pattern's own start and must be followed by more: each start rescans, quadratic`);
      }
    }
  }
}

/** The unbounded repetitions inside an element. */
function unboundedWithin(node: AST.Node): AST.Quantifier[] {
  return children(node).flatMap((child) => [...(child.type === 'Quantifier' && child.max === Infinity ? [child] : []), ...unboundedWithin(child)]);
}

const union = (sets: Chars[]) => new Set(sets.flatMap((s) => [...s]));
const intersects = (a: Chars, b: Chars) => [...a].some((c) => b.has(c));

/** The problems of one pattern; none when it matches in linear time. */
export function regexProblems(source: string, flags: string): string[] {
  const pattern = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, undefined, undefined, {
    unicode: flags.includes('u'),
    unicodeSets: flags.includes('v'),
  });
  const analysis = new Analysis(flags);
  const visit = (node: AST.Node) => {
    if (node.type === 'Quantifier') analysis.checkQuantifier(node);
    if (node.type === 'Alternative') analysis.checkSequence(node);
    for (const child of children(node)) visit(child);
  };
  visit(pattern);
  analysis.checkUnanchored(pattern);
  return [...new Set(analysis.problems)];
}

function children(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Assertion':
      return 'alternatives' in node ? node.alternatives : [];
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    default:
      return [];
  }
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

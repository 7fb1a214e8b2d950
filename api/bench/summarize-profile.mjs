#!/usr/bin/env node
// node api/bench/summarize-profile.mjs <file.cpuprofile> [--top 40] [--match text] [--from-ms N]
//
// What a V8 CPU profile (`node --cpu-prof`) spent its samples on: the top
// functions by self time and by inclusive time (a function counted once per
// sample however often it recurs), and self time by package. Percentages are of
// the samples taken while the process was not idle, i.e. of the CPU it used.

import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!file) {
  console.error('usage: summarize-profile.mjs <file.cpuprofile> [--top N] [--match text]');
  process.exit(2);
}
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const TOP = Number(option('top', 40));
const MATCH = option('match', undefined);
/** Samples before this many ms after the profile started (start-up) are left out. */
const FROM_MS = Number(option('from-ms', 0));

export function summarize(profile, fromMs = 0) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (cf) => {
    const url = cf.url.replace(/^file:\/\//, '');
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const short = pkg ? `${pkg}:${url.split(`${pkg}/`).at(-1)}` : url.includes('/dist/') ? `app:${url.split('/dist/').at(-1)}` : url || '(native)';
    return { pkg: pkg ?? (url.includes('/dist/') ? '(app)' : url.startsWith('node:') ? '(node)' : url ? url : '(native/VM)'), short };
  };
  const label = (n) => {
    const { short } = where(n.callFrame);
    return `${n.callFrame.functionName || '(anonymous)'} ${short}:${n.callFrame.lineNumber + 1}`;
  };
  const idle = new Set(
    profile.nodes.filter((n) => ['(idle)', '(program)', '(garbage collector)'].includes(n.callFrame.functionName)).map((n) => n.id),
  );
  const self = new Map();
  const inclusive = new Map();
  const byPackage = new Map();
  let total = 0;
  let gc = 0;
  let program = 0;
  const deltas = profile.timeDeltas;
  let elapsed = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const us = deltas[i + 1] ?? deltas[i] ?? 0;
    elapsed += deltas[i];
    if (elapsed < fromMs * 1000) continue;
    const node = nodes.get(id);
    const name = node.callFrame.functionName;
    if (name === '(idle)') continue;
    total += us;
    if (name === '(garbage collector)') gc += us;
    if (name === '(program)') program += us;
    if (idle.has(id)) continue;
    const l = label(node);
    self.set(l, (self.get(l) ?? 0) + us);
    const pkg = where(node.callFrame).pkg;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const ll = label(nodes.get(at));
      if (seen.has(ll)) continue;
      seen.add(ll);
      inclusive.set(ll, (inclusive.get(ll) ?? 0) + us);
    }
  }
  return { total, gc, program, self, inclusive, byPackage };
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const { total, gc, program, self, inclusive, byPackage } = summarize(profile, FROM_MS);
const pct = (us) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
const top = (map, n, filter = () => true) =>
  [...map]
    .filter(([k]) => filter(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
console.log(`${file}: ${(total / 1e6).toFixed(2)} s of CPU sampled; GC ${pct(gc)}, (program) ${pct(program)}`);
console.log('\nSelf time by package');
for (const [k, v] of top(byPackage, 20)) console.log(`  ${pct(v)}  ${k}`);
console.log('\nSelf time by function');
for (const [k, v] of top(self, TOP)) console.log(`  ${pct(v)}  ${k}`);
console.log('\nInclusive time by function');
for (const [k, v] of top(inclusive, TOP, (k) => !MATCH || k.includes(MATCH))) console.log(`  ${pct(v)}  ${k}`);

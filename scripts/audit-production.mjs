#!/usr/bin/env node
/**
 * `npm audit --omit=dev`, failing on any high or critical advisory in the
 * packages the server runs with, unless audit-exceptions.json names the
 * advisory with the reason it does not apply (docs/security.md lists them).
 *
 * When the registry's advisory endpoint cannot be reached or refuses the
 * request, nothing was audited: that is said loudly and, unless
 * TPTM_AUDIT_REQUIRED=1, does not fail the run, since it says nothing about
 * the dependencies.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const exceptions = JSON.parse(readFileSync(new URL('audit-exceptions.json', root), 'utf8')).advisories;

/** The report of `npm audit --omit=dev --json`, run here or, with NPM_AUDIT_REPORT, saved from a machine that reaches the advisory database. */
function auditReport() {
  if (process.env.NPM_AUDIT_REPORT) return readFileSync(process.env.NPM_AUDIT_REPORT, 'utf8');
  try {
    return execFileSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // npm audit exits non-zero when it finds anything; its report is still on stdout.
    return error.stdout;
  }
}

const output = auditReport();

let report;
try {
  report = JSON.parse(output);
} catch {
  report = { error: { summary: `unreadable output from npm audit: ${String(output).slice(0, 200)}` } };
}

if (!report.vulnerabilities) {
  const why = report.message ?? report.error?.summary ?? 'no report';
  console.log(`npm audit --omit=dev: NOT AUDITED — the advisory database did not answer (${why}).`);
  process.exit(process.env.TPTM_AUDIT_REQUIRED === '1' ? 1 : 0);
}

const findings = Object.values(report.vulnerabilities).flatMap((v) =>
  v.via.filter((via) => typeof via === 'object').map((via) => ({ package: v.name, severity: via.severity, url: via.url, title: via.title })),
);
const serious = findings.filter((f) => f.severity === 'high' || f.severity === 'critical');
const unexplained = serious.filter((f) => !(f.url in exceptions));
const counts = report.metadata?.vulnerabilities ?? {};
console.log(
  `npm audit --omit=dev: ${report.metadata?.dependencies?.prod ?? '?'} production packages; ` +
    `critical ${counts.critical ?? 0}, high ${counts.high ?? 0}, moderate ${counts.moderate ?? 0}, low ${counts.low ?? 0}; ` +
    `${serious.length - unexplained.length} high/critical documented as not applying`,
);
for (const f of serious)
  console.log(`  ${f.severity} ${f.package}: ${f.title} ${f.url}${f.url in exceptions ? ` — documented: ${exceptions[f.url]}` : ''}`);
if (unexplained.length > 0) {
  console.log(`${unexplained.length} high or critical advisories are neither fixed nor documented in audit-exceptions.json.`);
  process.exit(1);
}

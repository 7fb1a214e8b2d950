import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'audit-production.mjs');

/** The dependency-audit gate, fed saved `npm audit --json` reports (this machine cannot reach the advisory database). */
describe('production dependency audit (scripts/audit-production.mjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tptm-audit-'));

  function run(report: unknown, env: Record<string, string> = {}): { code: number; out: string } {
    const file = join(dir, `${Math.random()}.json`);
    writeFileSync(file, typeof report === 'string' ? report : JSON.stringify(report));
    try {
      return {
        code: 0,
        out: execFileSync(process.execPath, [SCRIPT], { env: { ...process.env, NPM_AUDIT_REPORT: file, ...env }, encoding: 'utf8' }),
      };
    } catch (error) {
      const e = error as { status: number; stdout: string };
      return { code: e.status, out: e.stdout };
    }
  }

  const report = (severity: string, url = 'https://github.com/advisories/GHSA-xxxx-yyyy-zzzz') => ({
    auditReportVersion: 2,
    vulnerabilities: {
      leftpad: { name: 'leftpad', severity, via: [{ name: 'leftpad', title: 'Something bad', url, severity }, 'other'] },
    },
    metadata: {
      vulnerabilities: { low: 0, moderate: severity === 'moderate' ? 1 : 0, high: severity === 'high' ? 1 : 0, critical: 0 },
      dependencies: { prod: 42 },
    },
  });

  it('passes a clean report and one with only moderate findings, printing the counts', () => {
    const clean = run({
      auditReportVersion: 2,
      vulnerabilities: {},
      metadata: { vulnerabilities: { high: 0, critical: 0 }, dependencies: { prod: 42 } },
    });
    expect(clean).toEqual({ code: 0, out: expect.stringContaining('42 production packages; critical 0, high 0') });
    expect(run(report('moderate')).code).toBe(0);
  });

  it('fails on a high advisory that audit-exceptions.json does not document', () => {
    const result = run(report('high'));
    expect(result.code).toBe(1);
    expect(result.out).toContain('high leftpad: Something bad');
  });

  it('says plainly when nothing could be audited, and fails then only when an audit is required', () => {
    const refused = { message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', error: { summary: '' } };
    expect(run(refused)).toEqual({ code: 0, out: expect.stringContaining('NOT AUDITED') });
    expect(run(refused, { TPTM_AUDIT_REQUIRED: '1' }).code).toBe(1);
  });
});

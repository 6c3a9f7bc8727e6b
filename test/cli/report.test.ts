import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.ts';
import { fusedVideoPlanDir, videoPlanWithoutProfile } from '../helpers/report-plans.ts';

describe('dagc report', function () {
  this.timeout(120_000);

  it('writes report.html beside the plan by default and says where, the same bytes as with --out', () => {
    const dir = fusedVideoPlanDir();
    const result = runCli(['report', dir]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /report written to .*report\.html/);
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dagc-report-out-')), 'nested', 'r.html');
    assert.equal(runCli(['report', path.join(dir, 'plan.json'), '--out', out]).status, 0);
    assert.equal(readFileSync(out, 'utf8'), html);
  });

  it('prints the markdown summary on stdout with --format md, writing no file', () => {
    const dir = fusedVideoPlanDir();
    const result = runCli(['report', dir, '--format', 'md']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^# dagc report: video\n/);
    assert.match(result.stdout, /## Decisions/);
    assert.equal(existsSync(path.join(dir, 'report.html')), false);
  });

  it('warns about a function without a profile and still writes the report', () => {
    const result = runCli(['report', videoPlanWithoutProfile('stitch'), '--format', 'md']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /DAGC0522 no profile for 'stitch'/);
  });

  it('exits 2 with a diagnostic and no stack trace on an unknown format, a non-plan, or an unwritable --out', () => {
    const dir = fusedVideoPlanDir();
    const format = runCli(['report', dir, '--format', 'pdf']);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /DAGC0520 --format 'pdf' is not a report format\n {2}fix: write --format html/);
    const notPlan = runCli(['report', path.join(dir, 'missing.json')]);
    assert.equal(notPlan.status, 2);
    assert.match(notPlan.stderr, /DAGC0303/);
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const unwritable = runCli(['report', dir, '--out', path.join(blocker, 'report.html')]);
    assert.equal(unwritable.status, 2);
    assert.match(unwritable.stderr, /DAGC0521 cannot write the report to /);
    for (const r of [format, notPlan, unwritable]) assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stableStringify } from '../../src/model/stable-json.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

// A real plan, frozen so the asserted numbers do not move with the optimizer (test/diff/data/README.md).
const base = 'test/diff/data/mapreduce-standard.plan.json';

/** The committed mapreduce plan with its cost (total and bill) scaled, written to a scratch folder. */
function costlierPlan(dir: string, factor: number): string {
  const plan = JSON.parse(readFileSync(path.join(projectRoot, base), 'utf8'));
  const cost = plan.predicted.cost;
  cost.perExecutionUsd *= factor;
  cost.perMillionExecutionsUsd *= factor;
  cost.breakdown.lambdaComputeUsd = cost.perExecutionUsd - (cost.breakdown.lambdaRequestsUsd + cost.breakdown.stepFunctionsUsd + cost.breakdown.s3Usd + cost.breakdown.provisionedConcurrencyUsd);
  plan.functions.map.memoryMb = 3008;
  const folder = path.join(dir, `x${factor}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'plan.json'), stableStringify(plan));
  return folder;
}

describe('dagc diff', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-diff-'));

  it('exits 0 comparing a plan with itself (file and folder forms), saying OK on the last line', () => {
    const folder = path.join(dir, 'base');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'plan.json'), readFileSync(path.join(projectRoot, base)));
    const result = runCli(['diff', base, folder, '--max-cost-increase', '5%', '--max-p95-increase', '10%']);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^mapreduce: OK: cost per 1M executions \$501\.02 \(unchanged\), p95 1\.93s \(unchanged\), SLO p95 ≤ 2\.00s met; no deployment change$/);
    assert.match(lines.at(-1)!, /^dagc diff: OK: SLO p95 ≤ 2\.00s met .*within --max-cost-increase 5%; .*within --max-p95-increase 10%$/);
  });

  it('exits 1 on a cost regression with the reason on the last line, and stays 0 when the limit allows it', () => {
    const costlier = costlierPlan(dir, 1.2);
    const failed = runCli(['diff', base, costlier, '--max-cost-increase', '5%']);
    assert.equal(failed.status, 1, failed.stderr);
    assert.match(failed.stdout.trimEnd().split('\n').at(-1)!, /^dagc diff: FAIL: cost per 1M executions \+\$100\.20 \(\+20\.0%\), \$501\.02 → \$601\.22, over --max-cost-increase 5%$/);
    assert.match(failed.stdout, /memory +function map +2048 MB +3008 MB/);
    assert.equal(runCli(['diff', base, costlier, '--max-cost-increase', '$150/1M']).status, 0);
  });

  it('writes markdown or JSON on stdout and the verdict as the last line of stderr, so a CI log shows why', () => {
    const costlier = costlierPlan(dir, 1.2);
    const md = runCli(['diff', base, costlier, '--max-cost-increase', '5%', '--format', 'markdown']);
    assert.equal(md.status, 1);
    assert.match(md.stdout.split('\n')[0]!, /^❌ \*\*dagc diff\*\* mapreduce: REGRESSION/);
    assert.match(md.stderr.trimEnd().split('\n').at(-1)!, /^dagc diff: FAIL: cost per 1M executions \+\$100\.20/);
    const json = runCli(['diff', base, costlier, '--max-cost-increase', '5%', '--json']);
    assert.equal(json.status, 1);
    const report = JSON.parse(json.stdout);
    assert.equal(report.gate.passed, false);
    assert.equal(report.gate.limits.maxCostIncrease, '5%');
    assert.equal(report.workflow.costPerMillionExecutionsUsd.old, 501.0188241);
    assert.deepEqual(report.changes, [{ aspect: 'memory', subject: 'function map', old: '2048 MB', new: '3008 MB' }]);
  });

  it('exits 2 on a bad gate flag, naming the flag, where it is and a valid value, without a stack trace', () => {
    const result = runCli(['diff', base, base, '--max-cost-increase', '5 percent', '--max-p95-increase', '10']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^<command line>:1:\d+: DAGC0500 --max-cost-increase '5 percent' is neither a percentage nor dollars per million executions\n  fix: write .*--max-cost-increase 5%/m);
    assert.match(result.stderr, /DAGC0501 --max-p95-increase '10' is neither a percentage nor a duration\n  fix: .*--max-p95-increase 200ms/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.equal(result.stdout, '');
  });

  it('exits 2 when either side is not a plan', () => {
    const result = runCli(['diff', base, 'fixtures/mapreduce/profiles/map.json']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC0303 .*map\.json is not a dagc plan/);
    assert.equal(runCli(['diff', path.join(dir, 'nowhere'), base]).status, 2);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planSchemaErrors } from '../../src/codegen/plan.ts';
import { runCli } from '../helpers/run-cli.ts';

const app = 'fixtures/gpu-inference/app.yaml';

describe('dagc optimize', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-optimize-'));

  it('writes a plan that meets the SLO, validates against its schema, and is the same bytes twice', () => {
    const first = runCli(['optimize', app, '--slo', 'p95=2s', '--out', path.join(dir, 'a'), '--samples', '500']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /p95: .*\(SLO 2\.00s/);
    const second = runCli(['optimize', app, '--slo', 'p95=2s', '--out', path.join(dir, 'b'), '--samples', '500']);
    const a = readFileSync(path.join(dir, 'a', 'plan.json'), 'utf8');
    const b = readFileSync(path.join(dir, 'b', 'plan.json'), 'utf8');
    assert.equal(second.status, 0);
    assert.equal(a, b);
    const plan = JSON.parse(a);
    assert.deepEqual(planSchemaErrors(plan), []);
    assert.equal(plan.predicted.meetsSlo, true);
    assert.ok(plan.predicted.latencyMs.p95 <= 2000);
    assert.ok(!plan.appFile.startsWith('/'), 'appFile is relative to the plan folder');
    assert.ok(!a.replace(plan.appFile, '').includes(projectRootMarker()), 'no absolute paths in a plan');
  });

  it('prints the plan as JSON with --json', () => {
    const result = runCli(['optimize', app, '--slo', 'p95=2s', '--out', path.join(dir, 'c'), '--samples', '300', '--json']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).schemaVersion, 1);
  });

  it('exits 1 on an infeasible SLO, saying the fastest p95 and its cost', () => {
    const result = runCli(['optimize', app, '--slo', 'p95=50ms', '--out', path.join(dir, 'd'), '--samples', '300']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no plan meets p95 ≤ 50 ms\. Fastest achievable p95: \d+ ms at \$[\d.]+ per 1M executions/);
  });

  it('exits 2 on a bad SLO flag or a missing profile, without a stack trace', () => {
    const badSlo = runCli(['optimize', app, '--slo', 'fast']);
    assert.equal(badSlo.status, 2);
    assert.match(badSlo.stderr, /DAGC0023/);
    const noProfiles = runCli(['optimize', 'test/spec/samples/valid-full.yaml']);
    assert.equal(noProfiles.status, 2);
    assert.match(noProfiles.stderr, /DAGC0302 no profile for/);
    assert.doesNotMatch(noProfiles.stderr + badSlo.stderr, /\n\s+at /);
  });
});

function projectRootMarker(): string {
  return path.resolve('.');
}

import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.ts';

describe('dagc simulate', function () {
  this.timeout(60_000);

  it('prints the distribution and the cost breakdown of today\'s settings, the same for the same seed', () => {
    const first = runCli(['simulate', 'fixtures/tree-reduction/app.yaml', '--samples', '300', '--json']);
    const second = runCli(['simulate', 'fixtures/tree-reduction/app.yaml', '--samples', '300', '--json']);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, second.stdout);
    const result = JSON.parse(first.stdout);
    assert.ok(result.latencyMs.p50 <= result.latencyMs.p95 && result.latencyMs.p95 <= result.latencyMs.p99);
    assert.ok(result.breakdown.stepFunctionsUsd > 0 && result.breakdown.lambdaComputeUsd > 0);
  });

  it('gets slower when a function on the critical path gets less memory', () => {
    const p95 = (args: string[]) => JSON.parse(runCli(['simulate', 'fixtures/video/app.yaml', '--samples', '300', '--json', ...args]).stdout).latencyMs.p95;
    assert.ok(p95(['--memory', 'stitch=256']) > p95(['--memory', 'stitch=1769']));
  });

  it('exits 2 on an override naming no function of the app', () => {
    const result = runCli(['simulate', 'fixtures/video/app.yaml', '--memory', 'nope=128']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DAGC0105/);
  });
});

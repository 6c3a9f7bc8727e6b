import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPlan, MAX_PLAN_FRONTIER_POINTS, planSchemaErrors, thinFrontier } from '../../src/codegen/plan.ts';
import { stableStringify } from '../../src/model/stable-json.ts';
import { optimize } from '../../src/passes/optimize.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

function samplePlan(frontierPoints = 0) {
  const ir = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
  ir.slo = { percentile: 'p95', latencyMs: 2500 };
  const curve = (s: number) => ({ serialMs: s, parallelMs: 12 * s, maxUsefulVcpu: 2, footprintMb: 90 });
  const profiles = new Map(['a', 'b', 'c', 'd'].map((f, i) => [f, profileOf(f, { x86_64: curve(30 + 20 * i) })]));
  const estimate = closedFormEstimator(profiles);
  const result = optimize(ir, profiles, { slo: ir.slo, estimate, frontierPoints });
  return buildPlan({
    result,
    appFile: '../../fixtures/x/app.yaml',
    estimator: { method: 'closed-form', samples: 1, seed: 1 },
    profiles: new Map([...profiles].map(([fn, profile]) => [fn, { profile, bytes: JSON.stringify(profile) }])),
  });
}

describe('plan.json', () => {
  it('validates against its schema', () => {
    assert.deepEqual(planSchemaErrors(JSON.parse(stableStringify(samplePlan()))), []);
  });

  it("records the dagc release that wrote it (package.json's version), and a plan without it still validates", () => {
    const plan = JSON.parse(stableStringify(samplePlan()));
    const packageVersion = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version;
    assert.equal(plan.dagcVersion, packageVersion);
    delete plan.dagcVersion;
    assert.deepEqual(planSchemaErrors(plan), []);
    plan.dagcVersion = '';
    assert.ok(planSchemaErrors(plan).some((p) => p.startsWith('/dagcVersion')));
  });

  it('is byte-identical across runs', () => {
    assert.equal(stableStringify(samplePlan()), stableStringify(samplePlan()));
  });

  it('rejects a plan with an absolute app path or a memory Lambda does not have', () => {
    const plan = JSON.parse(stableStringify(samplePlan()));
    plan.appFile = '/home/me/app.yaml';
    plan.functions.a.memoryMb = 20_000;
    const problems = planSchemaErrors(plan);
    assert.ok(problems.some((p) => p.startsWith('/appFile')));
    assert.ok(problems.some((p) => p.startsWith('/functions/a/memoryMb')));
  });

  it('sorts keys and rounds numbers so float noise cannot change the bytes', () => {
    assert.equal(stableStringify({ b: 0.1 + 0.2, a: [3, 1] }), '{\n  "a": [\n    3,\n    1\n  ],\n  "b": 0.3\n}\n');
  });

  it('is explained by dagc explain, and a non-plan is exit 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-plan-'));
    writeFileSync(path.join(dir, 'plan.json'), stableStringify(samplePlan()));
    const explained = runCli(['explain', dir]);
    assert.equal(explained.status, 0, explained.stderr);
    assert.match(explained.stdout, /\[memory-sizing\]/);
    assert.match(explained.stdout, /passed +a: /);
    writeFileSync(path.join(dir, 'bad.json'), '{"schemaVersion": 7}');
    const bad = runCli(['explain', path.join(dir, 'bad.json')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /DAGC0303/);
  });

  it('records the estimated frontier fastest first, costs falling, with the chosen plan on it', () => {
    const plan = samplePlan(16);
    const frontier = plan.frontier!;
    assert.ok(frontier.length >= 2, `frontier of ${frontier.length} points`);
    for (let i = 1; i < frontier.length; i += 1) {
      assert.ok(frontier[i]!.latencyMs > frontier[i - 1]!.latencyMs);
      assert.ok(frontier[i]!.costUsd < frontier[i - 1]!.costUsd);
    }
    const p = plan.slo.percentile;
    assert.ok(frontier.some((point) => point.latencyMs === plan.predicted.latencyMs[p] && point.costUsd === plan.predicted.cost.perExecutionUsd));
    assert.deepEqual(planSchemaErrors(JSON.parse(stableStringify(plan))), []);
  });

  it('leaves the frontier out when the optimizer computed none', () => {
    assert.equal('frontier' in samplePlan(0), false);
  });

  it('thins a long frontier to the bound, keeping both ends, the same points every time', () => {
    const points = Array.from({ length: 1000 }, (_, i) => ({ latencyMs: 100 + i, costUsd: 2000 - i }));
    const thinned = thinFrontier(points, MAX_PLAN_FRONTIER_POINTS);
    assert.equal(thinned.length, MAX_PLAN_FRONTIER_POINTS);
    assert.deepEqual(thinned[0], points[0]);
    assert.deepEqual(thinned.at(-1), points.at(-1));
    assert.deepEqual(thinFrontier(points, MAX_PLAN_FRONTIER_POINTS), thinned);
    assert.equal(new Set(thinned.map((p) => p.latencyMs)).size, thinned.length);
    assert.deepEqual(thinFrontier(points.slice(0, 5), MAX_PLAN_FRONTIER_POINTS), points.slice(0, 5));
  });

  it('rejects a frontier longer than the bound', () => {
    const plan = JSON.parse(stableStringify(samplePlan()));
    plan.frontier = Array.from({ length: MAX_PLAN_FRONTIER_POINTS + 1 }, (_, i) => ({ latencyMs: i, costUsd: 1 }));
    assert.ok(planSchemaErrors(plan).some((p) => p.startsWith('/frontier')));
  });
});

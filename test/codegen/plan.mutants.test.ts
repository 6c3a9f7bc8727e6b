// Tests from the mutation run's survivors in plan.ts (issue 26): what
// buildPlan copies from an optimizer result into plan.json, field by field —
// per-function and whole-plan costs scaled to a million executions, the saving
// against today's deployment, whether the SLO is met (at the bound included),
// fusion groups, the structure's joins, batch jobs, arrivals, calibration,
// profiles' fingerprints — and the text of a schema problem at the root.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildPlan, planSchemaErrors, type PlanInput } from '../../src/codegen/plan.ts';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';
import { stableStringify } from '../../src/model/stable-json.ts';
import { optimize, type OptimizationResult } from '../../src/passes/optimize.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

/** An optimizer result for a four-step app whose functions are declared out of name order. */
function optimized(): { result: OptimizationResult; profiles: PlanInput['profiles'] } {
  const ir = irOf({ z: [], b: ['z'], c: ['z'], a: ['b', 'c'] });
  ir.slo = { percentile: 'p95', latencyMs: 2500 };
  const curve = (s: number) => ({ serialMs: s, parallelMs: 12 * s, maxUsefulVcpu: 2, footprintMb: 90 });
  const raw = new Map(['z', 'b', 'c', 'a'].map((f, i) => [f, profileOf(f, { x86_64: curve(30 + 20 * i) })]));
  const result = optimize(ir, raw, { slo: ir.slo, estimate: closedFormEstimator(raw), frontierPoints: 0 });
  const profiles = new Map([...raw].map(([fn, profile]) => [fn, { profile, bytes: `profile of ${fn}` }]));
  return { result, profiles };
}

function planOf(result: OptimizationResult, profiles: PlanInput['profiles'], extra: Partial<PlanInput> = {}) {
  return buildPlan({ result, appFile: '../../fixtures/x/app.yaml', estimator: { method: 'closed-form', samples: 1, seed: 1 }, profiles, ...extra });
}

describe('plan.json from an optimizer result', () => {
  it('states each function\'s and the whole plan\'s cost per million executions, and the saving against today', () => {
    const { result, profiles } = optimized();
    const plan = planOf(result, profiles);
    for (const name of ['a', 'b', 'c', 'z']) {
      const estimates = result.functions[name]!;
      const entry = plan.functions[name]!;
      assert.equal(entry.stepLatencyMs, estimates.chosen.latencyMs);
      assert.equal(entry.costPerMillionExecutionsUsd, estimates.chosen.costUsd * 1_000_000, name);
      assert.ok(estimates.today, `${name} has an estimate of today's deployment`);
      assert.equal(entry.todayStepLatencyMs, estimates.today!.latencyMs);
      assert.equal(entry.todayCostPerMillionExecutionsUsd, estimates.today!.costUsd * 1_000_000, name);
      assert.equal('batch' in entry, false);
    }
    assert.equal(plan.predicted.cost.perExecutionUsd, result.summary.costUsd);
    assert.equal(plan.predicted.cost.perMillionExecutionsUsd, result.summary.costUsd * 1_000_000);
    const todayPerMillion = result.today.summary!.costUsd * 1_000_000;
    assert.equal(plan.today!.cost.perMillionExecutionsUsd, todayPerMillion);
    assert.ok(Math.abs(plan.savingPerMillionExecutionsUsd! - (todayPerMillion - result.summary.costUsd * 1_000_000)) < 1e-9);
    assert.ok(result.summary.costUsd > 0, 'a saving computed with the wrong sign would differ');
  });

  it('meets the SLO when the percentile equals the bound, not when it is above it', () => {
    const { result, profiles } = optimized();
    const at = { ...result, summary: { ...result.summary, latencyMs: { ...result.summary.latencyMs, p95: 2500 } } };
    assert.equal(planOf(at, profiles).predicted.meetsSlo, true);
    const above = { ...result, summary: { ...result.summary, latencyMs: { ...result.summary.latencyMs, p95: 2500.5 } } };
    assert.equal(planOf(above, profiles).predicted.meetsSlo, false);
    const below = { ...result, summary: { ...result.summary, latencyMs: { ...result.summary.latencyMs, p95: 2499 } } };
    assert.equal(planOf(below, profiles).predicted.meetsSlo, true);
  });

  it('keeps the Monte Carlo interval of an estimate that has one', () => {
    const { result, profiles } = optimized();
    const monteCarlo = { percentile: 'p95' as const, lowMs: 900, highMs: 1100, confidence: 0.95, samples: 2000 };
    const plan = planOf({ ...result, summary: { ...result.summary, monteCarlo } }, profiles);
    assert.deepEqual(plan.predicted.monteCarlo, monteCarlo);
    assert.equal('monteCarlo' in planOf(result, profiles).predicted, false);
  });

  it('records fusion groups only when there are some, and joins as a structure that is not series-parallel', () => {
    const { result, profiles } = optimized();
    const none = planOf({ ...result, joins: [], deployment: { ...result.deployment, groups: {} } }, profiles);
    assert.equal('groups' in none, false);
    assert.deepEqual(none.structure, { seriesParallel: true, joins: [] });
    const groups = { bc: { steps: ['b', 'c'], memoryMb: 2048, architecture: 'arm64' as const } };
    const joins = [{ id: '~join1', after: ['b', 'c'], before: ['a'] }];
    const some = planOf({ ...result, joins, deployment: { ...result.deployment, groups } }, profiles);
    assert.deepEqual(some.groups, groups);
    assert.deepEqual(some.structure, { seriesParallel: false, joins });
  });

  it('records a function\'s Batch job, the arrival model and the calibration the estimates assumed', () => {
    const { result, profiles } = optimized();
    const batch = { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 };
    const functions = { ...result.deployment.functions, b: { ...result.deployment.functions.b!, batch } };
    const arrivals = { ratePerHour: 120 };
    const plan = planOf({ ...result, deployment: { ...result.deployment, functions } }, profiles, { arrivals, calibration: { calibration: DEFAULT_CALIBRATION, origin: 'app.yaml platform' } });
    assert.deepEqual(plan.functions.b!.batch, batch);
    assert.deepEqual(plan.arrivals, arrivals);
    assert.deepEqual(plan.calibration, { origin: 'app.yaml platform', values: DEFAULT_CALIBRATION });
  });

  it('fingerprints every profile with the SHA-256 of its bytes, in function order', () => {
    const { result, profiles } = optimized();
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    assert.deepEqual(planOf(result, profiles).profiles.map((p) => [p.function, p.sha256]), [
      ['a', sha('profile of a')],
      ['b', sha('profile of b')],
      ['c', sha('profile of c')],
      ['z', sha('profile of z')],
    ]);
  });

  it('states a schema problem at the root as "/: message"', () => {
    const { result, profiles } = optimized();
    const plan = JSON.parse(stableStringify(planOf(result, profiles))) as Record<string, unknown>;
    delete plan.app;
    assert.deepEqual(planSchemaErrors(plan), ["/: must have required property 'app'"]);
  });
});

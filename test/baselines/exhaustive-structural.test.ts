import assert from 'node:assert/strict';
import { exhaustiveStructural } from '../../src/baselines/exhaustive-structural.ts';
import { fusionPartitions } from '../../src/baselines/fusion-partitions.ts';
import { StructuralUnits, type UnitOption } from '../../src/baselines/structural-units.ts';
import { currentDeployment, type Orchestration } from '../../src/ir/deployment.ts';
import { toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import { topologicalOrder } from '../../src/ir/topological-order.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import { STEP_FUNCTIONS_LIMITS } from '../../src/model/platform.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { DEFAULT_CALIBRATION, type PlatformCalibration } from '../../src/model/calibration.ts';
import { optionsByFunction } from '../../src/passes/function-options.ts';
import { runProbabilities } from '../../src/passes/run-probability.ts';
import { ALL_STRUCTURE } from '../../src/passes/structural-options.ts';
import { monteCarloEstimateFn } from '../../src/sim/estimate.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const GRID = [512, 1769];

/**
 * The shipped calibration with a slower Task dispatch (~250 ms, what Standard workflows measure around a
 * burst), pinned here: the exactness check needs a space in which fusion (one dispatch fewer) is the optimum
 * at some SLO, and with the shipped warm dispatch (mean 142 ms since the 2026-12-07 refit, 154 ms before)
 * that was a knife edge of this tiny app — the refit moved it off. Its own numbers keep it off the edge.
 */
const SLOW_DISPATCH: PlatformCalibration = (() => {
  const slow = { shiftMs: 150, medianMs: 100, sigma: 0.3, source: 'test: a slow Task dispatch (fusion saves one)', observations: 0 };
  const c = structuredClone(DEFAULT_CALIBRATION);
  c.orchestration.taskDispatch = { standard: { warm: slow, cold: slow }, express: { warm: slow, cold: slow } };
  return c;
})();
const BUNDLES = [1, 2];

/** a → (b | c) → m, m a map of 3: fusion of the parallel pair, of a with it, and bundles of m. */
function tinyApp(): { ir: IR; profiles: Map<string, FunctionProfile> } {
  const ir = irOf({ a: [], b: ['a'], c: ['a'], m: ['b', 'c'] }, { m: { map: { kind: 'fixed', width: 3 } } }, 'tiny');
  const profiles = new Map<string, FunctionProfile>([
    ['a', profileOf('a', { x86_64: { serialMs: 40, parallelMs: 300, maxUsefulVcpu: 1, footprintMb: 100, sigma: 0.1 } })],
    ['b', profileOf('b', { x86_64: { serialMs: 80, parallelMs: 900, maxUsefulVcpu: 2, footprintMb: 150, sigma: 0.1 } })],
    ['c', profileOf('c', { x86_64: { serialMs: 30, parallelMs: 500, maxUsefulVcpu: 1, footprintMb: 120, sigma: 0.1 } })],
    ['m', profileOf('m', { x86_64: { serialMs: 50, parallelMs: 700, maxUsefulVcpu: 2, footprintMb: 200, sigma: 0.2 } })],
  ]);
  return { ir, profiles };
}

/** Every plan in the space, each estimated: the cheapest that meets the SLO, and how many there were. */
function bruteForce(ir: IR, profiles: Map<string, FunctionProfile>, slo: Slo, estimate: ReturnType<typeof monteCarloEstimateFn>) {
  const tree = toSeriesParallel(ir).tree;
  const units = new StructuralUnits({
    ir,
    profiles,
    estimate,
    base: currentDeployment(ir),
    options: optionsByFunction(ir, profiles, GRID),
    probability: runProbabilities(tree),
    order: new Map(topologicalOrder(ir).map((id, i) => [id, i] as const)),
    bundleSizes: BUNDLES,
    variantOptions: ALL_STRUCTURE,
    percentile: slo.percentile,
    keepDominated: true,
  });
  let best: number | undefined;
  let count = 0;
  const plans: Array<{ latencyMs: number; costUsd: number }> = [];
  for (const orchestration of ['standard', 'express'] as Orchestration[]) {
    for (const partition of fusionPartitions(tree, (s) => ir.graph.node(s).kind === 'task')) {
      const levels = units.levels(orchestration, partition);
      const walk = (i: number, picks: UnitOption[]): void => {
        if (i === levels.length) {
          count++;
          const s = estimate(ir, units.deployment(orchestration, levels, picks));
          plans.push({ latencyMs: s.latencyMs.p95, costUsd: s.costUsd });
          const ok = s.latencyMs.p95 <= slo.latencyMs && (orchestration === 'standard' || s.latencyMs.max <= STEP_FUNCTIONS_LIMITS.expressMaxDurationMs);
          if (ok && (best === undefined || s.costUsd < best)) best = s.costUsd;
          return;
        }
        for (const option of levels[i]!.options) walk(i + 1, [...picks, option]);
      };
      walk(0, []);
    }
  }
  return { best, count, plans };
}

describe('fusion partitions', () => {
  const tree = toSeriesParallel(irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] })).tree;

  it('lists chains, chains through a Parallel state and the whole Parallel state, each once', () => {
    const partitions = fusionPartitions(tree, () => true).map((p) => JSON.stringify(p));
    assert.deepEqual(partitions, [[], [['a', 'b', 'c', 'd']], [['a', 'b', 'c']], [['b', 'c', 'd']], [['b', 'c']]].map((p) => JSON.stringify(p)));
  });

  it('never puts a step that cannot be fused in a group, nor bridges a group across it', () => {
    assert.deepEqual(fusionPartitions(tree, (s) => s !== 'd'), [[], [['a', 'b', 'c']], [['b', 'c']]]);
    assert.deepEqual(fusionPartitions(tree, (s) => s !== 'b'), [[]]);
  });

  it('fuses inside a choice branch but never across the choice', () => {
    const ir = irOf({ a: [], g: ['a'], x: ['g'], y: ['x'], z: ['g'], e: ['y', 'z'] }, { g: { choice: { x: 0.4, z: 0.6 } } });
    const partitions = fusionPartitions(toSeriesParallel(ir).tree, (s) => s !== 'g');
    assert.deepEqual(partitions, [[], [['x', 'y']]]);
  });
});

describe('exhaustive-structural', () => {
  it('finds the same cheapest plan as estimating every plan of the space, over SLOs from tight to loose, and counts the space exactly', function () {
    this.timeout(300_000);
    const { ir, profiles } = tinyApp();
    const estimate = monteCarloEstimateFn(profiles, { samples: 300, seed: 7, threads: 1, calibration: SLOW_DISPATCH });
    const all = bruteForce(ir, profiles, { percentile: 'p95', latencyMs: Infinity }, estimate);
    const latencies = all.plans.map((p) => p.latencyMs).sort((x, y) => x - y);
    const strategy = exhaustiveStructural({ gridMb: GRID, bundleSizes: BUNDLES });
    let fusedSomewhere = false;
    for (const q of [0, 0.05, 0.2, 0.5, 1]) {
      const slo: Slo = { percentile: 'p95', latencyMs: latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! };
      const truth = bruteForce(ir, profiles, slo, estimate);
      const result = strategy({ ir, profiles, slo, estimate });
      const summary = estimate(ir, result.deployment);
      const numbers = result.decisions.at(-1)!.numbers;
      assert.equal(numbers['spaceSize'], truth.count);
      assert.ok(truth.best !== undefined, 'the SLO is one of the plans’ own p95s');
      assert.ok(summary.latencyMs.p95 <= slo.latencyMs);
      assert.ok(Math.abs(summary.costUsd - truth.best) <= 1e-12, `SLO ${slo.latencyMs}: ${summary.costUsd} vs brute force ${truth.best}`);
      if (Object.keys(result.deployment.groups ?? {}).length > 0) fusedSomewhere = true;
    }
    assert.ok(fusedSomewhere, 'at some SLO the optimum fuses (else the test would not exercise groups)');
  });

  it('answers with the fastest plan and a missed decision when no plan meets the SLO', () => {
    const { ir, profiles } = tinyApp();
    const estimate = monteCarloEstimateFn(profiles, { samples: 200, seed: 7, threads: 1 });
    const result = exhaustiveStructural({ gridMb: GRID, bundleSizes: BUNDLES })({ ir, profiles, slo: { percentile: 'p95', latencyMs: 1 }, estimate });
    assert.equal(result.decisions.at(-1)!.kind, 'missed');
    assert.ok(estimate(ir, result.deployment).latencyMs.p95 > 1);
  });
});

// Small apps and a brute force over the exhaustive structural search's whole
// space (src/baselines/exhaustive-structural.ts), for the tests that check the
// search and its cost bound against every plan estimated one by one.
import { fusionPartitions, type FusionPartition } from '../../src/baselines/fusion-partitions.ts';
import { StructuralUnits, type Unit, type UnitOption } from '../../src/baselines/structural-units.ts';
import { currentDeployment, type Deployment, type Orchestration } from '../../src/ir/deployment.ts';
import { toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import { topologicalOrder } from '../../src/ir/topological-order.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import { STEP_FUNCTIONS_LIMITS } from '../../src/model/platform.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';
import { optionsByFunction } from '../../src/passes/function-options.ts';
import { runProbabilities } from '../../src/passes/run-probability.ts';
import { ALL_STRUCTURE } from '../../src/passes/structural-options.ts';
import { irOf } from './ir-builder.ts';
import { profileOf } from './profile-builder.ts';

export const GRID = [512, 1769];
export const BUNDLES = [1, 2];

export interface SmallApp {
  ir: IR;
  profiles: Map<string, FunctionProfile>;
}

const curve = (serialMs: number, parallelMs: number, maxUsefulVcpu: number, footprintMb: number, sigma = 0.1) => ({ x86_64: { serialMs, parallelMs, maxUsefulVcpu, footprintMb, sigma } });

/** a → (b | c) → m, m a map of 3: fusion of the parallel pair, of a with it, and bundles of m. aOutputBytes over 256 KB forces a's hops through S3. */
export function tinyApp(aOutputBytes = 1024): SmallApp {
  const ir = irOf({ a: [], b: ['a'], c: ['a'], m: ['b', 'c'] }, { a: { outputBytes: aOutputBytes }, m: { map: { kind: 'fixed', width: 3 } } }, 'tiny');
  const profiles = new Map<string, FunctionProfile>([
    ['a', profileOf('a', curve(40, 300, 1, 100))],
    ['b', profileOf('b', curve(80, 900, 2, 150))],
    ['c', profileOf('c', curve(30, 500, 1, 120))],
    ['m', profileOf('m', curve(50, 700, 2, 200, 0.2))],
  ]);
  return { ir, profiles };
}

/**
 * An N (a → c, a → d, b → d): not series-parallel, so it runs staged — (a | b) → join → (c | d). Returns the staged
 * IR, the one the optimizer's sizing slot (and so the exhaustive search) sees.
 */
export function stagedApp(): SmallApp {
  const raw = irOf({ a: [], b: [], c: ['a'], d: ['a', 'b'] }, {}, 'staged');
  const profiles = new Map<string, FunctionProfile>([
    ['a', profileOf('a', curve(40, 300, 1, 100))],
    ['b', profileOf('b', curve(60, 500, 1, 120))],
    ['c', profileOf('c', curve(30, 400, 1, 90))],
    ['d', profileOf('d', curve(50, 600, 2, 150))],
  ]);
  return { ir: toSeriesParallel(raw).ir, profiles };
}

/** a → g? {x 0.3 | y 0.7} → e: a Choice state, its branches' data through S3 (g hands on 400 KB), a chain a;g to nothing fusible across. */
export function choiceApp(): SmallApp {
  const ir = irOf(
    { a: [], g: ['a'], x: ['g'], y: ['g'], e: ['x', 'y'] },
    { a: { outputBytes: 400 * 1024 }, g: { choice: { x: 0.3, y: 0.7 }, outputBytes: 400 * 1024 }, x: { map: { kind: 'fixed', width: 2 } } },
    'choice',
  );
  const profiles = new Map<string, FunctionProfile>([
    ['a', profileOf('a', curve(60, 400, 1, 100))],
    ['x', profileOf('x', curve(90, 1200, 2, 200))],
    ['y', profileOf('y', curve(20, 150, 1, 80))],
    ['e', profileOf('e', curve(30, 200, 1, 90))],
  ]);
  return { ir, profiles };
}

export function spaceUnits(app: SmallApp, estimate: EstimateFn, slo: Slo): StructuralUnits {
  const tree = toSeriesParallel(app.ir).tree;
  return new StructuralUnits({
    ir: app.ir,
    profiles: app.profiles,
    estimate,
    base: currentDeployment(app.ir),
    options: optionsByFunction(app.ir, app.profiles, GRID),
    probability: runProbabilities(tree),
    order: new Map(topologicalOrder(app.ir).map((id, i) => [id, i] as const)),
    bundleSizes: BUNDLES,
    variantOptions: ALL_STRUCTURE,
    percentile: slo.percentile,
    keepDominated: true,
  });
}

export function partitionsOf(app: SmallApp): FusionPartition[] {
  return fusionPartitions(toSeriesParallel(app.ir).tree, (s) => app.ir.graph.node(s).kind === 'task', app.ir.graph);
}

export interface EnumeratedPlan {
  orchestration: Orchestration;
  partition: FusionPartition;
  levels: Unit[];
  /** Per level, the option index taken. */
  picks: number[];
  deployment: Deployment;
  summary: EstimateSummary;
}

/** Every plan of the space (dominated options kept), each estimated. */
export function enumeratePlans(app: SmallApp, estimate: EstimateFn, slo: Slo): EnumeratedPlan[] {
  const units = spaceUnits(app, estimate, slo);
  const plans: EnumeratedPlan[] = [];
  for (const orchestration of ['standard', 'express'] as Orchestration[]) {
    for (const partition of partitionsOf(app)) {
      const levels = units.levels(orchestration, partition);
      const walk = (i: number, picks: number[]): void => {
        if (i === levels.length) {
          const options: UnitOption[] = picks.map((k, j) => levels[j]!.options[k]!);
          const deployment = units.deployment(orchestration, levels, options);
          plans.push({ orchestration, partition, levels, picks, deployment, summary: estimate(app.ir, deployment) });
          return;
        }
        levels[i]!.options.forEach((_, k) => walk(i + 1, [...picks, k]));
      };
      walk(0, []);
    }
  }
  return plans;
}

/** Whether a plan meets the SLO as the search judges it (Express also within 5 minutes on its slowest sample). */
export function meetsSlo(plan: EnumeratedPlan, slo: Slo): boolean {
  return plan.summary.latencyMs[slo.percentile] <= slo.latencyMs && (plan.orchestration === 'standard' || plan.summary.latencyMs.max <= STEP_FUNCTIONS_LIMITS.expressMaxDurationMs);
}

/** The cheapest plan meeting the SLO by brute force, and how many plans there are. */
export function bruteForce(app: SmallApp, slo: Slo, estimate: EstimateFn, plans = enumeratePlans(app, estimate, slo)): { best: number | undefined; count: number; plans: EnumeratedPlan[] } {
  let best: number | undefined;
  for (const plan of plans) if (meetsSlo(plan, slo) && (best === undefined || plan.summary.costUsd < best)) best = plan.summary.costUsd;
  return { best, count: plans.length, plans };
}

// The exhaustive structural optimum (Konflux's approach: evaluate every
// deployment setup of a small app): the cheapest plan meeting the SLO over
//   orchestration (Standard; Express unless a step is a Batch job (.sync),
//     and only where the plan's slowest estimated execution fits 5 minutes)
//   × every fusion partition the plan can express (fusion-partitions.ts:
//     chains, chains through Parallel states, and whole Parallel states —
//     the last two are not offered by dagc's search)
//   × per map step every variant dagc offers (structural-options.ts
//     mapVariants: bundle 1/2/4/6/8/16 × Inline/Distributed within
//     Standard's history limit; a variant whose one invocation passes 900 s
//     is dropped, as dagc drops it)
//   × per Lambda (each fusion group, each function with unfused steps) every
//     candidate configuration of dagc's grid (memory × architecture; a group
//     takes a configuration every member can take whose memory holds the
//     fused footprint, and whose p99 stays under 90 % of 900 s).
// Edge modes are the data-passing pass's (the deployment it is given), with
// edges inside a group in-process; prewarming is not in the space (dagc adds
// it only to a plan that misses the SLO).
//
// Search: for each (orchestration, partition), branch and bound as in
// exhaustive.ts, one Lambda ("unit") per level, its options cheapest first,
// sharing one incumbent across all (orchestration, partition) pairs:
// - cost bound: the decided units' options plus each undecided unit's
//   cheapest, where an option's cost is its steps probed alone by the same
//   estimator (weighted by how often each runs), less what is not additive
//   (under Express the Step Functions part: request, duration, child
//   executions); plus the partition's floor (structural-floor.ts,
//   search-floor.ts): what every plan of the (orchestration, partition) pays
//   beyond its units — S3 requests of the hops data passing sends through S3,
//   Choice transitions under Standard, Batch steps, and under Express the
//   workflow's request and a duration bill no shorter than the longest chain
//   of its steps' mean latencies (decided units at their option's, undecided
//   at their least). structural-floor.ts proves each term a lower bound in
//   expectation; in sample it is below the plan's cost up to the Monte Carlo
//   noise between a step estimated alone and within the workflow, which
//   BOUND_SLACK (1 %) absorbs; the log reports the smallest (plan cost /
//   bound) seen at any leaf, so a violated assumption shows. Without the
//   floor, S3-heavy apps (ml-pipeline: $21.60 of $47 per 1M is S3 requests)
//   had a bound ~46 % under every plan and pruned almost nothing.
// - latency bound: the workflow estimated with every undecided unit at its
//   fastest option; a branch whose bound misses the SLO is cut (exact when the
//   estimate is monotone in each step's latency, as exhaustive.ts assumes).
// - dominance: an option of a unit that is no cheaper than another and no
//   faster at any quantile (p50, p90, p95, p99, max) of any of its steps
//   probed alone is dropped before the search; at a search node, an option
//   slower at every quantile than one that already missed the SLO there is
//   not estimated. Both rest on the same monotonicity.
// A complete assignment is judged by its own whole-workflow estimate (cost and
// SLO, Express's 5 minutes on its slowest sample). Exact over the space above
// under those two assumptions; test/baselines/exhaustive-structural.test.ts
// checks it against brute force.
// Complexity: O(Σ over partitions of Π options per unit) estimates in the
// worst case; ≤ 8 functions and ≤ EXHAUSTIVE_MAX_PARTITIONS partitions
// accepted (counted before any is listed).
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { baselineDiagnostics } from '../diagnostics/baselines.ts';
import { currentDeployment, type Deployment, type Orchestration } from '../ir/deployment.ts';
import { toSeriesParallel } from '../ir/series-parallelize.ts';
import { topologicalOrder } from '../ir/topological-order.ts';
import { STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';
import { DecisionLog } from '../passes/decision-log.ts';
import { latencyAt, type EstimateSummary } from '../passes/estimator-port.ts';
import { optionLabel, optionsByFunction } from '../passes/function-options.ts';
import { runProbabilities } from '../passes/run-probability.ts';
import { ALL_STRUCTURE } from '../passes/structural-options.ts';
import type { Strategy, StrategyInput, StrategyResult } from '../passes/strategy.ts';
import { EXHAUSTIVE_DEFAULT_MAX_ESTIMATES, EXHAUSTIVE_MAX_FUNCTIONS } from './exhaustive.ts';
import { countFusionPartitions, fusionPartitions, type FusionPartition } from './fusion-partitions.ts';
import { SearchFloor, type FloorAtOptimum } from './search-floor.ts';
import { fixedStepsUsd, PartitionFloor } from './structural-floor.ts';
import { noSlower, StructuralUnits, type Unit, type UnitOption } from './structural-units.ts';

export const EXHAUSTIVE_STRUCTURAL = 'exhaustive-structural';
/** The cost bound may sit this far above a plan's true cost (Monte Carlo noise between a step alone and in the workflow). */
export const BOUND_SLACK = 0.01;
/**
 * Past this many fusion partitions the search refuses (DAGC0325) before listing any: each partition is a branch and
 * bound of its own (at least one estimate unless its floor cuts it), and listing 10^16 of them (tree-reduction's 64
 * leaves) ran out of a 4 GB heap. The fixtures it checks have at most 128 (sebs-excamera).
 */
export const EXHAUSTIVE_MAX_PARTITIONS = 100_000;

export interface StructuralExhaustiveSettings {
  gridMb?: readonly number[];
  /** Restrict map bundle sizes (default: every size dagc offers). */
  bundleSizes?: readonly number[];
  maxFunctions?: number;
  maxEstimates?: number;
  /** Bound with the partition's floor (structural-floor.ts); false: the units' probes and Express's request fee alone. */
  floor?: boolean;
}

export function exhaustiveStructural(settings: StructuralExhaustiveSettings = {}): Strategy {
  return (input) => runSearch(input, settings);
}

interface Best {
  costUsd: number;
  boundUsd: number;
  floor: FloorAtOptimum;
  deployment: Deployment;
  summary: EstimateSummary;
  label: string;
}

function runSearch(input: StrategyInput, settings: StructuralExhaustiveSettings): StrategyResult {
  const { ir, slo, estimate, profiles } = input;
  const base = input.base ?? currentDeployment(ir);
  const batch = (fn: string) => base.functions[fn]?.batch !== undefined;
  const lambdaFunctions = [...ir.functions.keys()].filter((fn) => !batch(fn));
  const maxFunctions = settings.maxFunctions ?? EXHAUSTIVE_MAX_FUNCTIONS;
  if (lambdaFunctions.length > maxFunctions) throw new DagcUserError([baselineDiagnostics.tooLargeForExhaustive(lambdaFunctions.length, maxFunctions)]);
  const maxEstimates = settings.maxEstimates ?? EXHAUSTIVE_DEFAULT_MAX_ESTIMATES;
  const log = new DecisionLog(EXHAUSTIVE_STRUCTURAL);
  const tree = toSeriesParallel(ir).tree;
  const probability = runProbabilities(tree);
  const order = new Map(topologicalOrder(ir).map((id, i) => [id, i] as const));
  const fusible = (step: string) => {
    const node = ir.graph.node(step);
    return node.kind === 'task' && !batch(node.functionName);
  };
  const partitionCount = countFusionPartitions(tree, fusible, ir.graph);
  if (partitionCount > EXHAUSTIVE_MAX_PARTITIONS) throw new DagcUserError([baselineDiagnostics.tooManyFusionPartitions(partitionCount, EXHAUSTIVE_MAX_PARTITIONS)]);
  const partitions = fusionPartitions(tree, fusible, ir.graph);
  const options = optionsByFunction(ir, profiles, settings.gridMb);
  // Express first where allowed: it is usually the cheaper type, so its incumbent cuts most of Standard's search at the root.
  const orchestrations: Orchestration[] = lambdaFunctions.length < ir.functions.size ? ['standard'] : ['express', 'standard'];

  let searchEstimates = 0;
  let nodes = 0;
  let skipped = 0;
  let dominated = 0;
  let spaceSize = 0;
  let minTrueOverBound = Infinity;
  let cutByFloor = 0;
  let partitionsCut = 0;
  let best: Best | undefined;
  let fastestFallback: { deployment: Deployment; summary: EstimateSummary } | undefined;
  const units = new StructuralUnits({ ir, profiles, estimate, base, options, probability, order, bundleSizes: settings.bundleSizes, variantOptions: ALL_STRUCTURE, percentile: slo.percentile });
  const floorOf = (orchestration: Orchestration, levels: readonly Unit[], any: Deployment, batchUsd: number) =>
    // The floor mirrors the Monte Carlo estimator's bill; a closed form (tests, BENCH_ESTIMATOR=closed-form) may charge no S3 or Step Functions at all.
    new SearchFloor(new PartitionFloor({ ir, profiles, deployment: any, probability, batchUsd }), levels, settings.floor !== false && units.sampled());
  const spent = () => units.probeCount() + searchEstimates;
  const check = (d: Deployment): EstimateSummary => {
    if (spent() >= maxEstimates) throw new DagcUserError([baselineDiagnostics.exhaustiveBudgetExceeded(spent())]);
    searchEstimates++;
    return estimate(ir, d);
  };

  for (const orchestration of orchestrations) {
    const batchSteps = settings.floor === false ? { usd: 0, estimates: 0 } : fixedStepsUsd(ir, base, orchestration, probability, estimate);
    searchEstimates += batchSteps.estimates;
    for (const partition of partitions) {
      const levels = units.levels(orchestration, partition);
      if (levels.some((l) => l.options.length === 0)) continue;
      spaceSize += levels.reduce((n, l) => n * (l.options.length + l.dominated), 1);
      dominated += levels.reduce((n, l) => n + l.dominated, 0);
      const suffixMinUsd = new Array<number>(levels.length + 1).fill(0);
      for (let i = levels.length - 1; i >= 0; i--) suffixMinUsd[i] = suffixMinUsd[i + 1]! + levels[i]!.costsUsd[0]!;
      const chosen: UnitOption[] = [];
      const deploymentAt = (depth: number) => units.deployment(orchestration, levels, levels.map((l, i) => (i < depth ? chosen[i]! : l.fastest)));
      const floor = floorOf(orchestration, levels, deploymentAt(0), batchSteps.usd);
      const meets = (s: EstimateSummary) => latencyAt(s, slo.percentile) <= slo.latencyMs;
      const offer = (summary: EstimateSummary, boundUsd: number, deployment: Deployment) => {
        minTrueOverBound = Math.min(minTrueOverBound, summary.costUsd / boundUsd);
        if (orchestration === 'express' && summary.latencyMs.max > STEP_FUNCTIONS_LIMITS.expressMaxDurationMs) return;
        if (!best || summary.costUsd < best.costUsd) best = { costUsd: summary.costUsd, boundUsd, deployment, summary, label: label(orchestration, partition, levels, chosen), floor: floor.parts() };
      };
      const over = (boundUsd: number) => best !== undefined && boundUsd * (1 - BOUND_SLACK) >= best.costUsd;
      const search = (depth: number, costSoFarUsd: number): void => {
        nodes++;
        const level = levels[depth]!;
        const missed: number[][] = [];
        // This level still at its least mean latencies: a floor no option of it goes below, so the options' bounds rise with k.
        const floorHereUsd = floor.usd();
        for (let k = 0; k < level.options.length; k++) {
          const costUsd = costSoFarUsd + level.costsUsd[k]!;
          if (over(costUsd + suffixMinUsd[depth + 1]! + floorHereUsd)) break;
          floor.take(depth, k);
          // Its own latencies lengthen the workflow's Express bill: a later, dearer option may still be faster.
          if (floor.perOption && over(costUsd + suffixMinUsd[depth + 1]! + floor.usd())) {
            cutByFloor++;
            continue;
          }
          // Slower at every quantile than an option that already missed here: it misses too.
          if (missed.some((m) => noSlower(m, level.latencies[k]!))) {
            skipped++;
            continue;
          }
          chosen[depth] = level.options[k]!;
          const deployment = deploymentAt(depth + 1);
          const summary = check(deployment);
          if (!meets(summary)) {
            missed.push(level.latencies[k]!);
            continue;
          }
          if (depth + 1 === levels.length) offer(summary, costUsd + floor.usd(), deployment);
          else search(depth + 1, costUsd);
        }
        floor.reset(depth);
        chosen.length = depth;
      };
      // Every plan of the partition costs at least this: no need to estimate even its fastest plan.
      if (over(suffixMinUsd[0]! + floor.usd())) {
        partitionsCut++;
        continue;
      }
      const allFastest = deploymentAt(0);
      const root = check(allFastest);
      if (!fastestFallback || latencyAt(root, slo.percentile) < latencyAt(fastestFallback.summary, slo.percentile)) fastestFallback = { deployment: allFastest, summary: root };
      if (!meets(root)) continue;
      if (levels.length === 0) offer(root, floor.usd(), allFastest);
      else search(0, 0);
    }
  }

  const estimates = spent();
  const numbers = {
    estimates,
    spaceSize,
    partitions: partitions.length,
    partitionsCutByFloor: partitionsCut,
    searchNodes: nodes,
    skippedAsSlower: skipped,
    cutByOptionFloor: cutByFloor,
    dominatedOptions: dominated,
    minTrueOverBound: Number.isFinite(minTrueOverBound) ? minTrueOverBound : 0,
    sloMs: slo.latencyMs,
  };
  if (best) {
    // How tight the bound was at the answer (1 = exact), and what the floor held of it.
    const floor = Object.fromEntries(Object.entries(best.floor).map(([k, v]) => [`floor${k[0]!.toUpperCase()}${k.slice(1)}`, v]));
    log.record('passed', ir.name, `cheapest plan meeting the SLO: ${best.label}`, { ...numbers, ...floor, boundOverCostAtOptimum: best.boundUsd / best.costUsd, latencyMs: latencyAt(best.summary, slo.percentile), costUsd: best.costUsd });
    return { strategy: EXHAUSTIVE_STRUCTURAL, deployment: best.deployment, decisions: log.list(), structural: true };
  }
  const fallback = fastestFallback ?? { deployment: base, summary: estimate(ir, base) };
  log.record('missed', ir.name, 'no plan in the space meets the SLO; the fastest one found', { ...numbers, latencyMs: latencyAt(fallback.summary, slo.percentile), costUsd: fallback.summary.costUsd });
  return { strategy: EXHAUSTIVE_STRUCTURAL, deployment: fallback.deployment, decisions: log.list(), structural: true };
}

function label(orchestration: Orchestration, partition: FusionPartition, levels: readonly Unit[], chosen: readonly UnitOption[]): string {
  const groups = partition.length === 0 ? 'nothing fused' : partition.map((g) => `{${g.join(', ')}}`).join(' ');
  const picks = levels.map((l, i) => {
    const o = chosen[i]!;
    const variants = o.variants.map(([step, v]) => ` ${step}×${v.bundleSize}${v.distributed ? ' distributed' : ''}`).join('');
    return `${l.label} ${optionLabel(o.config)}${variants}`;
  });
  return `${orchestration}; ${groups}; ${picks.join('; ')}`;
}

// Exhaustive optimum for small apps: the minimum-cost assignment of one
// candidate configuration per function whose estimated end-to-end latency
// (at the SLO's percentile, by the shared EstimateFn with its fixed seed)
// meets the SLO. It is the yardstick dagc's optimizer is held to (≤ 1.02 ×).
//
// Branch and bound, depth first, one function per level:
// - functions are ordered by how much their cost can vary (the widest
//   spread first), so the expensive decisions are made, and bounded, early;
// - a function's options are tried cheapest first, costs being the
//   estimator's per-step costs of that function (src/passes/step-probe.ts);
// - cost bound: cost so far + every remaining function at its cheapest option;
//   when that is not below the best feasible plan found, this option and all
//   dearer ones of this function are cut;
// - latency bound: the workflow estimated with every remaining function at
//   its fastest option; when even that misses the SLO, the branch is cut.
//   A complete assignment's bound estimate is its own estimate.
// Exact when the estimate is monotone in each step's latency and the plan's
// cost is the sum of per-function costs plus terms memory does not change
// (both hold for memory sizing; test/baselines/exhaustive.test.ts checks the
// result against brute force). Candidates default to the full shared grid,
// so the optimum is over the same choices as dagc's optimizer.
// Estimates actually run (`estimates` in the decision log, probes included;
// bench/plan-quality prints them per app and SLO), full 17-size grid, Monte
// Carlo estimator, six SLOs per fixture: video 90–114, mapreduce 89–121,
// gpu-inference 91–125, sebs-1000-genome 90–127, ml-pipeline 109–271,
// sebs-excamera 192–256, tiled-linear-algebra 363–688, tree-reduction
// 2,162–2,181 (2 functions but 127 steps: almost all are per-step probes);
// 131–1,256 on the 8-function synthetic fan-out (17^8 ≈ 7·10^9 assignments).
// Tightest SLOs are dearest.
// Complexity: O(Π candidates) in the worst case; ≤ 8 functions accepted.
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { baselineDiagnostics } from '../diagnostics/baselines.ts';
import { DecisionLog } from '../passes/decision-log.ts';
import { latencyAt } from '../passes/estimator-port.ts';
import type { ConfigurationOption, Strategy, StrategyInput, StrategyResult } from '../passes/strategy.ts';
import { deploymentWith, optionLabel, optionsByFunction } from '../passes/function-options.ts';
import { StepProbe } from '../passes/step-probe.ts';

export const EXHAUSTIVE = 'exhaustive';
export const EXHAUSTIVE_MAX_FUNCTIONS = 8;
export const EXHAUSTIVE_DEFAULT_MAX_ESTIMATES = 2_000_000;

export interface ExhaustiveSettings {
  gridMb?: readonly number[];
  maxFunctions?: number;
  maxEstimates?: number;
}

interface Level {
  fn: string;
  /** Options sorted by cost ascending (stable: grid order among equals). */
  options: ConfigurationOption[];
  costsUsd: number[];
  fastest: ConfigurationOption;
}

export function exhaustive(settings: ExhaustiveSettings = {}): Strategy {
  return (input) => runExhaustive(input, settings);
}

function runExhaustive(input: StrategyInput, settings: ExhaustiveSettings): StrategyResult {
  const { ir, slo, estimate } = input;
  const maxFunctions = settings.maxFunctions ?? EXHAUSTIVE_MAX_FUNCTIONS;
  if (ir.functions.size > maxFunctions) throw new DagcUserError([baselineDiagnostics.tooLargeForExhaustive(ir.functions.size, maxFunctions)]);
  const maxEstimates = settings.maxEstimates ?? EXHAUSTIVE_DEFAULT_MAX_ESTIMATES;
  const log = new DecisionLog(EXHAUSTIVE);
  const probe = new StepProbe(ir, estimate);
  const levels = buildLevels(optionsByFunction(ir, input.profiles, settings.gridMb), probe, slo.percentile);
  const suffixMinUsd = new Array<number>(levels.length + 1).fill(0);
  for (let i = levels.length - 1; i >= 0; i--) suffixMinUsd[i] = suffixMinUsd[i + 1]! + levels[i]!.costsUsd[0]!;

  const chosen: ConfigurationOption[] = [];
  let searchEstimates = 0;
  let nodes = 0;
  let best: { costUsd: number; assignment: ConfigurationOption[] } | undefined;

  const feasibleWithRestFastest = (depth: number): boolean => {
    if (probe.probeCount() + searchEstimates >= maxEstimates) {
      throw new DagcUserError([baselineDiagnostics.exhaustiveBudgetExceeded(probe.probeCount() + searchEstimates)]);
    }
    const assignment = new Map<string, ConfigurationOption>();
    levels.forEach((level, i) => assignment.set(level.fn, i < depth ? chosen[i]! : level.fastest));
    searchEstimates++;
    return latencyAt(estimate(ir, deploymentWith(ir, assignment)), slo.percentile) <= slo.latencyMs;
  };

  const search = (depth: number, costSoFarUsd: number): void => {
    nodes++;
    if (depth === levels.length) {
      if (!best || costSoFarUsd < best.costUsd) best = { costUsd: costSoFarUsd, assignment: [...chosen] };
      return;
    }
    const level = levels[depth]!;
    for (let k = 0; k < level.options.length; k++) {
      const costUsd = costSoFarUsd + level.costsUsd[k]!;
      if (best && costUsd + suffixMinUsd[depth + 1]! >= best.costUsd) break;
      chosen[depth] = level.options[k]!;
      if (feasibleWithRestFastest(depth + 1)) search(depth + 1, costUsd);
    }
    chosen.length = depth;
  };

  if (feasibleWithRestFastest(0)) search(0, 0);
  const estimates = probe.probeCount() + searchEstimates;
  const final = best?.assignment ?? levels.map((level) => level.fastest);
  const assignment = new Map(levels.map((level, i) => [level.fn, final[i]!] as const));
  const summary = estimate(ir, deploymentWith(ir, assignment));
  const numbers = { latencyMs: latencyAt(summary, slo.percentile), sloMs: slo.latencyMs, costUsd: summary.costUsd, estimates, searchNodes: nodes };
  for (const level of levels) log.record(best ? 'passed' : 'missed', level.fn, optionLabel(assignment.get(level.fn)!), { candidates: level.options.length });
  if (best) log.record('passed', ir.name, 'minimum-cost assignment meeting the SLO', numbers);
  else log.record('missed', ir.name, 'no assignment meets the SLO; every function at its fastest', numbers);
  return { strategy: EXHAUSTIVE, deployment: deploymentWith(ir, assignment), decisions: log.list() };
}

function buildLevels(options: ReadonlyMap<string, ConfigurationOption[]>, probe: StepProbe, percentile: StrategyInput['slo']['percentile']): Level[] {
  const levels: Level[] = [];
  for (const [fn, list] of options) {
    const costs = list.map((o) => probe.functionCostUsd(fn, o));
    const byCost = list.map((o, i) => ({ o, cost: costs[i]! })).sort((a, b) => a.cost - b.cost);
    const latency = (o: ConfigurationOption): number => probe.stepsOf(fn).reduce((sum, id) => sum + probe.stepLatencyMs(id, o, percentile), 0);
    let fastest = list[0]!;
    for (const o of list) if (latency(o) < latency(fastest)) fastest = o;
    levels.push({ fn, options: byCost.map((x) => x.o), costsUsd: byCost.map((x) => x.cost), fastest });
  }
  const spread = (level: Level): number => level.costsUsd.at(-1)! - level.costsUsd[0]!;
  return levels.sort((a, b) => spread(b) - spread(a) || (a.fn < b.fn ? -1 : a.fn > b.fn ? 1 : 0));
}

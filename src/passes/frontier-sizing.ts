// Memory/vCPU sizing by frontier search — the method dagc uses to beat greedy.
//
// Decides: one configuration (memory × architecture) per function.
// How:
//  1. Leaf curves: for every step and every candidate configuration of its
//     function, the step's latency at the SLO percentile and its cost, from
//     the shared estimator run on the step alone (StepProbe): a map's
//     latency is then already the maximum over its fan-out.
//  2. Compose on the series-parallel tree: series = Minkowski sum, parallel
//     = max, choice = probability-weighted cost with the slowest branch's
//     latency, keeping the Pareto frontier on an ε grid (frontier/curve.ts).
//  3. A function that runs in several steps must get ONE configuration.
//     Such shared functions are fixed from outside: every combination when
//     there are few (exact), else coordinate descent from the fastest
//     setting; the others stay free inside the curves.
//  4. The frontier's latency is a surrogate (a sum of per-step percentiles
//     over-states the percentile of the sum), so the pick is checked with the
//     whole-workflow Monte Carlo estimate and the surrogate target is moved
//     by the ratio SLO / estimated percentile, both ways, a few times,
//     keeping the cheapest plan that truly meets the SLO.
// Assumes: steps' latencies and costs do not depend on their neighbours'
// configurations (true of memory sizing). Complexity: probes O(steps ×
// options); composition O(steps × P × options) with P the pruned curve size
// (O(log range / ε)); times the combinations of shared functions.
import { deploymentWith, optionLabel, type Assignment } from '../baselines/options.ts';
import type { StepProbe } from '../baselines/step-probe.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { SpTree } from '../ir/sp-tree.ts';
import type { IR, Slo } from '../ir/types.ts';
import { latencyAt, type EstimateFn, type EstimateSummary } from './estimator-port.ts';
import { cheapestWithin, choice, leafPoint, materialize, parallel, pareto, series, type Curve, type CurvePoint } from './frontier/curve.ts';
import type { ConfigurationOption } from './strategy.ts';

export const FRONTIER_EPSILON = 0.01;
/** Up to this many combinations of shared functions' options are tried exhaustively. */
const MAX_SHARED_COMBINATIONS = 400;
const TARGET_ITERATIONS = 8;
/** How many of the best-ranked fixings of shared functions get the simulated search. */
const SIMULATED_FIXINGS = 3;

interface Pick {
  fn: string;
  option: ConfigurationOption;
}

export interface SizingCandidate {
  assignment: Map<string, ConfigurationOption>;
  deployment: Deployment;
  summary: EstimateSummary;
  surrogateTargetMs: number;
}

export interface FrontierSizing {
  /** Cheapest candidate that meets the SLO, if any. */
  best?: SizingCandidate;
  /** The workflow's cost–surrogate-latency frontier with the shared functions at their chosen options. */
  frontier: Array<{ latencyMs: number; costUsd: number }>;
  estimates: number;
  sharedFunctions: string[];
  iterations: Array<{ targetMs: number; estimatedMs: number; costUsd: number; meetsSlo: boolean }>;
}

export function frontierSizing(
  ir: IR,
  tree: SpTree,
  options: ReadonlyMap<string, readonly ConfigurationOption[]>,
  probe: StepProbe,
  slo: Slo,
  estimate: EstimateFn,
  base: Deployment,
): FrontierSizing {
  const sharedFunctions = [...options.keys()].filter((fn) => probe.stepsOf(fn).length > 1).sort();
  const curveFor = (fixed: Assignment) => composeCurve(tree, ir, options, probe, slo, fixed);
  let estimates = 0;
  const iterations: FrontierSizing['iterations'] = [];
  let best: SizingCandidate | undefined;

  const evaluate = (fixed: Assignment, targetMs: number): SizingCandidate | undefined => {
    const curve = curveFor(fixed);
    const point = cheapestWithin(curve, targetMs) ?? curve[0];
    if (!point) return undefined;
    const assignment = new Map(fixed);
    for (const pick of materialize(point.choice)) if (pick !== NO_PICK) assignment.set(pick.fn, pick.option);
    const deployment = deploymentWith(ir, assignment, base);
    const summary = estimate(ir, deployment);
    estimates += 1;
    return { assignment, deployment, summary, surrogateTargetMs: targetMs };
  };

  const search = (fixed: Assignment): SizingCandidate | undefined => {
    let targetMs = slo.latencyMs;
    let found: SizingCandidate | undefined;
    for (let i = 0; i < TARGET_ITERATIONS; i += 1) {
      const candidate = evaluate(fixed, targetMs);
      if (!candidate) break;
      const estimatedMs = latencyAt(candidate.summary, slo.percentile);
      const meets = estimatedMs <= slo.latencyMs;
      iterations.push({ targetMs, estimatedMs, costUsd: candidate.summary.costUsd, meetsSlo: meets });
      if (meets && (!found || candidate.summary.costUsd < found.summary.costUsd)) found = candidate;
      const next = targetMs * (slo.latencyMs / Math.max(estimatedMs, 1e-9)) * (meets ? 1 : 0.995);
      if (Math.abs(next - targetMs) / targetMs < 0.002) break;
      targetMs = next;
    }
    return found;
  };

  // Rank the fixings of shared functions by the surrogate (cheap: curves
  // only) and run the simulated search on the most promising few.
  const ranked = [...sharedAssignments(sharedFunctions, options, probe, slo, curveFor)]
    .map((fixed, order) => ({ fixed, order, costUsd: cheapestWithin(curveFor(fixed), slo.latencyMs)?.costUsd ?? Infinity }))
    .sort((a, b) => a.costUsd - b.costUsd || a.order - b.order);
  const fallbackFastest = ranked.every((r) => r.costUsd === Infinity);
  for (const { fixed } of fallbackFastest ? ranked.slice(-1) : ranked.slice(0, SIMULATED_FIXINGS)) {
    const found = search(fixed);
    if (found && (!best || found.summary.costUsd < best.summary.costUsd)) best = found;
  }

  const fixedForFrontier = best ? new Map(sharedFunctions.map((fn) => [fn, best!.assignment.get(fn)!])) : new Map<string, ConfigurationOption>();
  const frontier = curveFor(fixedForFrontier).map((p) => ({ latencyMs: p.latencyMs, costUsd: p.costUsd }));
  const result: FrontierSizing = { frontier, estimates, sharedFunctions, iterations };
  if (best) result.best = best;
  return result;
}

/**
 * The fixings of shared functions to try: all combinations when few; else a
 * coordinate descent on the surrogate (each shared function in turn takes the
 * option that makes the frontier cheapest at the SLO), starting from fastest.
 */
function* sharedAssignments(
  shared: readonly string[],
  options: ReadonlyMap<string, readonly ConfigurationOption[]>,
  probe: StepProbe,
  slo: Slo,
  curveFor: (fixed: Assignment) => Curve<Pick>,
): Generator<Assignment> {
  if (shared.length === 0) {
    yield new Map();
    return;
  }
  const combinations = shared.reduce((n, fn) => n * options.get(fn)!.length, 1);
  if (combinations <= MAX_SHARED_COMBINATIONS) {
    const indices = shared.map(() => 0);
    for (;;) {
      yield new Map(shared.map((fn, i) => [fn, options.get(fn)![indices[i]!]!]));
      let k = 0;
      while (k < shared.length && ++indices[k]! >= options.get(shared[k]!)!.length) indices[k++] = 0;
      if (k === shared.length) return;
    }
  }
  const fixed = new Map<string, ConfigurationOption>();
  for (const fn of shared) fixed.set(fn, fastestOption(fn, options.get(fn)!, probe, slo));
  const costAtSlo = (assignment: Assignment) => cheapestWithin(curveFor(assignment), slo.latencyMs)?.costUsd ?? Infinity;
  for (let round = 0; round < 3; round += 1) {
    let changed = false;
    for (const fn of shared) {
      let bestOption = fixed.get(fn)!;
      let bestCost = costAtSlo(fixed);
      for (const option of options.get(fn)!) {
        const trial = new Map(fixed).set(fn, option);
        const cost = costAtSlo(trial);
        if (cost < bestCost) {
          bestCost = cost;
          bestOption = option;
        }
      }
      if (bestOption !== fixed.get(fn)) {
        fixed.set(fn, bestOption);
        changed = true;
      }
    }
    if (!changed) break;
  }
  yield fixed;
}

function fastestOption(fn: string, list: readonly ConfigurationOption[], probe: StepProbe, slo: Slo): ConfigurationOption {
  let best = list[0]!;
  let bestMs = Infinity;
  for (const option of list) {
    const ms = probe.stepsOf(fn).reduce((sum, step) => sum + probe.stepLatencyMs(step, option, slo.percentile), 0);
    if (ms < bestMs) {
      bestMs = ms;
      best = option;
    }
  }
  return best;
}

function composeCurve(
  tree: SpTree,
  ir: IR,
  options: ReadonlyMap<string, readonly ConfigurationOption[]>,
  probe: StepProbe,
  slo: Slo,
  fixed: Assignment,
): Curve<Pick> {
  /** A step's own curve; undefined for a choice step, which runs no function. */
  const leaf = (step: string): Curve<Pick> | undefined => {
    const node = ir.graph.node(step);
    if (node.kind === 'choice') return undefined;
    const fn = node.functionName;
    const list = fixed.has(fn) ? [fixed.get(fn)!] : options.get(fn)!;
    return pareto(list.map((option) => leafPoint(probe.stepLatencyMs(step, option, slo.percentile), probe.step(step, option)!.costUsd, { fn, option })));
  };
  const walk = (t: SpTree | null): Curve<Pick> | undefined => {
    if (t === null) return undefined;
    switch (t.kind) {
      case 'leaf':
        return leaf(t.step);
      case 'series':
        return combine(t.children.map(walk), (a, b) => series(a, b, FRONTIER_EPSILON));
      case 'parallel':
        return combine(t.children.map(walk), (a, b) => parallel(a, b, FRONTIER_EPSILON));
      case 'choice': {
        const branches = t.branches
          .map((b) => ({ curve: walk(b.tree) ?? [leafPoint<Pick>(0, 0, NO_PICK)], probability: b.probability }));
        return choice(branches, FRONTIER_EPSILON);
      }
    }
  };
  return walk(tree) ?? [];
}

const NO_PICK: Pick = { fn: '', option: { memoryMb: 0, architecture: 'x86_64' } };

function combine(curves: Array<Curve<Pick> | undefined>, op: (a: Curve<Pick>, b: Curve<Pick>) => CurvePoint<Pick>[]): Curve<Pick> | undefined {
  let acc: Curve<Pick> | undefined;
  for (const curve of curves) {
    if (!curve) continue;
    acc = acc === undefined ? curve : op(acc, curve);
  }
  return acc;
}

export function describePick(assignment: ReadonlyMap<string, ConfigurationOption>): string {
  return [...assignment].sort(([a], [b]) => (a < b ? -1 : 1)).map(([fn, o]) => `${fn}=${optionLabel(o)}`).join(', ');
}

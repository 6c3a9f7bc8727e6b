// Memory/vCPU sizing by frontier search — the method dagc uses to beat greedy.
//
// Decides: one configuration (memory × architecture) per function.
// How:
//  1. Leaf curves: per step, the Pareto points over its function's options
//     of (latency at the SLO percentile, cost), from the LeafModel — for a
//     map the latency is that of its whole fan-out (leaf-model.ts).
//  2. Functions shared by several steps are fixed from outside
//     (shared-functions.ts): all fixings of their undominated options when
//     there are at most MAX_FIXINGS, else the fixing whose frontier is
//     cheapest at the target, by branch and bound (fixing-search.ts).
//  3. Compose on the series-parallel tree (frontier/compose.ts) per fixing
//     and merge: the workflow's cost–latency frontier. Exact Pareto sets
//     (ε = 0) while the work stays small, else the coarsest-necessary ε grid.
//  4. The frontier's latency is a surrogate (a sum of per-step percentiles
//     over-states the percentile of a sum; a max of percentiles under-states
//     the percentile of a max), so the choice is made by the whole-workflow
//     estimate: a binary search along the frontier — sorted by surrogate
//     latency, cost falling — for the cheapest point whose estimated
//     percentile meets the SLO, starting at the point the surrogate alone
//     would pick. About log2(frontier size) estimates.
// Assumes: a step's latency and cost do not depend on its neighbours'
// configurations (true of memory sizing), and that the estimate's feasibility
// is close to monotone along the frontier (the binary search then finds the
// boundary; polish.ts works on from there).
// Complexity: leaves O(steps × options); composition O(fixings × Σ joins
// |a|·|b|) bounded by MAX_WORK; O(log P) whole-workflow estimates.
import { deploymentWith, type Assignment } from './function-options.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { SpTree } from '../ir/sp-tree.ts';
import { invokesFunction, type IR, type Slo } from '../ir/types.ts';
import { latencyAt, type EstimateFn, type EstimateSummary } from './estimator-port.ts';
import { composeFrontier, unionFrontier } from './frontier/compose.ts';
import { cheapestWithin, materialize, type ChoiceTree, type Curve, type CurvePoint } from './frontier/curve.ts';
import { expressUsdPerBilledMs } from '../model/platform.ts';
import { leafArrays, type LeafModel } from './leaf-model.ts';
import { searchFixing } from './fixing-search.ts';
import { allFixings, stepsByFunction, undominatedOptions, type Fixing } from './shared-functions.ts';
import { chooseDataPassing } from './data-passing.ts';
import { fusionCurves, groupFusionCurves, parallelFusionCurves, uniformRun, withStructure, withVariants, type StructuralOptions } from './structural-options.ts';
import type { ConfigurationOption } from './strategy.ts';

/** ε grids tried in turn: the first whose composition fits in MAX_WORK wins. */
export const FRONTIER_EPSILONS: readonly number[] = [0, 0.002, 0.01, 0.03];
/** Exact Pareto sets (ε = 0) are tried only up to this many steps, the finest grid up to the second; larger trees start coarser. */
const EXACT_MAX_STEPS = 64;
const FINE_MAX_STEPS = 2000;
/**
 * The frontier is kept up to this multiple of the SLO: enough for the search
 * (the surrogate over-states the percentile of series paths) and for
 * `--frontier` to show what a looser SLO would save.
 */
const FRONTIER_SPAN = 2;
/** Candidate points formed across all compositions of one ε before trying a coarser one. */
export const MAX_WORK = 4_000_000;
const MAX_FIXINGS = 256;
/** Targets the fixing search is redone at when its pick misses the SLO in the whole-workflow estimate. */
const DESCENT_TARGETS = 3;
/** Branch-and-bound nodes (one composition each) per fixing search. */
const MAX_FIXING_NODES = 2000;
/** Draws of a large workflow's pilot estimate (pilotGuide): one chunk of the estimator's, an eighth of the default 2,000. */
export const PILOT_SAMPLES = 256;
/** Share of the SLO kept free below the pilot's prediction when it places the start (the gap drifts a little along the frontier). */
export const PILOT_MARGIN = 0.005;
/** Large workflows: a further whole-workflow estimate is made only for a frontier point at least this much cheaper. */
export const LARGE_WORKFLOW_MIN_SAVING = 0.005;

/** How a large workflow's search was placed by its pilot estimate (for the decision log). */
export interface PilotGuide {
  samples: number;
  surrogateLatencyMs: number;
  pilotLatencyMs: number;
  /** The high end of the pilot's Monte Carlo interval of the SLO percentile. */
  pilotHighMs: number;
  /** pilotHighMs − surrogateLatencyMs: the surrogate's error at its own pick. */
  gapMs: number;
  /** The surrogate latency the start was chosen within: SLO − gap − PILOT_MARGIN × SLO (the pick's own when the gap is not positive). */
  targetMs: number;
  /** Frontier indices: the surrogate's pick, and where the search started. */
  pickIndex: number;
  startIndex: number;
}

interface SearchResult {
  best?: CheckedPlan;
  checks: CheckedPlan[];
  pilot?: PilotGuide;
}

export interface FunctionPick {
  /** '' when the pick fixes no function's configuration (a fused group's, or a fixed function's variant). */
  fn: string;
  option: ConfigurationOption;
  /** A map step's variant (bundle size, Distributed Map) when it is not the plain one. */
  variant?: { step: string; bundleSize: number; distributed: boolean; warmedBy?: string };
  /** Steps fused into one Lambda at `option`. */
  group?: readonly string[];
  /** The group is a Parallel state's branches run concurrently (no edges between its members), not a chain. */
  parallelGroup?: boolean;
  /** A group that is neither: the edges between its members (keys `from->to`), passed in-process. */
  groupEdges?: readonly string[];
}

export interface SizingContext {
  ir: IR;
  tree: SpTree;
  options: ReadonlyMap<string, readonly ConfigurationOption[]>;
  leaves: LeafModel;
  slo: Slo;
  estimate: EstimateFn;
  base: Deployment;
  /** Whole-workflow estimates the search may spend (at least 2: its start and, when that misses, the fastest point). */
  maxChecks: number;
  /** Structural options joined to the leaves: map variants (bundles, Distributed Map) and fusion of series runs. Absent: memory only. */
  structure?: StructuralOptions;
  /**
   * Large-workflow mode: when the surrogate finds no frontier point within the
   * SLO, this assignment (each function at its fastest) is checked before the
   * frontier's fastest point, and when it misses the search stops there —
   * nothing on the frontier is faster, and a whole-workflow estimate is the
   * expensive part of sizing a large workflow.
   */
  fastestFirst?: () => Assignment;
}

export interface CheckedPlan {
  assignment: Map<string, ConfigurationOption>;
  deployment: Deployment;
  summary: EstimateSummary;
  surrogateLatencyMs: number;
  meetsSlo: boolean;
}

export interface FrontierSizing {
  /** Cheapest checked plan that meets the SLO, if any. */
  best?: CheckedPlan;
  frontier: Curve<FunctionPick>;
  epsilon: number;
  sharedFunctions: string[];
  /** How the shared functions were fixed: 'none', 'all combinations', or the fixing search's method. */
  fixingMethod: string;
  fixings: number;
  checks: CheckedPlan[];
  /** Large workflows: how the pilot estimate placed the search's start (the last one made). */
  pilot?: PilotGuide;
}

/** Frontier sizing, or undefined when the composition does not fit the work budget at any ε. */
export function frontierSizing(ctx: SizingContext): FrontierSizing | undefined {
  const steps = stepsByFunction(ctx.ir);
  const shared = [...steps.keys()].filter((fn) => steps.get(fn)!.length > 1).sort();
  const sharedOptions = new Map(shared.map((fn) => [fn, undominatedOptions(steps.get(fn)!, ctx.options.get(fn)!, ctx.leaves)]));
  const leafCurves = new Map<string, Curve<FunctionPick>>();
  // Every step's own curve; a shared function's steps use theirs only while it is not fixed (the relaxation the fixing search bounds with).
  for (const [fn, list] of steps) {
    const options = shared.includes(fn) ? sharedOptions.get(fn)! : ctx.options.get(fn)!;
    for (const step of list) {
      const { latencyMs, costUsd } = leafArrays(ctx.leaves, step, options);
      const plain = leafCurve(fn, options, latencyMs, costUsd);
      leafCurves.set(step, ctx.structure ? withVariants(ctx, step, fn, options, plain) : plain);
    }
  }
  const fuse = ctx.structure?.fusion ? fusionCurves(ctx) : undefined;
  const longRun = fuse ? uniformRun(ctx) : undefined;
  const fuseParallel = ctx.structure?.fusion && ctx.leaves.parallelGroup ? parallelFusionCurves(ctx) : undefined;
  const fuseGroup = ctx.structure?.fusion && ctx.leaves.parallelGroup ? groupFusionCurves(ctx) : undefined;
  const expressUsdPerMs = ctx.base.orchestration === 'express' ? expressUsdPerBilledMs(ctx.ir.region) : 0;
  const compose = (fixing: Fixing, epsilon: number, budget: { left: number }): Curve<FunctionPick> | undefined => {
    const curve = composeFrontier<FunctionPick>(ctx.tree, (step) => leafCurveOf(ctx, step, fixing, leafCurves), NO_PICK, { epsilon, budget, maxLatencyMs: FRONTIER_SPAN * ctx.slo.latencyMs, ...(fuse ? { fuse } : {}), ...(longRun ? { longRun } : {}), ...(fuseParallel ? { fuseParallel } : {}), ...(fuseGroup ? { fuseGroup } : {}) });
    const joined = curve?.map((p) => ({ ...p, choice: { kind: 'join', parts: [p.choice, fixingChoice(fixing)] } as ChoiceTree<FunctionPick> }));
    return joined && expressUsdPerMs > 0 ? withExpressDuration(joined, expressUsdPerMs) : joined;
  };

  const enumerated = allFixings(shared, sharedOptions, MAX_FIXINGS);
  const stepCount = ctx.ir.graph.nodeCount();
  const epsilons = FRONTIER_EPSILONS.slice(stepCount <= EXACT_MAX_STEPS ? 0 : stepCount <= FINE_MAX_STEPS ? 1 : 2);
  for (const epsilon of epsilons) {
    const budget = { left: MAX_WORK };
    if (enumerated) {
      const curves: Curve<FunctionPick>[] = [];
      for (const fixing of enumerated) {
        const curve = compose(fixing, epsilon, budget);
        if (!curve) break;
        curves.push(curve);
      }
      if (curves.length < enumerated.length) continue;
      const frontier = unionFrontier(curves, epsilon);
      if (frontier.length === 0) continue;
      const searched = searchFrontier(ctx, frontier, ctx.maxChecks);
      return { ...searched, frontier, epsilon, sharedFunctions: shared, fixingMethod: shared.length === 0 ? 'none' : 'all combinations', fixings: enumerated.length };
    }
    // Too many fixings to enumerate: the fixing cheapest at a target (fixing-search.ts); when the whole-workflow
    // estimate of its frontier's pick misses, the target is tightened by the miss and the fixing searched again.
    let targetMs = ctx.slo.latencyMs;
    const frontiers: Curve<FunctionPick>[] = [];
    const checks: CheckedPlan[] = [];
    let fixings = 0;
    let best: CheckedPlan | undefined;
    let overBudget = false;
    let fixingMethod = 'branch and bound';
    let pilot: PilotGuide | undefined;
    for (let round = 0; round < DESCENT_TARGETS && checks.length < ctx.maxChecks; round += 1) {
      // The search gets its own work budget, so that running out of it still leaves room to compose the fixing it found.
      const searchBudget = { left: MAX_WORK };
      const found = searchFixing({ shared, sharedOptions, steps, leaves: ctx.leaves, compose: (f) => compose(f, epsilon, searchBudget), targetMs, maxNodes: MAX_FIXING_NODES });
      if (found) fixingMethod = found.complete ? 'branch and bound' : `${found.method} (node budget reached)`;
      const fixing = found?.fixing;
      const frontier = fixing && compose(fixing, epsilon, budget);
      if (!frontier || frontier.length === 0) {
        overBudget = true;
        break;
      }
      fixings += 1;
      frontiers.push(frontier);
      const searched = searchFrontier(ctx, frontier, Math.max(2, ctx.maxChecks - checks.length));
      checks.push(...searched.checks);
      if (searched.pilot) pilot = searched.pilot;
      if (searched.best && (!best || searched.best.summary.costUsd < best.summary.costUsd)) best = searched.best;
      if (searched.best) break;
      const start = searched.checks[0]!;
      targetMs *= (ctx.slo.latencyMs / Math.max(latencyAt(start.summary, ctx.slo.percentile), 1e-9)) * 0.98;
    }
    if (overBudget && fixings === 0) continue;
    const result: FrontierSizing = { frontier: unionFrontier(frontiers, epsilon), epsilon, sharedFunctions: shared, fixingMethod, fixings, checks };
    if (best) result.best = best;
    if (pilot) result.pilot = pilot;
    return result;
  }
  return undefined;
}

/**
 * Under Express the execution's own bill grows with its duration (64 MB × the wall time), which no leaf carries (a
 * leaf's cost leaves the workflow's bill out): a slower point saving compute could cost more in all. Each point is
 * charged that bill at its surrogate latency and the curve pruned again (a slower point no cheaper is dropped). The
 * surrogate is a percentile-level latency, above the mean duration Express bills, so this leans towards faster
 * points by at most that difference; the whole-workflow estimate bills the real duration. On ml-pipeline at 3× its
 * SLO the search had picked a plan $0.41 per 1M cheaper in compute and $2.40 dearer in Express duration.
 */
function withExpressDuration(curve: Curve<FunctionPick>, usdPerMs: number): Curve<FunctionPick> {
  const kept: CurvePoint<FunctionPick>[] = [];
  for (const point of curve) {
    const costUsd = point.costUsd + usdPerMs * point.latencyMs;
    if (kept.length === 0 || costUsd < kept[kept.length - 1]!.costUsd) kept.push({ ...point, costUsd });
  }
  return kept;
}

/**
 * A step's Pareto curve over its options: what pareto() keeps of the points
 * (leaf latency and cost, pick) in option order, with the points and picks made
 * only for the options kept (a 10k-step workflow has hundreds of thousands of options).
 */
function leafCurve(fn: string, options: readonly ConfigurationOption[], latencyMs: ArrayLike<number>, costUsd: ArrayLike<number>): Curve<FunctionPick> {
  // By latency, then cost; stable like pareto's sort (ties keep option order). An insertion sort: a row is a
  // few dozen options, already near latency order (options go by memory), and it allocates nothing but the order.
  const order = new Int32Array(options.length);
  for (let k = 0; k < order.length; k += 1) {
    let j = k;
    while (j > 0 && (latencyMs[order[j - 1]!]! - latencyMs[k]! || costUsd[order[j - 1]!]! - costUsd[k]!) > 0) {
      order[j] = order[j - 1]!;
      j -= 1;
    }
    order[j] = k;
  }
  const curve: CurvePoint<FunctionPick>[] = [];
  let lastCostUsd = Infinity;
  // Indexed, not for-of: iterating a typed array makes an iterator result per element until V8 optimizes the loop.
  for (let k = 0; k < order.length; k += 1) {
    const i = order[k]!;
    if (curve.length > 0 && !(costUsd[i]! < lastCostUsd)) continue;
    curve.push({ latencyMs: latencyMs[i]!, costUsd: costUsd[i]!, choice: leafChoice({ fn, option: options[i]! }) });
    lastCostUsd = costUsd[i]!;
  }
  return curve;
}

function leafCurveOf(ctx: SizingContext, step: string, fixing: Fixing, leafCurves: ReadonlyMap<string, Curve<FunctionPick>>): Curve<FunctionPick> | undefined {
  const node = ctx.ir.graph.node(step);
  if (!invokesFunction(node)) return undefined;
  const fixed = fixing.get(node.functionName);
  if (!fixed) return leafCurves.get(step);
  // A fixed function's choice is recorded once, at the root (fixingChoice), not per leaf; its map variants stay free.
  const plain: Curve<FunctionPick> = [{ ...ctx.leaves.leaf(step, fixed), choice: leafChoice(NO_PICK) }];
  return ctx.structure ? withVariants(ctx, step, '', [fixed], plain) : plain;
}

/**
 * Binary search along the frontier (surrogate latency ascending, cost
 * descending) for the last point whose whole-workflow estimate meets the SLO.
 * Every estimate made is kept; the cheapest one that meets the SLO wins, so a
 * non-monotone stretch can only help.
 */
function searchFrontier(ctx: SizingContext, frontier: Curve<FunctionPick>, maxChecks: number): SearchResult {
  const checked = new Map<number, CheckedPlan>();
  const check = (i: number): CheckedPlan => {
    let plan = checked.get(i);
    if (!plan) {
      plan = checkPoint(ctx, frontier[i]!);
      checked.set(i, plan);
    }
    return plan;
  };
  const surrogatePick = cheapestWithin(frontier, ctx.slo.latencyMs);
  // Large workflows: a pilot estimate of the surrogate's pick moves the start to where the estimate, not the surrogate, puts the SLO.
  const guide = surrogatePick && ctx.fastestFirst ? pilotGuide(ctx, frontier, surrogatePick) : undefined;
  const start = guide ? frontier[guide.startIndex] : surrogatePick;
  let fastest: CheckedPlan | undefined;
  if (!start && ctx.fastestFirst) {
    fastest = checkAssignment(ctx, ctx.fastestFirst(), 0);
    if (!fastest.meetsSlo) return { checks: [fastest] };
  }
  const startIndex = start ? frontier.indexOf(start) : 0;
  let lo = -1;
  let hi = frontier.length;
  if (check(startIndex).meetsSlo) lo = startIndex;
  else hi = startIndex;
  if (lo < 0 && hi > 0 && check(0).meetsSlo) lo = 0;
  if (lo >= 0 && ctx.fastestFirst) hi = calibratedBound(ctx, frontier, lo, check(lo), hi);
  if (lo >= 0) {
    while (hi - lo > 1 && checked.size < maxChecks) {
      // Large workflows: a whole-workflow estimate is the expensive part of the run; not spent on a saving under LARGE_WORKFLOW_MIN_SAVING.
      if (ctx.fastestFirst && frontier[hi - 1]!.costUsd > (1 - LARGE_WORKFLOW_MIN_SAVING) * frontier[lo]!.costUsd) break;
      const mid = (lo + hi) >> 1;
      if (check(mid).meetsSlo) lo = mid;
      else hi = mid;
    }
  }
  // In the order made: the first is the surrogate's own pick (or the fastest plan, in large-workflow mode).
  const checks = [...(fastest ? [fastest] : []), ...checked.values()];
  const feasible = checks.filter((c) => c.meetsSlo).sort((a, b) => a.summary.costUsd - b.summary.costUsd);
  const result: SearchResult = { checks };
  if (feasible[0]) result.best = feasible[0];
  if (guide) result.pilot = guide;
  return result;
}

/**
 * Large-workflow mode: the surrogate under-states a wide workflow's percentile (a max of per-step
 * percentiles misses that among thousands of branches some are cold or slow to dispatch), so its own pick
 * usually misses and costs a second whole-workflow estimate. A pilot of PILOT_SAMPLES draws of that pick
 * (one eighth of the default estimate) measures the surrogate's error there — the pilot's high interval end
 * minus the surrogate — and the search starts at the cheapest point whose surrogate latency plus that gap,
 * plus PILOT_MARGIN of the SLO, is within the SLO. The gap is taken as additive because what the surrogate
 * leaves out (dispatch tails, cold starts among thousands of branches) does not shrink with faster memory: on
 * the 10k bench workflow a ratio (estimate / surrogate) carried from the pick to a faster point missed by
 * 0.25 %, the gap did not. A start that still misses is searched on from exactly as before.
 */
function pilotGuide(ctx: SizingContext, frontier: Curve<FunctionPick>, pick: CurvePoint<FunctionPick>): PilotGuide | undefined {
  const pilot = ctx.estimate.pilot;
  if (!pilot) return undefined;
  const { assignment, structure } = picksOf(pick);
  const deployment = deploymentOf(ctx, assignment, structure);
  const summary = pilot(ctx.ir, deployment, ctx.slo.percentile, PILOT_SAMPLES);
  const highMs = summary.monteCarlo?.percentile === ctx.slo.percentile ? summary.monteCarlo.highMs : latencyAt(summary, ctx.slo.percentile);
  const gapMs = highMs - pick.latencyMs;
  const targetMs = ctx.slo.latencyMs - gapMs - PILOT_MARGIN * ctx.slo.latencyMs;
  const start = gapMs > 0 ? cheapestWithin(frontier, targetMs) : pick;
  return {
    samples: summary.monteCarlo?.samples ?? PILOT_SAMPLES,
    surrogateLatencyMs: pick.latencyMs,
    pilotLatencyMs: latencyAt(summary, ctx.slo.percentile),
    pilotHighMs: highMs,
    gapMs,
    targetMs: gapMs > 0 ? targetMs : pick.latencyMs,
    pickIndex: frontier.indexOf(pick),
    startIndex: start ? frontier.indexOf(start) : 0,
  };
}

/**
 * Large-workflow mode, after the point at `lo` met the SLO: the frontier's surrogate latencies scaled by what
 * the estimate made of that point (estimated / surrogate there) — the points past the last one that scaled
 * surrogate still puts within the SLO are predicted to miss, so the search does not spend one of its few
 * whole-workflow estimates on them. Returns the new exclusive upper end of the search.
 */
function calibratedBound(ctx: SizingContext, frontier: Curve<FunctionPick>, lo: number, met: CheckedPlan, hi: number): number {
  const ratio = latencyAt(met.summary, ctx.slo.percentile) / Math.max(frontier[lo]!.latencyMs, 1e-9);
  let last = lo;
  while (last + 1 < hi && frontier[last + 1]!.latencyMs * ratio <= ctx.slo.latencyMs) last += 1;
  return last + 1;
}

export function checkPoint(ctx: SizingContext, point: CurvePoint<FunctionPick>): CheckedPlan {
  const { assignment, structure } = picksOf(point);
  return checkAssignment(ctx, assignment, point.latencyMs, structure);
}

export function checkAssignment(ctx: Pick<SizingContext, 'ir' | 'base' | 'estimate' | 'slo'>, assignment: Assignment, surrogateLatencyMs: number, structure: readonly FunctionPick[] = []): CheckedPlan {
  const deployment = deploymentOf(ctx, assignment, structure);
  const summary = ctx.estimate(ctx.ir, deployment);
  return { assignment: new Map(assignment), deployment, summary, surrogateLatencyMs, meetsSlo: latencyAt(summary, ctx.slo.percentile) <= ctx.slo.latencyMs };
}

function picksOf(point: CurvePoint<FunctionPick>): { assignment: Map<string, ConfigurationOption>; structure: FunctionPick[] } {
  const assignment = new Map<string, ConfigurationOption>();
  const structure: FunctionPick[] = [];
  for (const pick of materialize(point.choice)) {
    if (pick === NO_PICK) continue;
    if (pick.fn !== '') assignment.set(pick.fn, pick.option);
    if (pick.variant || pick.group) structure.push(pick);
  }
  return { assignment, structure };
}

function deploymentOf(ctx: Pick<SizingContext, 'ir' | 'base'>, assignment: Assignment, structure: readonly FunctionPick[]): Deployment {
  // Fusion merges states (a group takes all its members' inputs in one payload): the payload limits are applied to
  // the structure being checked, so the estimate judges the data passing the plan will have.
  const structured = withStructure(deploymentWith(ctx.ir, assignment, ctx.base), structure);
  return structure.some((p) => p.group) ? { ...structured, edges: chooseDataPassing(ctx.ir, structured).edges } : structured;
}

export const NO_PICK: FunctionPick = { fn: '', option: { memoryMb: 0, architecture: 'x86_64' } };

function leafChoice(pick: FunctionPick): ChoiceTree<FunctionPick> {
  return { kind: 'leaf', payload: pick };
}

function fixingChoice(fixing: Fixing): ChoiceTree<FunctionPick> {
  return { kind: 'join', parts: [...fixing].map(([fn, option]) => leafChoice({ fn, option })) };
}

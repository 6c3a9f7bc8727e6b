// The structural choices the frontier search makes jointly with memory
// (docs/optimizer.md): each becomes more points on a leaf's curve or an
// alternative at a series node, so that a plan's memory, bundles, map mode
// and fusion are picked together by the same composition and the same
// whole-workflow estimate.
//
// - Map variants (WiseFuse/Photons bundling; Sequoia/Distributed Map): a map
//   step's curve holds every (configuration × bundle size × Inline or
//   Distributed Map) leaf, probed by the estimator itself, so the bundle's
//   makespan on the Lambda's vCPUs (with the profile's spread: stragglers)
//   and the waves of 40 or 10,000 are in its numbers. Inline is not offered
//   when the map's iterations would overflow Standard's 25,000-event history;
//   a variant whose one invocation would pass Lambda's 900 s is not offered.
// - Fusion (WiseFuse, Wukong chains, Fusionize): a run of consecutive task
//   steps of a series becomes one Lambda at one configuration common to its
//   members (every member's candidates hold it, so every member's footprint
//   fits). Its leaf is closed-form from the members' leaves at that
//   configuration: their latencies added less the transitions and hops fusion
//   removes, their costs added less the transitions and requests it removes;
//   the whole-workflow estimate (src/sim/fused-view.ts) then judges the plan as
//   fused. A run whose summed latency comes within 10 % of 900 s is not fused.
//   The S3 hops its merged state payload forces are in its leaf (group-payload.ts).
//   A Parallel state's single-step branches may be fused too (parallelFusionCurves):
//   one invocation running them concurrently on its vCPUs, its points probed
//   with the estimator's fused model.
// Complexity: variants O(options × variants) probes per map shape; fusion
// O(members × options) per run, runs bounded by MAX_FUSED_RUN per series child
// (MAX_UNIFORM_FUSED_RUN for a chain of one function: uniformRun).
import { edgeKey, type Deployment, type FusionGroup, type StepDeployment } from '../ir/deployment.ts';
import { convexIn } from '../ir/convex.ts';
import { innerEdges } from '../ir/inner-edges.ts';
import { topologicalOrder } from '../ir/topological-order.ts';
import { invokesFunction, type IR } from '../ir/types.ts';
import { maxWidth } from '../ir/width.ts';
import { meanTaskDispatchMs } from '../model/dispatch-mean.ts';
import { LAMBDA_LIMITS, mapConcurrencyLimit, OVERHEADS, pricesFor, STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';
import { pareto, type ChoiceTree, type Curve, type CurvePoint } from './frontier/curve.ts';
import type { FunctionPick, SizingContext } from './frontier-sizing.ts';
import { mergedInputHops } from './group-payload.ts';
import type { LeafEstimate } from './leaf-model.ts';
import type { StepVariant } from './step-probe.ts';
import type { ConfigurationOption } from './strategy.ts';

export interface StructuralOptions {
  fusion: boolean;
  bundling: boolean;
  distributedMaps: boolean;
  /** Warm-up pings from the entry step offered per task step, chosen with its memory (prewarm.ts then weighs provisioned concurrency). */
  pings?: boolean;
}

export const ALL_STRUCTURE: StructuralOptions = { fusion: true, bundling: true, distributedMaps: true };

/** Bundle sizes tried for a map (WiseFuse's fixed 6 among them). */
export const BUNDLE_SIZES: readonly number[] = [1, 2, 4, 6, 8, 16];
/**
 * History events one Inline Map iteration of a single Task writes in a Standard execution (MapIterationStarted,
 * TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited, MapIterationSucceeded), plus
 * the map state's own; Standard allows 25,000 per execution (STEP_FUNCTIONS_LIMITS).
 */
const EVENTS_PER_INLINE_ITERATION = 7;
const EVENTS_PER_MAP_STATE = 10;
/** A fused run stays this far under Lambda's 900 s. */
export const FUSED_DURATION_HEADROOM = 0.9;

export const FUSION_GROUP_PREFIX = '~fuse-';

/** The variants a map step may run as under this orchestration (plain first). */
export function mapVariants(ir: IR, step: string, orchestration: Deployment['orchestration'], options: StructuralOptions): StepVariant[] {
  const node = ir.graph.node(step);
  if (node.kind !== 'map') return [{ bundleSize: 1, distributed: false }];
  const widest = maxWidth(node.width);
  const inlineFits = orchestration !== 'standard' || widest * EVENTS_PER_INLINE_ITERATION + EVENTS_PER_MAP_STATE <= STEP_FUNCTIONS_LIMITS.standardMaxHistoryEvents;
  const bundles = options.bundling ? BUNDLE_SIZES.filter((b) => b === 1 || b < widest) : [1];
  const modes = [...(inlineFits ? [false] : []), ...(options.distributedMaps && (widest > STEP_FUNCTIONS_LIMITS.inlineMapConcurrency || !inlineFits) ? [true] : [])];
  return modes.flatMap((distributed) => bundles.map((bundleSize) => ({ bundleSize, distributed })));
}

/** A step's curve with its map variants added to the plain leaves (a plain step's curve unchanged). */
export function withVariants(ctx: SizingContext, step: string, fn: string, options: readonly ConfigurationOption[], plain: Curve<FunctionPick>): Curve<FunctionPick> {
  const node = ctx.ir.graph.node(step);
  if (node.kind === 'task' && ctx.structure?.pings && ctx.leaves.variants) return withPings(ctx, step, fn, options, plain);
  if (node.kind !== 'map' || !ctx.leaves.variants || !ctx.structure) return plain;
  const variants = mapVariants(ctx.ir, step, ctx.base.orchestration, ctx.structure);
  const plainAllowed = variants.some((v) => v.bundleSize === 1 && !v.distributed);
  const points: CurvePoint<FunctionPick>[] = plainAllowed ? [...plain] : [];
  for (const variant of variants) {
    if (variant.bundleSize === 1 && !variant.distributed) continue;
    for (const option of options) {
      const leaf = ctx.leaves.leaf(step, option, variant);
      if (!variantFits(ctx.ir, step, variant, leaf.latencyMs)) continue;
      points.push({ ...leaf, choice: leaf1({ fn, option, variant: { step, ...variant } }) });
    }
  }
  return pareto(points);
}

/**
 * Whether a map variant whose whole fan-out takes this long (its leaf latency) keeps one invocation within Lambda's
 * 900 s: the fan-out runs in ⌈⌈W / b⌉ / concurrency⌉ waves one after another, so one invocation takes the
 * latency over the waves.
 */
export function variantFits(ir: IR, step: string, variant: StepVariant, leafLatencyMs: number): boolean {
  const node = ir.graph.node(step);
  if (node.kind !== 'map') return true;
  const concurrency = Math.min(node.maxConcurrency > 0 ? node.maxConcurrency : Infinity, mapConcurrencyLimit(variant.distributed));
  const waves = Math.ceil(Math.ceil(maxWidth(node.width) / variant.bundleSize) / concurrency);
  return leafLatencyMs / waves <= LAMBDA_LIMITS.maxTimeoutMs;
}

/**
 * A task step's curve with warm-up pinged points added (Xanadu): at each option, the step probed with a ping from
 * the entry step — its invocations never cold, each execution paying the ping (a request and its billed time, a cold
 * ping's init). Where executions are rare, a pinged small size can beat the large size an unpinged cold start
 * needs, which prewarming after sizing cannot find. Not offered for the entry itself or a Batch step. Inside a
 * choice branch the frontier weighs the ping's cost by the branch's odds although every execution pays it; the
 * whole-workflow estimate, which judges the plan, bills it in full.
 */
function withPings(ctx: SizingContext, step: string, fn: string, options: readonly ConfigurationOption[], plain: Curve<FunctionPick>): Curve<FunctionPick> {
  const entry = pingingEntry(ctx.ir);
  const node = ctx.ir.graph.node(step);
  if (entry === undefined || entry === step || !invokesFunction(node) || ctx.base.functions[node.functionName]?.batch) return plain;
  const points: CurvePoint<FunctionPick>[] = [...plain];
  for (const option of options) {
    const variant = { bundleSize: 1, distributed: false, warmedBy: entry };
    const leaf = ctx.leaves.leaf(step, option, variant);
    points.push({ ...leaf, choice: leaf1({ fn, option, variant: { step, ...variant } }) });
  }
  return pareto(points);
}

/** The step whose Lambda sends the warm-up pings: the first (by id) step that runs a function and has no predecessor. */
export function pingingEntry(ir: IR): string | undefined {
  // Asked once per task step while the frontier's leaf curves are built: found once per IR, not by sorting every node each time.
  if (!entries.has(ir)) entries.set(ir, [...ir.graph.nodes()].sort().find((id) => invokesFunction(ir.graph.node(id)) && (ir.graph.predecessors(id) ?? []).length === 0));
  return entries.get(ir);
}

const entries = new WeakMap<IR, string | undefined>();

/** The fusion hook for composeFrontier: a run's curve over the configurations its members share, or undefined. */
export function fusionCurves(ctx: SizingContext): (steps: readonly string[]) => Curve<FunctionPick> | undefined {
  const prices = pricesFor(ctx.ir.region);
  const transitionUsd = ctx.base.orchestration === 'standard' ? prices.standardTransitionUsd : 0;
  return (steps) => {
    // Only a chain (each member feeding the next) is fused; a series of leaves the decomposition joined virtually is not one.
    for (let i = 1; i < steps.length; i += 1) if (!ctx.ir.graph.hasEdge(steps[i - 1]!, steps[i]!)) return undefined;
    const common = sharedConfigurations(ctx, steps);
    if (!common || common.length === 0) return undefined;
    let hopMs = 0;
    for (let i = 1; i < steps.length; i += 1) hopMs += (ctx.ir.graph.edge(steps[i - 1]!, steps[i]!).bytes / OVERHEADS.inlineBytesPerSecond) * 1000;
    const removed = steps.length - 1;
    // Each member after the first no longer waits for a Task dispatch: the calibration's mean (as the leaves charge it).
    const dispatchMs = meanTaskDispatchMs(ctx.base.orchestration, ctx.estimate.calibration);
    // The run is one state: its members' outside inputs share one payload, and what passes the limit goes through S3.
    const merged = mergedInputHops(ctx, steps);
    const points: CurvePoint<FunctionPick>[] = [];
    for (const option of common) {
      let latencyMs = 0;
      let costUsd = 0;
      for (const step of steps) {
        const leaf = ctx.leaves.leaf(step, option);
        latencyMs += leaf.latencyMs;
        costUsd += leaf.costUsd;
      }
      if (latencyMs > FUSED_DURATION_HEADROOM * LAMBDA_LIMITS.maxTimeoutMs) continue;
      points.push({
        latencyMs: latencyMs - removed * dispatchMs - hopMs + merged.latencyMs,
        costUsd: costUsd - removed * (transitionUsd + prices.lambdaRequestUsd) + merged.costUsd,
        choice: leaf1({ fn: '', option, group: [...steps] }),
      });
    }
    return points.length > 0 ? pareto(points) : undefined;
  };
}

/**
 * composeFrontier's longRun: a run longer than MAX_FUSED_RUN is still offered for fusion when it is a uniform chain —
 * every member a task step of one function, as an unrolled loop is (sebs-excamera's rebase-00 … rebase-07). Its group
 * takes that function's own configurations (no intersection of several functions' candidates), and fusing it whole
 * removes a dispatch, a request and (under Standard) a transition per iteration.
 */
export function uniformRun(ctx: SizingContext): (steps: readonly string[]) => boolean {
  return (steps) => {
    let fn: string | undefined;
    for (const step of steps) {
      const node = ctx.ir.graph.node(step);
      if (!node || node.kind !== 'task') return false;
      if (fn === undefined) fn = node.functionName;
      else if (node.functionName !== fn) return false;
    }
    return true;
  };
}

/**
 * The fusion hook for a Parallel state's branches (composeFrontier's fuseParallel): the branches' task steps as
 * one Lambda at each configuration every member's candidates hold, from the leaf model's own probe of the group
 * run alone (the estimator's fused model: members run concurrently and share the Lambda's vCPUs by each one's
 * fitted parallelism, not as free concurrency; their summed footprints must fit). A group whose latency comes
 * within 10 % of 900 s is not offered. Undefined when the leaf model cannot judge a group or nothing fits.
 */
export function parallelFusionCurves(ctx: SizingContext): (steps: readonly string[]) => Curve<FunctionPick> | undefined {
  const probe = ctx.leaves.parallelGroup?.bind(ctx.leaves);
  return (steps) => {
    const common = probe && sharedConfigurations(ctx, steps);
    if (!common) return undefined;
    // The branches become one state: their inputs share one payload, and what passes the limit goes through S3.
    const merged = mergedInputHops(ctx, steps);
    const points: CurvePoint<FunctionPick>[] = [];
    for (const option of common) {
      const leaf = probe(steps, option);
      if (!leaf || !withinFusedDuration(leaf)) continue;
      points.push({ latencyMs: leaf.latencyMs + merged.latencyMs, costUsd: leaf.costUsd + merged.costUsd, choice: leaf1({ fn: '', option, group: [...steps], parallelGroup: true }) });
    }
    return points.length > 0 ? pareto(points) : undefined;
  };
}

/**
 * The fusion hook for a part that is neither a chain nor a Parallel state of single steps (composeFrontier's
 * fuseGroup): a run through a Parallel state ((a | b); c — a fan-in whose inputs then stay in memory) or a Parallel
 * state whose branches are chains (a; b | c). Its points are the leaf model's probe of the part run alone as one
 * Lambda (the estimator's fused model: members in stages, a stage's members concurrently on the Lambda's vCPUs);
 * the edges between members pass in-process. Offered only where the part is convex in the graph the plan runs
 * on (a restructured workflow's join between two stages cannot be inside a Lambda), and not within 10 % of 900 s.
 */
export function groupFusionCurves(ctx: SizingContext): (steps: readonly string[]) => Curve<FunctionPick> | undefined {
  const probe = ctx.leaves.parallelGroup?.bind(ctx.leaves);
  const convex = convexIn(ctx.ir.graph);
  // FusionGroup.steps are in the graph's topological order (ties by id), as the exhaustive baseline lists them: the
  // tree's order is topological too but puts a parallel's branches whole, one after another.
  const position = new Map(topologicalOrder(ctx.ir).map((id, i) => [id, i] as const));
  return (treeSteps) => {
    const steps = [...treeSteps].sort((a, b) => position.get(a)! - position.get(b)!);
    const common = probe && sharedConfigurations(ctx, steps);
    if (!common || common.length === 0 || !convex(steps)) return undefined;
    const groupEdges = innerEdges(ctx.ir, steps).map(([from, to]) => edgeKey(from, to));
    // The part is one state: its members' inputs from outside share one payload, and what passes the limit goes through S3.
    const merged = mergedInputHops(ctx, steps);
    const points: CurvePoint<FunctionPick>[] = [];
    for (const option of common) {
      const leaf = probe(steps, option);
      if (!leaf || !withinFusedDuration(leaf)) continue;
      points.push({ latencyMs: leaf.latencyMs + merged.latencyMs, costUsd: leaf.costUsd + merged.costUsd, choice: leaf1({ fn: '', option, group: steps, groupEdges }) });
    }
    return points.length > 0 ? pareto(points) : undefined;
  };
}

/** A fused group's probe within 90 % of Lambda's 900 s on the pessimistic tail (its p99, when the probe says it). */
function withinFusedDuration(leaf: LeafEstimate): boolean {
  return Math.max(leaf.latencyMs, leaf.pessimisticLatencyMs ?? 0) <= FUSED_DURATION_HEADROOM * LAMBDA_LIMITS.maxTimeoutMs;
}

/**
 * The configurations every one of these steps' functions can take (its candidates hold it, so its footprint fits),
 * in the first one's order; undefined when a step cannot be fused (not a Task step, or a Batch job).
 */
function sharedConfigurations(ctx: SizingContext, steps: readonly string[]): ConfigurationOption[] | undefined {
  const functions: string[] = [];
  for (const step of steps) {
    const node = ctx.ir.graph.node(step);
    if (!node || !invokesFunction(node) || node.kind !== 'task' || ctx.base.functions[node.functionName]?.batch) return undefined;
    functions.push(node.functionName);
  }
  return ctx.options.get(functions[0]!)!.filter((o) => functions.every((fn) => ctx.options.get(fn)!.some((p) => p.memoryMb === o.memoryMb && p.architecture === o.architecture)));
}

/** A deployment with the picked map variants and fusion groups written in (groups' inner edges in-process). */
export function withStructure(deployment: Deployment, picks: readonly FunctionPick[]): Deployment {
  if (picks.length === 0) return deployment;
  const steps: Record<string, StepDeployment> = { ...deployment.steps };
  const groups: Record<string, FusionGroup> = { ...(deployment.groups ?? {}) };
  const edges = { ...deployment.edges };
  for (const pick of picks) {
    if (pick.variant) {
      const { step, bundleSize, distributed, warmedBy } = pick.variant;
      steps[step] = { ...steps[step], ...(bundleSize > 1 ? { bundleSize } : {}), ...(distributed ? { map: { mode: 'distributed', maxConcurrency: 0 } } : {}), ...(warmedBy !== undefined ? { warmedBy } : {}) };
    }
    if (pick.group) {
      const id = `${FUSION_GROUP_PREFIX}${pick.group[0]}`;
      groups[id] = { steps: [...pick.group], memoryMb: pick.option.memoryMb, architecture: pick.option.architecture };
      for (const step of pick.group) steps[step] = { ...steps[step], fusionGroup: id };
      // A chain's consecutive members pass their data in-process, as do the members of any other fused part (its
      // edges listed by the pick); a Parallel state's branches have no edges between them.
      if (pick.groupEdges) for (const key of pick.groupEdges) edges[key] = 'in-process';
      else if (!pick.parallelGroup) for (let i = 1; i < pick.group.length; i += 1) edges[edgeKey(pick.group[i - 1]!, pick.group[i]!)] = 'in-process';
    }
  }
  return { ...deployment, steps, edges, ...(Object.keys(groups).length > 0 ? { groups } : {}) };
}

function leaf1(pick: FunctionPick): ChoiceTree<FunctionPick> {
  return { kind: 'leaf', payload: pick };
}

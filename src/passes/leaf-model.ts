// Leaf numbers for the frontier: one step run at one configuration — its
// latency at the SLO's percentile and its expected cost when it runs. Every
// sizing method (frontier, slack fallback, polish) reads leaves through this
// one port, so the source can change without touching the search.
//
// Two sources:
//  - probed: the shared EstimateFn run on the step alone (StepProbe). Exact
//    with respect to the estimator that judges the plan — a map's latency is
//    the estimator's own maximum over its fan-out (cold starts, concurrency
//    waves and width distributions included) and the cost is everything the
//    estimator bills for that step. One estimate per (step, option): right
//    for apps of up to a few thousand distinct steps (steps of one function
//    and one shape share their probes).
//  - predicted: a closed-form InvocationPredictor per function (the profile's
//    fitted duration model and the price table), for graphs where one
//    estimate per leaf is too slow. A map's latency is the order statistic
//    of its fan-out: the maximum of W independent draws is below x with
//    probability F(x)^W, so its q-quantile is the invocation's quantile at
//    level q^(1/W); for a width distribution the level u solves
//    Σ_w P(W = w) · u^w = q (bisection). Bounded concurrency c runs
//    ⌈W/c⌉ waves one after another, each the maximum of c draws: the waves
//    are summed at level q^(1/waves) each (an upper bound on the quantile).
import { StepProbe, variantKey, type StepVariant } from './step-probe.ts';
import type { Orchestration } from '../ir/deployment.ts';
import { pricesFor } from '../model/platform.ts';
import { invokesFunction, PERCENTILE_LEVEL, type IR, type InvokingNode, type MapNode, type Percentile, type WidthDistribution } from '../ir/types.ts';
import { meanWidth } from '../ir/width.ts';
import type { EstimateFn, LatencySummary } from './estimator-port.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { ConfigurationOption } from './strategy.ts';

export interface LeafEstimate {
  latencyMs: number;
  costUsd: number;
  /**
   * The step's latency one percentile above the SLO's (p95 → p99; TAIL_OF): a workflow reaches its percentile
   * when any of its steps is in its tail, so a step whose tail is heavy (cold starts among many invocations,
   * a bundle's stragglers) weighs more in the workflow's percentile than its own percentile says. Only the
   * probed model has it (the estimator's own draws); polish ranks map variants by it.
   */
  tailLatencyMs?: number;
  /** The p99: what a fused group's bound against Lambda's 900 s is checked on (the probed model's groups say it). */
  pessimisticLatencyMs?: number;
}

/** The percentile above each SLO percentile that a leaf's tail is read at. */
export const TAIL_OF: Readonly<Record<Percentile, keyof LatencySummary>> = { p50: 'p90', p90: 'p95', p95: 'p99', p99: 'max' };

export interface LeafModel {
  /** How the numbers are made, for the decision log. */
  readonly method: 'probed' | 'predicted';
  /** One step run alone at one configuration (and, for a map, one variant: bundle size, Distributed Map); zeros for a choice step, which runs no function. */
  leaf(stepId: string, option: ConfigurationOption, variant?: StepVariant): LeafEstimate;
  /** Whether leaf() tells variants apart (the probed model does; the closed-form one knows only plain maps). */
  readonly variants?: boolean;
  /**
   * Task steps with no path between them (a Parallel state's branches) fused into one Lambda at one configuration,
   * run alone; undefined when they do not fit it. Only models that can judge a fused invocation offer it (the
   * probed one: the estimator's own fused model).
   */
  parallelGroup?(steps: readonly string[], option: ConfigurationOption): LeafEstimate | undefined;
  /** When the model keeps a step's leaves as a row: its options and, by index, what leaf() gives for each (read only). */
  row?(stepId: string): LeafRow | undefined;
}

export interface LeafRow {
  readonly options: readonly ConfigurationOption[];
  readonly latencyMs: Float64Array;
  readonly costUsd: Float64Array;
}

/**
 * A step's leaves over these options, by index: the model's own row when it
 * holds exactly these options (no object per leaf), else leaf by leaf.
 */
export function leafArrays(leaves: LeafModel, stepId: string, options: readonly ConfigurationOption[]): { latencyMs: Float64Array; costUsd: Float64Array } {
  const row = leaves.row?.(stepId);
  if (row && row.options === options) return row;
  const list = options.map((option) => leaves.leaf(stepId, option));
  return { latencyMs: Float64Array.from(list, (l) => l.latencyMs), costUsd: Float64Array.from(list, (l) => l.costUsd) };
}

/** Steps that differ only in id and edges have the same leaves; one probe serves them all. */
export function shapeKey(node: InvokingNode): string {
  return node.kind === 'task' ? `${node.functionName}|task` : `${node.functionName}|map|${JSON.stringify(node.width)}|${node.maxConcurrency}`;
}

/**
 * Under Express a leaf's cost leaves out the execution's own Step Functions bill (one request and
 * its duration, paid once per workflow whatever the step does); a Distributed Map's child executions
 * stay in it.
 */
export function probedLeafModel(ir: IR, estimate: EstimateFn, percentile: Percentile, orchestration: Orchestration = 'standard', profiles?: ReadonlyMap<string, FunctionProfile>): LeafModel {
  const probe = new StepProbe(ir, estimate, orchestration);
  const representative = new Map<string, string>();
  const cache = new Map<string, LeafEstimate>();
  const plain = probe.step.bind(probe);
  const expressRequestUsd = pricesFor(ir.region).expressRequestUsd;
  return {
    method: 'probed',
    variants: true,
    leaf(stepId, option, variant) {
      const node = ir.graph.node(stepId);
      if (!invokesFunction(node)) return ZERO;
      const shape = shapeKey(node);
      if (!representative.has(shape)) representative.set(shape, stepId);
      const plainVariant = !variant || (variant.bundleSize === 1 && !variant.distributed && variant.warmedBy === undefined);
      const key = `${shape}|${option.memoryMb}|${option.architecture}${plainVariant ? '' : variantKey(variant!)}`;
      let leaf = cache.get(key);
      if (!leaf) {
        const summary = plainVariant ? plain(representative.get(shape)!, option)! : plain(representative.get(shape)!, option, variant)!;
        const expressOwnUsd = orchestration === 'express' ? summary.breakdown.stepFunctionsUsd - childExecutionsUsd(summary, variant, expressRequestUsd) : 0;
        leaf = { latencyMs: summary.latencyMs[percentile], costUsd: summary.costUsd - expressOwnUsd, tailLatencyMs: summary.latencyMs[TAIL_OF[percentile]] };
        cache.set(key, leaf);
      }
      return leaf;
    },
    ...(profiles
      ? {
          parallelGroup(steps: readonly string[], option: ConfigurationOption): LeafEstimate | undefined {
            const summary = probe.parallelGroup(steps, option, profiles);
            if (!summary) return undefined;
            // Under Express the execution's own bill is the workflow's, not the group's (as for a step's leaf).
            const expressOwnUsd = orchestration === 'express' ? summary.breakdown.stepFunctionsUsd : 0;
            return { latencyMs: summary.latencyMs[percentile], costUsd: summary.costUsd - expressOwnUsd, pessimisticLatencyMs: summary.latencyMs.p99 };
          },
        }
      : {}),
  };
}

/** One invocation of one function at one configuration, in closed form. */
export interface InvocationPredictor {
  /** Duration of one invocation at a quantile level u in (0, 1). */
  quantileMs(fn: string, option: ConfigurationOption, level: number): number;
  /** Expected cost of one invocation: compute, request, and the orchestration it causes. */
  invocationCostUsd(fn: string, option: ConfigurationOption): number;
  /** quantileMs(fn, option, level) and invocationCostUsd(fn, option) for every option at once, into the two arrays (the same numbers). */
  quantilesAndCosts?(fn: string, options: readonly ConfigurationOption[], level: number, quantilesMs: Float64Array, costsUsd: Float64Array): void;
  /** What a step adds once, whatever runs in it (e.g. its state transition): latency and, for a map, cost. */
  stepOverheadMs: number;
  stepOverheadUsd: number;
}


/**
 * mapConcurrencyCap: the orchestrator's own limit on a map's parallel invocations (Infinity for none).
 * optionsOf: each function's candidate options; a step's leaves for all of them are computed together the
 * first time one is asked for, into one row shared by every step of the same shape.
 */
export function predictedLeafModel(
  ir: IR,
  predictor: InvocationPredictor,
  percentile: Percentile,
  mapConcurrencyCap: number,
  optionsOf: (fn: string) => readonly ConfigurationOption[] = () => [],
): LeafModel {
  const q = PERCENTILE_LEVEL[percentile];
  // Leaves are asked for many times (curves, budgets, logs). A 10k-step workflow has hundreds of thousands of
  // them: one row of flat arrays per step shape (candidate options share their objects, memory-options.ts, so
  // identity finds the column), not one long-lived object per (step, option) — those were a large share of its GC time.
  interface Row extends LeafRow {
    /** Options outside the candidate list (today's configuration, a plan's), by memory and architecture. */
    others: Map<string, LeafEstimate> | undefined;
  }
  const rowOfShape = new Map<string, Row>();
  const rowOfStep = new Map<string, Row>();
  const compute = (node: InvokingNode, option: ConfigurationOption): LeafEstimate => {
    const fn = node.functionName;
    const overheadMs = predictor.stepOverheadMs;
    if (node.kind === 'task') return { latencyMs: overheadMs + predictor.quantileMs(fn, option, q), costUsd: predictor.invocationCostUsd(fn, option) };
    const limit = Math.min(node.maxConcurrency > 0 ? node.maxConcurrency : Infinity, mapConcurrencyCap);
    const { level, waves } = mapLevel({ width: node.width, maxConcurrency: Number.isFinite(limit) ? limit : 0 }, q);
    // Every wave starts after a dispatch (the estimator draws one per later wave's invocation, too).
    return {
      latencyMs: waves * (overheadMs + predictor.quantileMs(fn, option, level)),
      costUsd: predictor.stepOverheadUsd + meanWidth(node.width) * predictor.invocationCostUsd(fn, option),
    };
  };
  const rowOf = (stepId: string, node: InvokingNode): Row => {
    let row = rowOfStep.get(stepId);
    if (row) return row;
    const shape = shapeKey(node);
    row = rowOfShape.get(shape);
    if (!row) {
      const options = optionsOf(node.functionName);
      row = { options, latencyMs: new Float64Array(options.length), costUsd: new Float64Array(options.length), others: undefined };
      if (options.length > 0) {
        // A map's quantile level depends on its width alone: solved once for the row, not per option.
        const fn = node.functionName;
        let level = q;
        let waves = 1;
        if (node.kind === 'map') {
          const limit = Math.min(node.maxConcurrency > 0 ? node.maxConcurrency : Infinity, mapConcurrencyCap);
          ({ level, waves } = mapLevel({ width: node.width, maxConcurrency: Number.isFinite(limit) ? limit : 0 }, q));
        }
        const widthFactor = node.kind === 'map' ? meanWidth(node.width) : 1;
        const overheadUsd = node.kind === 'map' ? predictor.stepOverheadUsd : 0;
        // One invocation's quantile and cost into the row, then made the step's in place.
        const latencyMs = row.latencyMs;
        const costUsd = row.costUsd;
        if (predictor.quantilesAndCosts) predictor.quantilesAndCosts(fn, options, level, latencyMs, costUsd);
        else {
          options.forEach((option, i) => {
            latencyMs[i] = predictor.quantileMs(fn, option, level);
            costUsd[i] = predictor.invocationCostUsd(fn, option);
          });
        }
        for (let i = 0; i < options.length; i += 1) {
          latencyMs[i] = waves * (predictor.stepOverheadMs + latencyMs[i]!);
          costUsd[i] = overheadUsd + widthFactor * costUsd[i]!;
        }
      }
      rowOfShape.set(shape, row);
    }
    rowOfStep.set(stepId, row);
    return row;
  };
  return {
    method: 'predicted',
    variants: false,
    row(stepId) {
      const node = ir.graph.node(stepId);
      return invokesFunction(node) ? rowOf(stepId, node) : undefined;
    },
    leaf(stepId, option) {
      const node = ir.graph.node(stepId);
      if (!invokesFunction(node)) return ZERO;
      const row = rowOf(stepId, node);
      let i = row.options.indexOf(option);
      if (i < 0) i = row.options.findIndex((o) => o.memoryMb === option.memoryMb && o.architecture === option.architecture);
      if (i >= 0) return { latencyMs: row.latencyMs[i]!, costUsd: row.costUsd[i]! };
      const key = `${option.memoryMb}|${option.architecture}`;
      row.others ??= new Map();
      let leaf = row.others.get(key);
      if (!leaf) row.others.set(key, (leaf = compute(node, option)));
      return leaf;
    },
  };
}

/** The per-invocation quantile level whose value is the map's q-quantile, and how many waves run in series. */
export function mapLevel(node: Pick<MapNode, 'width' | 'maxConcurrency'>, q: number): { level: number; waves: number } {
  const bounded = node.maxConcurrency > 0;
  // With bounded concurrency each wave is the max of c draws (the last may be smaller: an upper bound).
  const perWave = (w: number) => (bounded ? Math.min(w, node.maxConcurrency) : w);
  const waves = bounded ? Math.ceil(maxOf(node.width) / node.maxConcurrency) : 1;
  const waveLevel = Math.pow(q, 1 / waves);
  const terms = widthTerms(node.width).map(({ width, probability }) => ({ draws: perWave(width), probability }));
  return { level: solveLevel(terms, waveLevel), waves };
}

/** u in (0, 1) with Σ p · u^draws = target; exact u = target^(1/draws) for one width. */
export function solveLevel(terms: ReadonlyArray<{ draws: number; probability: number }>, target: number): number {
  if (terms.length === 1) return Math.pow(target, 1 / Math.max(1, terms[0]!.draws));
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i += 1) {
    const mid = (lo + hi) / 2;
    const value = terms.reduce((sum, t) => sum + t.probability * Math.pow(mid, Math.max(1, t.draws)), 0);
    if (value < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function widthTerms(width: WidthDistribution): Array<{ width: number; probability: number }> {
  switch (width.kind) {
    case 'fixed':
      return [{ width: width.width, probability: 1 }];
    case 'uniform': {
      const count = width.max - width.min + 1;
      return Array.from({ length: count }, (_, i) => ({ width: width.min + i, probability: 1 / count }));
    }
    case 'discrete':
      return width.values.map((value, i) => ({ width: value, probability: width.probabilities[i] ?? 0 }));
  }
}

function maxOf(width: WidthDistribution): number {
  return Math.max(...widthTerms(width).map((t) => t.width));
}

const ZERO: LeafEstimate = { latencyMs: 0, costUsd: 0 };

/**
 * Under Express a probe's Step Functions bill is the execution's own request and duration, except a
 * Distributed Map's child executions, which belong to the step. A probe of one step has no way to
 * tell them apart in its breakdown, so a distributed variant keeps the whole bill but the execution's
 * request (an over-statement of at most the 64 MB duration charge, a few millionths of a dollar).
 */
function childExecutionsUsd(summary: { breakdown: { stepFunctionsUsd: number } }, variant: StepVariant | undefined, expressRequestUsd: number): number {
  if (!variant?.distributed) return 0;
  return Math.max(0, summary.breakdown.stepFunctionsUsd - expressRequestUsd);
}

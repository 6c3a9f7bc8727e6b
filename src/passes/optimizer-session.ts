// What the optimizer's passes share during one run: the analyses of an IR
// (candidate options, steps per function, the leaf model, today's step
// latencies) computed once and cached per IR object, an estimator that
// counts its calls, and what the passes report besides a deployment (the
// structure, the frontier, the fastest plan) for the plan and `--frontier`.
// Passes never mutate an IR; a restructured IR is a new object, so the cache
// cannot serve analyses of a graph that has changed.
import { defaultDataPassingMode } from './data-passing-default.ts';
import { optionsByFunction } from './function-options.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { JoinInfo } from '../ir/series-parallelize.ts';
import type { SpTree } from '../ir/sp-tree.ts';
import { invokesFunction, type IR, type Slo } from '../ir/types.ts';
import { STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { EstimateFn, EstimateSummary } from './estimator-port.ts';
import type { CheckedPlan, FunctionPick } from './frontier-sizing.ts';
import type { Curve } from './frontier/curve.ts';
import { modelInvocationPredictor } from './invocation-predictor.ts';
import { predictedLeafModel, probedLeafModel, shapeKey, type LeafModel } from './leaf-model.ts';
import { configurationOption, usableArchitectures } from './memory-options.ts';
import { stepsByFunction } from './shared-functions.ts';
import type { ConfigurationOption } from './strategy.ts';

/** Up to this many one-step estimates (distinct step shapes × options), leaves are probed with the estimator itself. */
export const MAX_LEAF_PROBES = 3000;

export interface IrAnalysis {
  options: Map<string, ConfigurationOption[]>;
  steps: Map<string, string[]>;
  leaves: LeafModel;
  /** Each function's configuration today, as the leaf model can evaluate it. */
  today: Map<string, ConfigurationOption>;
  todayLatencyMs: Map<string, number>;
  /** V + E + Σ mean map widths: what one whole-workflow estimate costs, per sample. */
  size: number;
}

export interface StructureReport {
  tree: SpTree;
  /** The joins the restructuring added between stages; empty for a series-parallel DAG. */
  joins: JoinInfo[];
}

export interface SizingReport {
  method: string;
  frontier: Curve<FunctionPick>;
  /** Plans checked with the whole-workflow estimate, in the order made. */
  checks: CheckedPlan[];
  fastest?: CheckedPlan;
}

export class OptimizerSession {
  readonly estimate: EstimateFn;
  structure?: StructureReport;
  sizing?: SizingReport;
  private calls = 0;
  private pilotCalls = 0;
  /** Per IR and orchestration: leaf costs differ between Standard (transitions) and Express. */
  private readonly analyses = new WeakMap<IR, Map<string, IrAnalysis>>();

  constructor(
    readonly profiles: ReadonlyMap<string, FunctionProfile>,
    estimate: EstimateFn,
    readonly slo: Slo,
  ) {
    // The same deployment of the same IR is estimated once (the search, the
    // polish and the final summary often ask for the same plan). Edges whose
    // mode is the default are left out of the key: the data-passing pass
    // writes them out after sizing, and the plan it returns is the same one.
    let lastIr: IR | undefined;
    let memo = new Map<string, EstimateSummary>();
    this.estimate = (ir, deployment) => {
      if (ir !== lastIr) {
        lastIr = ir;
        memo = new Map();
      }
      const key = memoKey(ir, deployment);
      let summary = memo.get(key);
      if (!summary) {
        this.calls += 1;
        summary = estimate(ir, deployment);
        memo.set(key, summary);
      }
      return summary;
    };
    // The closed forms read the calibration off the estimator they must agree with.
    if (estimate.calibration) this.estimate.calibration = estimate.calibration;
    const pilot = estimate.pilot;
    if (pilot) {
      this.estimate.pilot = (ir, deployment, percentile, samples) => {
        this.pilotCalls += 1;
        return pilot(ir, deployment, percentile, samples);
      };
    }
  }

  /** Whole-workflow and one-step estimates made so far (not counting repeats answered from the memo). */
  estimates(): number {
    return this.calls;
  }

  /** Pilot estimates (a few hundred draws, to place a large workflow's search) made so far. */
  pilots(): number {
    return this.pilotCalls;
  }

  analysis(ir: IR, base: Deployment): IrAnalysis {
    let byOrchestration = this.analyses.get(ir);
    if (!byOrchestration) this.analyses.set(ir, (byOrchestration = new Map()));
    let cached = byOrchestration.get(base.orchestration);
    if (!cached) {
      // Closed-form leaves (large workflows) differ between Standard and Express only by per-step constants — a
      // step's transitions do not depend on its memory — so they rank options alike and one analysis serves both:
      // recomputing every function's option row is a large workflow's second-biggest cost.
      cached = [...byOrchestration.values()].find((a) => a.leaves.method === 'predicted') ?? this.analyse(ir, base);
      byOrchestration.set(base.orchestration, cached);
    }
    return cached;
  }

  private analyse(ir: IR, base: Deployment): IrAnalysis {
    const options = optionsByFunction(ir, this.profiles);
    // A Batch job's container keeps its configured memory: its step's latency is what its profile measured there.
    for (const [fn, config] of Object.entries(base.functions)) if (config.batch && options.has(fn)) options.set(fn, [configurationOption(config.memoryMb, config.architecture)]);
    const steps = stepsByFunction(ir);
    const today = new Map<string, ConfigurationOption>();
    for (const [fn, info] of ir.functions) today.set(fn, todayOption(base.functions[fn] ?? { memoryMb: info.memoryMb, architecture: info.architectures[0] ?? 'x86_64' }, options.get(fn)!, usableArchitectures(info, this.profiles.get(fn))));
    const shapes = new Set<string>();
    let size = ir.graph.nodeCount() + ir.graph.edgeCount();
    for (const id of ir.graph.nodes()) {
      const node = ir.graph.node(id);
      if (!invokesFunction(node)) continue;
      shapes.add(shapeKey(node));
      if (node.kind === 'map') size += node.width.kind === 'fixed' ? node.width.width : node.width.kind === 'uniform' ? (node.width.min + node.width.max) / 2 : Math.max(...node.width.values);
    }
    const probes = [...shapes].reduce((n, key) => n + options.get(key.slice(0, key.indexOf('|')))!.length, 0);
    const leaves =
      probes <= MAX_LEAF_PROBES
        ? probedLeafModel(ir, this.estimate, this.slo.percentile, base.orchestration, this.profiles)
        : predictedLeafModel(ir, modelInvocationPredictor(ir, this.profiles, base.orchestration, this.estimate.calibration), this.slo.percentile, base.orchestration === 'standard' ? STEP_FUNCTIONS_LIMITS.inlineMapConcurrency : Infinity, (fn) => options.get(fn) ?? []);
    const todayLatencyMs = new Map<string, number>();
    for (const id of ir.graph.nodes()) {
      const node = ir.graph.node(id);
      todayLatencyMs.set(id, !invokesFunction(node) ? 0 : leaves.leaf(id, today.get(node.functionName)!).latencyMs);
    }
    return { options, steps, leaves, today, todayLatencyMs, size };
  }
}

function memoKey(ir: IR, deployment: Deployment): string {
  const edges: Record<string, string> = {};
  for (const key of Object.keys(deployment.edges).sort()) {
    const mode = deployment.edges[key]!;
    const arrow = key.indexOf('->');
    const data = arrow > 0 ? ir.graph.edge(key.slice(0, arrow), key.slice(arrow + 2)) : undefined;
    if (!data || mode !== defaultDataPassingMode(data.bytes)) edges[key] = mode;
  }
  return JSON.stringify({ ...deployment, edges });
}

/**
 * Today's configuration when the leaf model can run it (an architecture with
 * a profile, a memory among or above the candidates' smallest); otherwise the
 * nearest candidate, so that budgets are cut from a latency that exists.
 */
function todayOption(today: ConfigurationOption, candidates: readonly ConfigurationOption[], usable: readonly string[]): ConfigurationOption {
  const smallest = Math.min(...candidates.map((c) => c.memoryMb));
  if (usable.includes(today.architecture) && today.memoryMb >= smallest) return { memoryMb: today.memoryMb, architecture: today.architecture };
  const sameArch = candidates.filter((c) => c.architecture === today.architecture);
  const pool = sameArch.length > 0 ? sameArch : candidates;
  return pool.reduce((a, b) => (Math.abs(b.memoryMb - today.memoryMb) < Math.abs(a.memoryMb - today.memoryMb) ? b : a));
}

// dagc's optimizer: a pure function from (IR, profiles, options) to the
// deployment it chose, the estimate of that deployment and of today's, the
// emitted structure and the decision log. No I/O: the CLI reads files and
// writes the plan. The passes run in the order src/passes/pipeline.ts gives.
import { baselineByName } from '../baselines/index.ts';
import { DagcUserError, isUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { currentDeployment, type Deployment } from '../ir/deployment.ts';
import type { JoinInfo } from '../ir/series-parallelize.ts';
import type { IR, Slo } from '../ir/types.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { DecisionLog, type Decision } from './decision-log.ts';
import { latencyAt, type EstimateFn, type EstimateSummary } from './estimator-port.ts';
import { frontierTable, type FrontierRow } from './frontier-table.ts';
import { runPasses } from './manager.ts';
import { OptimizerSession } from './optimizer-session.ts';
import { optimizerPipeline, type StructuralConfig } from './pipeline.ts';
import { runProbabilities } from './run-probability.ts';
import type { ConfigurationOption, Strategy, StrategyInput } from './strategy.ts';

export const DAGC = 'dagc';

export interface OptimizeOptions {
  slo: Slo;
  /** The estimator every decision is judged by (the Monte Carlo estimator with the run's samples and seed). */
  estimate: EstimateFn;
  /** 'dagc' (default) or a baseline's name (src/baselines/index.ts). */
  strategy?: string;
  /** When > 0, up to this many points of the cost–latency frontier are estimated for `--frontier`. */
  frontierPoints?: number;
  /** Verify the IR after every pass (tests). */
  verifyBetweenPasses?: boolean;
  /** Estimate today's deployment too, for the plan's comparison (default true; the benches skip it). */
  estimateToday?: boolean;
  /** Which structural decisions to make (all by default; the ablation bench turns them off). */
  decisions?: StructuralConfig;
}

export interface OptimizationResult {
  strategy: string;
  slo: Slo;
  /** The IR the plan runs on: the spec's DAG, restructured when it was not series-parallel. */
  ir: IR;
  /** Join steps the restructuring put between stages (empty when the DAG was series-parallel). */
  joins: JoinInfo[];
  deployment: Deployment;
  summary: EstimateSummary;
  meetsSlo: boolean;
  today: { deployment: Deployment; summary?: EstimateSummary; problem?: Diagnostic };
  /** When the SLO is infeasible: the fastest plan found and its estimate. */
  fastest?: { deployment: Deployment; summary: EstimateSummary };
  frontier: FrontierRow[];
  /** Per function, its steps run alone: the slowest step's latency at the SLO percentile and the expected cost per execution. */
  functions: Record<string, { chosen: FunctionEstimate; today?: FunctionEstimate }>;
  decisions: Decision[];
  estimates: number;
}

export interface FunctionEstimate {
  latencyMs: number;
  costUsd: number;
}

export function optimize(ir: IR, profiles: ReadonlyMap<string, FunctionProfile>, options: OptimizeOptions): OptimizationResult {
  const strategyName = options.strategy ?? DAGC;
  const baseline = strategyName === DAGC ? undefined : { name: strategyName, strategy: baselineByName(strategyName) };
  // Before any pass, so that what the estimator sets up (a helper thread for a large workflow) overlaps them.
  options.estimate.prepare?.(ir);
  const session = new OptimizerSession(profiles, options.estimate, options.slo);
  const today = currentDeployment(ir);
  const result = runPasses(
    optimizerPipeline(session, baseline, options.decisions),
    { ir, deployment: today },
    { slo: options.slo, profiles, estimate: session.estimate },
    { verifyBetweenPasses: options.verifyBetweenPasses ?? false },
  );
  const summary = session.estimate(result.ir, result.deployment);
  const meetsSlo = latencyAt(summary, options.slo.percentile) <= options.slo.latencyMs;
  const todayEstimate = options.estimateToday === false ? {} : todaysEstimate(session, result.ir, today);
  const log = new DecisionLog('summary');
  if (todayEstimate.problem) log.record('missed', 'app', `today's deployment cannot be estimated: ${todayEstimate.problem.message}`);
  let fastest: OptimizationResult['fastest'];
  if (!meetsSlo) {
    const f = session.sizing?.fastest ?? { deployment: result.deployment, summary };
    fastest = latencyAt(f.summary, options.slo.percentile) < latencyAt(summary, options.slo.percentile) ? { deployment: f.deployment, summary: f.summary } : { deployment: result.deployment, summary };
  }
  const frontier = options.frontierPoints && session.sizing ? frontierTable(session, result.ir, options.frontierPoints, { deployment: result.deployment, summary }) : [];
  log.record(meetsSlo ? 'passed' : 'missed', 'app', meetsSlo ? `plan meets ${options.slo.percentile} ≤ ${options.slo.latencyMs} ms` : `no plan meets ${options.slo.percentile} ≤ ${options.slo.latencyMs} ms`, {
    latencyMs: latencyAt(summary, options.slo.percentile),
    costUsd: summary.costUsd,
    ...(todayEstimate.summary ? { todayLatencyMs: latencyAt(todayEstimate.summary, options.slo.percentile), todayCostUsd: todayEstimate.summary.costUsd } : {}),
    estimates: session.estimates(),
    ...(session.pilots() > 0 ? { pilotEstimates: session.pilots() } : {}),
  });
  const functions = functionEstimates(session, result.ir, today, result.deployment);
  const optimized: OptimizationResult = {
    strategy: strategyName,
    slo: options.slo,
    ir: result.ir,
    joins: session.structure?.joins ?? [],
    deployment: result.deployment,
    summary,
    meetsSlo,
    today: { deployment: today, ...todayEstimate },
    frontier,
    functions,
    decisions: [...result.decisions, ...log.list()],
    estimates: session.estimates(),
  };
  if (fastest) optimized.fastest = fastest;
  return optimized;
}

export function functionEstimates(session: OptimizerSession, ir: IR, today: Deployment, chosen: Deployment): OptimizationResult['functions'] {
  const tree = session.structure?.tree;
  const probability = tree ? runProbabilities(tree) : new Map<string, number>();
  // Each side priced as it is deployed: its orchestration type, and for the plan its maps' bundle sizes and modes.
  const of = (fn: string, option: ConfigurationOption, deployment: Deployment): FunctionEstimate | undefined => {
    const analysis = session.analysis(ir, deployment);
    try {
      // One pass over the function's steps, no array or closure per function (a 10k-function workflow asks this
      // 20k times): the same maximum and the same sum, added in step order.
      let latencyMs = 0;
      let costUsd = 0;
      for (const s of analysis.steps.get(fn) ?? []) {
        const leaf = analysis.leaves.leaf(s, option, analysis.leaves.variants ? variantOf(deployment, s) : undefined);
        latencyMs = Math.max(latencyMs, leaf.latencyMs);
        costUsd += (probability.get(s) ?? 1) * leaf.costUsd;
      }
      return { latencyMs, costUsd };
    } catch (error) {
      if (isUserError(error)) return undefined; // e.g. today's memory is below the footprint: it does not run
      throw error;
    }
  };
  const result: OptimizationResult['functions'] = {};
  for (const fn of [...ir.functions.keys()].sort()) {
    const c = chosen.functions[fn]!;
    const t = today.functions[fn]!;
    const chosenEstimate = of(fn, { memoryMb: c.memoryMb, architecture: c.architecture }, chosen)!;
    const todayEstimate = of(fn, { memoryMb: t.memoryMb, architecture: t.architecture }, today);
    result[fn] = todayEstimate ? { chosen: chosenEstimate, today: todayEstimate } : { chosen: chosenEstimate };
  }
  return result;
}

/** A step's map variant as the plan deploys it, when it is not the plain map (leaf models that tell variants apart). */
function variantOf(deployment: Deployment, step: string): { bundleSize: number; distributed: boolean } | undefined {
  const d = deployment.steps[step];
  return d && ((d.bundleSize ?? 1) > 1 || d.map?.mode === 'distributed') ? { bundleSize: d.bundleSize ?? 1, distributed: d.map?.mode === 'distributed' } : undefined;
}

/** Today's settings may not run at all (e.g. below the function's footprint): that is reported, not fatal. */
function todaysEstimate(session: OptimizerSession, ir: IR, today: Deployment): { summary?: EstimateSummary; problem?: Diagnostic } {
  try {
    return { summary: session.estimate(ir, today) };
  } catch (error) {
    if (isUserError(error)) return { problem: (error as DagcUserError).diagnostics[0]! };
    throw error;
  }
}

/** dagc as a Strategy, for the benches: the deployment it returns is for the emitted (restructured) IR. */
export const dagc: Strategy = (input: StrategyInput) => {
  const result = optimize(input.ir, input.profiles, { slo: input.slo, estimate: input.estimate, estimateToday: false });
  return { strategy: DAGC, deployment: result.deployment, decisions: result.decisions };
};

// dagc's optimizer: a pure function from (IR, profiles, SLO, estimator) to a
// deployment, its predicted latency and cost, the frontier and the decision
// log. No I/O. The passes run in the order src/passes/pipeline.ts gives.
import { greedyCriticalPath } from '../baselines/greedy-critical-path.ts';
import { llamaSlack } from '../baselines/llama-slack.ts';
import { slackBudgets } from './slack-allotment.ts';
import { deploymentWith, optionLabel, optionsByFunction } from '../baselines/options.ts';
import { StepProbe } from '../baselines/step-probe.ts';
import { currentDeployment, type Deployment } from '../ir/deployment.ts';
import { criticalPathMs, toSeriesParallel } from '../ir/series-parallelize.ts';
import type { IR } from '../ir/types.ts';
import { DecisionLog, type Decision } from './decision-log.ts';
import { latencyAt, type EstimateSummary } from './estimator-port.ts';
import { describePick, frontierSizing } from './frontier-sizing.ts';
import { polishDownward } from './polish.ts';
import type { ConfigurationOption, Strategy, StrategyInput, StrategyResult } from './strategy.ts';

export const DAGC = 'dagc';
/** Above this many steps the exact frontier gives way to slack allotment (logged). */
export const FRONTIER_MAX_STEPS = 2000;

export interface OptimizationResult extends StrategyResult {
  /** The IR the plan runs on: the spec's DAG, restructured when it was not series-parallel. */
  ir: IR;
  summary: EstimateSummary;
  meetsSlo: boolean;
  /** When infeasible: the fastest plan found, so the user sees what is achievable. */
  fastest?: { deployment: Deployment; summary: EstimateSummary };
  frontier: Array<{ latencyMs: number; costUsd: number }>;
}

export function optimize(input: StrategyInput): OptimizationResult {
  const decisions: Decision[] = [];
  const { slo, estimate } = input;

  // 1. Structure: what Step Functions can emit.
  const structureLog = new DecisionLog('structure');
  const restructured = toSeriesParallel(input.ir);
  const ir = restructured.ir;
  const probe = new StepProbe(ir, estimate);
  const options = optionsByFunction(ir, input.profiles);
  const base = currentDeployment(ir);
  if (restructured.addedEdges.length > 0) {
    const todayLatency = (step: string) => stepLatencyToday(ir, probe, base, step, slo.percentile);
    structureLog.record('analysis', 'app', 'staged the DAG into series-parallel form for Step Functions', {
      addedEdges: restructured.addedEdges.length,
      criticalPathBeforeMs: criticalPathMs(input.ir, todayLatency),
      criticalPathAfterMs: criticalPathMs(ir, todayLatency),
    });
  } else {
    structureLog.record('passed', 'app', 'the DAG is series-parallel; emitted as written');
  }
  decisions.push(...structureLog.list());

  // 2. Slack allotment: an analysis for the log, and the method for graphs too large for the frontier.
  const slackLog = new DecisionLog('slack-allotment');
  const todayLatency = new Map(ir.graph.nodes().map((id) => [id, stepLatencyToday(ir, probe, base, id, slo.percentile)]));
  const budgets = slackBudgets(ir, todayLatency, slo.latencyMs);
  const tightest = [...budgets].filter(([id]) => todayLatency.get(id)! > 0).map(([id, b]) => ({ id, ratio: b / todayLatency.get(id)! })).sort((a, b) => a.ratio - b.ratio || (a.id < b.id ? -1 : 1))[0];
  if (tightest) slackLog.record('analysis', tightest.id, 'tightest step: budget relative to its latency today', { budgetToLatencyRatio: tightest.ratio });
  decisions.push(...slackLog.list());

  // 3. Sizing.
  const sizingLog = new DecisionLog('memory-sizing');
  let deployment: Deployment | undefined;
  let frontier: OptimizationResult['frontier'] = [];
  if (ir.graph.nodeCount() > FRONTIER_MAX_STEPS) {
    const fallback = llamaSlack({ ...input, ir });
    sizingLog.record('missed', 'app', `graph has ${ir.graph.nodeCount()} steps (> ${FRONTIER_MAX_STEPS}): sized by slack allotment instead of the frontier`);
    decisions.push(...fallback.decisions);
    deployment = fallback.deployment;
  } else {
    const sizing = frontierSizing(ir, restructured.tree, options, probe, slo, estimate, base);
    frontier = sizing.frontier;
    sizingLog.record('analysis', 'app', 'frontier search', {
      estimates: sizing.estimates,
      sharedFunctions: sizing.sharedFunctions.length,
      frontierPoints: sizing.frontier.length,
    });
    for (const it of sizing.iterations) {
      sizingLog.record('analysis', 'app', it.meetsSlo ? 'surrogate target met the SLO in simulation' : 'surrogate target missed the SLO in simulation', {
        surrogateTargetMs: it.targetMs,
        estimatedMs: it.estimatedMs,
        costUsd: it.costUsd,
      });
    }
    deployment = sizing.best?.deployment;
    // Greedy on the critical path is cheap to run and, on some shapes, finds a
    // plan the surrogate misses; the cheaper feasible of the two goes on.
    const greedy = greedyCriticalPath({ ...input, ir });
    const greedySummary = estimate(ir, greedy.deployment);
    const greedyMeets = latencyAt(greedySummary, slo.percentile) <= slo.latencyMs;
    if (greedyMeets && (!deployment || greedySummary.costUsd < estimate(ir, deployment).costUsd)) {
      sizingLog.record('analysis', 'app', 'greedy start was cheaper than the frontier pick; polishing it', { greedyCostUsd: greedySummary.costUsd });
      deployment = greedy.deployment;
    }
  }
  if (deployment && ir.graph.nodeCount() <= FRONTIER_MAX_STEPS) {
    deployment = polishDownward(ir, deployment, options, probe, slo, estimate, sizingLog);
  }
  if (deployment) {
    for (const name of [...ir.functions.keys()].sort()) {
      const chosen = deployment.functions[name]!;
      const today = base.functions[name]!;
      const rejected = (options.get(name) ?? []).filter((o) => o.memoryMb !== chosen.memoryMb || o.architecture !== chosen.architecture).length;
      sizingLog.record('passed', name, optionLabel(chosen), { todayMemoryMb: today.memoryMb, chosenMemoryMb: chosen.memoryMb, optionsRejected: rejected });
    }
  }
  decisions.push(...sizingLog.list());

  if (deployment) {
    const summary = estimate(ir, deployment);
    const meetsSlo = latencyAt(summary, slo.percentile) <= slo.latencyMs;
    if (meetsSlo) return { strategy: DAGC, deployment, decisions, ir, summary, meetsSlo, frontier };
  }
  // Infeasible: report the fastest plan we can build.
  const fastestAssignment = new Map<string, ConfigurationOption>();
  for (const [fn, list] of options) {
    let best = list[0]!;
    let bestMs = Infinity;
    for (const option of list) {
      const ms = probe.stepsOf(fn).reduce((sum, step) => sum + probe.stepLatencyMs(step, option, slo.percentile), 0);
      if (ms < bestMs) [best, bestMs] = [option, ms];
    }
    fastestAssignment.set(fn, best);
  }
  const fastestDeployment = deploymentWith(ir, fastestAssignment, base);
  const fastestSummary = estimate(ir, fastestDeployment);
  const infeasibleLog = new DecisionLog('memory-sizing');
  infeasibleLog.record('missed', 'app', `no plan meets ${slo.percentile} ≤ ${slo.latencyMs} ms; fastest: ${describePick(fastestAssignment)}`, {
    fastestLatencyMs: latencyAt(fastestSummary, slo.percentile),
    fastestCostUsd: fastestSummary.costUsd,
  });
  decisions.push(...infeasibleLog.list());
  return {
    strategy: DAGC,
    deployment: fastestDeployment,
    decisions,
    ir,
    summary: fastestSummary,
    meetsSlo: latencyAt(fastestSummary, slo.percentile) <= slo.latencyMs,
    fastest: { deployment: fastestDeployment, summary: fastestSummary },
    frontier,
  };
}

/** dagc as a Strategy, for --strategy and the benches. */
export const dagc: Strategy = (input) => {
  const result = optimize(input);
  return { strategy: DAGC, deployment: result.deployment, decisions: result.decisions };
};

function stepLatencyToday(ir: IR, probe: StepProbe, base: Deployment, step: string, percentile: 'p50' | 'p90' | 'p95' | 'p99'): number {
  const node = ir.graph.node(step);
  if (node.kind === 'choice') return 0;
  const today = base.functions[node.functionName]!;
  return probe.stepLatencyMs(step, { memoryMb: today.memoryMb, architecture: today.architecture }, percentile);
}

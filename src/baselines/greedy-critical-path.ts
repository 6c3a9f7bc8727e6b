// Greedy on the critical path, as Parrotfish (Moghimi et al., SoCC '23;
// github.com/ubc-cirrus-lab/parrotfish, src/step_function/
// execution_time_optimizer.py) sizes a Step Functions workflow under an
// execution-time constraint, and as ORION (Mahgoub et al., OSDI '22) right-
// sizes a DAG by growing the functions that matter to end-to-end latency:
//
//   start with every function at its cheapest configuration;
//   while the estimated end-to-end latency misses the SLO:
//     for each function on the critical path, one step up in memory (same
//     architecture) gives a time reduction (summed over its steps on the
//     path) and a cost increase (summed over all its steps);
//     raise the function with the lowest cost increase per ms saved;
//     if no function on the path gets faster, stop: the SLO is out of reach.
//
// Parrotfish steps memory by a fixed increment; here a step is the next size
// in the shared candidate grid. Step latencies are the estimator's percentile
// of the SLO (p95 for a p95 SLO) for the step run alone, costs the
// estimator's per-step costs (src/passes/step-probe.ts); the stopping test
// is the shared EstimateFn on the whole workflow, so the plan is judged
// like every other strategy's. That estimate is skipped while the longest
// path of per-step medians alone exceeds the SLO (the end-to-end percentile
// cannot be below it), which spares most estimates on large workflows.
// Complexity: at most Σ candidates iterations, each O(V + E) for two
// critical paths, plus a whole-workflow estimate once the median path fits;
// probes are cached.
import { DecisionLog } from '../passes/decision-log.ts';
import { latencyAt } from '../passes/estimator-port.ts';
import type { ConfigurationOption, Strategy, StrategyInput, StrategyResult } from '../passes/strategy.ts';
import { criticalPathSolver } from '../ir/critical-path.ts';
import { topologicalOrder } from '../ir/topological-order.ts';
import { deploymentWith, optionLabel, optionsByFunction } from '../passes/function-options.ts';
import { StepProbe } from '../passes/step-probe.ts';
import { invokesFunction } from '../ir/types.ts';

export const GREEDY_CRITICAL_PATH = 'greedy-critical-path';

interface Raise {
  fn: string;
  to: ConfigurationOption;
  timeReductionMs: number;
  costIncreaseUsd: number;
}

export const greedyCriticalPath: Strategy = (input) => runGreedy(input);

function runGreedy(input: StrategyInput): StrategyResult {
  const { ir, slo } = input;
  const log = new DecisionLog(GREEDY_CRITICAL_PATH);
  const probe = new StepProbe(ir, input.estimate);
  const options = optionsByFunction(ir, input.profiles);
  const criticalPath = criticalPathSolver(ir, topologicalOrder(ir));
  const assignment = new Map<string, ConfigurationOption>();
  for (const [fn, list] of options) {
    const cheapest = cheapestOption(fn, list, probe);
    assignment.set(fn, cheapest);
    log.record('analysis', fn, `start at ${optionLabel(cheapest)}`, { costUsd: probe.functionCostUsd(fn, cheapest) });
  }
  let iterations = 0;
  let estimates = 0;
  const latencyOf = (percentile: StrategyInput['slo']['percentile']) => (stepId: string): number => {
    const node = ir.graph.node(stepId);
    return !invokesFunction(node) ? 0 : probe.stepLatencyMs(stepId, assignment.get(node.functionName)!, percentile);
  };
  for (;;) {
    // The end-to-end percentile is at least the longest path of per-step medians: while that
    // path alone misses the SLO, the whole-workflow estimate cannot meet it and is skipped.
    const medianPathMs = criticalPath(latencyOf('p50')).lengthMs;
    let latencyMs: number | undefined;
    if (medianPathMs <= slo.latencyMs) {
      const summary = input.estimate(ir, deploymentWith(ir, assignment));
      estimates++;
      latencyMs = latencyAt(summary, slo.percentile);
      if (latencyMs <= slo.latencyMs) {
        log.record('passed', ir.name, `SLO met after ${iterations} raises`, { latencyMs, sloMs: slo.latencyMs, costUsd: summary.costUsd, estimates: estimates + probe.probeCount() });
        break;
      }
    }
    const path = criticalPath(latencyOf(slo.percentile));
    const raise = bestRaise(path.steps, input, options, assignment, probe);
    if (!raise) {
      log.record('missed', ir.name, 'SLO not met: no function on the critical path gets faster', { latencyMs: latencyMs ?? medianPathMs, sloMs: slo.latencyMs, estimates: estimates + probe.probeCount() });
      break;
    }
    log.record('passed', raise.fn, `raise to ${optionLabel(raise.to)}`, {
      criticalPathMs: path.lengthMs,
      timeReductionMs: raise.timeReductionMs,
      costIncreaseUsd: raise.costIncreaseUsd,
      ...(latencyMs !== undefined ? { latencyMs } : { medianPathMs }),
    });
    assignment.set(raise.fn, raise.to);
    iterations++;
  }
  return { strategy: GREEDY_CRITICAL_PATH, deployment: deploymentWith(ir, assignment), decisions: log.list() };
}

/** The cheapest configuration of a function by the estimator's per-step costs; ties go to the earlier (smaller) option. */
export function cheapestOption(fn: string, list: readonly ConfigurationOption[], probe: StepProbe): ConfigurationOption {
  let best = list[0]!;
  let bestCost = probe.functionCostUsd(fn, best);
  for (const option of list.slice(1)) {
    const cost = probe.functionCostUsd(fn, option);
    if (cost < bestCost) {
      best = option;
      bestCost = cost;
    }
  }
  return best;
}

function bestRaise(
  pathSteps: readonly string[],
  input: StrategyInput,
  options: ReadonlyMap<string, readonly ConfigurationOption[]>,
  assignment: ReadonlyMap<string, ConfigurationOption>,
  probe: StepProbe,
): Raise | undefined {
  const stepsByFunction = new Map<string, string[]>();
  for (const stepId of pathSteps) {
    const node = input.ir.graph.node(stepId);
    if (!invokesFunction(node)) continue;
    stepsByFunction.set(node.functionName, [...(stepsByFunction.get(node.functionName) ?? []), stepId]);
  }
  let best: Raise | undefined;
  for (const fn of [...stepsByFunction.keys()].sort()) {
    const current = assignment.get(fn)!;
    const to = options.get(fn)!.find((o) => o.architecture === current.architecture && o.memoryMb > current.memoryMb);
    if (!to) continue;
    let timeReductionMs = 0;
    for (const stepId of stepsByFunction.get(fn)!) {
      timeReductionMs += probe.stepLatencyMs(stepId, current, input.slo.percentile) - probe.stepLatencyMs(stepId, to, input.slo.percentile);
    }
    if (!(timeReductionMs > 0)) continue;
    const costIncreaseUsd = probe.functionCostUsd(fn, to) - probe.functionCostUsd(fn, current);
    if (!best || costIncreaseUsd / timeReductionMs < best.costIncreaseUsd / best.timeReductionMs) {
      best = { fn, to, timeReductionMs, costIncreaseUsd };
    }
  }
  return best;
}

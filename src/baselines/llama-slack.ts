// Llama slack: the per-operation latency targets of Llama (Romero et al.,
// "Llama: A Heterogeneous & Serverless Framework for Auto-Tuning Video
// Analytics Pipelines", SoCC '21, arXiv 2102.01887), then per function the
// cheapest configuration that meets them.
//
// Llama splits the end-to-end latency target among the operations of every
// source-to-sink path in proportion to each operation's share of the path's
// latency, and an operation on several paths keeps the tightest (smallest)
// of its targets. With l(s) the latency of step s at today's configuration
// and L(s) the longest path through s, the tightest path is the longest, so
//   budget(s) = SLO × l(s) / L(s),
// and L(s) = longest path ending at s + longest path starting at s − l(s):
// two dynamic programs, no path enumeration.
// Step latencies are the estimator's percentile of the SLO for the step
// alone at today's memory and architecture (src/passes/step-probe.ts);
// when today's memory does not fit the function's footprint, at its
// smallest candidate above today's.
// A function used by several steps must meet every one of their budgets; it
// gets the cheapest candidate (by the estimator's per-step costs) that does,
// and its fastest candidate, logged as missed, when none does.
// Complexity: O(V log V + E) for the budgets, plus one probe per (step,
// candidate) examined.
import { invokesFunction, type FunctionInfo } from '../ir/types.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { DecisionLog } from '../passes/decision-log.ts';
import { footprintMb, minimumFittingMb, usableArchitectures } from '../passes/memory-options.ts';
import type { ConfigurationOption, Strategy, StrategyInput, StrategyResult } from '../passes/strategy.ts';
import { slackBudgets } from '../passes/slack-allotment.ts';
import { deploymentWith, optionLabel, optionsByFunction } from '../passes/function-options.ts';
import { StepProbe } from '../passes/step-probe.ts';

export const LLAMA_SLACK = 'llama-slack';

export const llamaSlack: Strategy = (input) => runLlama(input);

function runLlama(input: StrategyInput): StrategyResult {
  const { ir, slo } = input;
  const log = new DecisionLog(LLAMA_SLACK);
  const probe = new StepProbe(ir, input.estimate);
  const options = optionsByFunction(ir, input.profiles);
  const base = new Map<string, ConfigurationOption>();
  for (const [name, fn] of ir.functions) base.set(name, baseOption(fn, input.profiles.get(name), options.get(name)!));
  const baseLatency = new Map<string, number>();
  for (const id of ir.graph.nodes()) {
    const node = ir.graph.node(id);
    baseLatency.set(id, !invokesFunction(node) ? 0 : probe.stepLatencyMs(id, base.get(node.functionName)!, slo.percentile));
  }
  const budgets = slackBudgets(ir, baseLatency, slo.latencyMs);
  const assignment = new Map<string, ConfigurationOption>();
  for (const [fn, list] of options) {
    const steps = probe.stepsOf(fn);
    const meets = (o: ConfigurationOption): boolean => steps.every((id) => probe.stepLatencyMs(id, o, slo.percentile) <= budgets.get(id)!);
    const byCost = [...list].sort((a, b) => probe.functionCostUsd(fn, a) - probe.functionCostUsd(fn, b));
    const chosen = byCost.find(meets);
    const tightest = steps.length > 0 ? Math.min(...steps.map((id) => budgets.get(id)!)) : slo.latencyMs;
    if (chosen) {
      assignment.set(fn, chosen);
      log.record('passed', fn, optionLabel(chosen), { budgetMs: tightest, costUsd: probe.functionCostUsd(fn, chosen) });
    } else {
      const slowness = (o: ConfigurationOption): number => Math.max(...steps.map((id) => probe.stepLatencyMs(id, o, slo.percentile) / budgets.get(id)!));
      const fastest = list.reduce((a, b) => (slowness(b) < slowness(a) ? b : a));
      assignment.set(fn, fastest);
      log.record('missed', fn, `${optionLabel(fastest)}: no candidate meets its budget`, { budgetMs: tightest });
    }
  }
  return { strategy: LLAMA_SLACK, deployment: deploymentWith(ir, assignment), decisions: log.list() };
}

/**
 * Today's configuration, the point Llama's shares are measured at. When today's
 * memory is below what the function needs (it would run out of memory, and the
 * estimator refuses it), the smallest candidate at or above it stands in.
 */
function baseOption(fn: FunctionInfo, profile: FunctionProfile | undefined, candidates: readonly ConfigurationOption[]): ConfigurationOption {
  const architecture = usableArchitectures(fn, profile)[0] ?? fn.architectures[0] ?? 'x86_64';
  if (fn.memoryMb >= minimumFittingMb(footprintMb(profile, architecture) || footprintMb(profile))) return { memoryMb: fn.memoryMb, architecture };
  const sameArch = candidates.filter((o) => o.architecture === architecture);
  return sameArch.find((o) => o.memoryMb >= fn.memoryMb) ?? sameArch.at(-1) ?? candidates.at(-1)!;
}

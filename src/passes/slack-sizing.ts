// Sizing by slack allotment, for graphs too large for the frontier: every
// step gets a latency budget (slack-allotment.ts: its share of the longest
// path through it, from today's latencies, no path enumeration), and every
// function the cheapest option that meets the budgets of all its steps (the
// fastest when none does). The budgets are cut from a target that is then
// searched: the whole-workflow estimate of the resulting plan moves the
// target up when the plan meets the SLO with room to spare and down when it
// misses (secant steps until one of each is seen, then bisection), keeping
// the cheapest plan that meets the SLO.
// Complexity: per target O(V log V + E) for the budgets and O(V × options)
// table lookups, plus one whole-workflow estimate; at most MAX_TARGETS
// targets. Leaves are read once into a table.
import { checkAssignment, type CheckedPlan, type SizingContext } from './frontier-sizing.ts';
import { latencyAt } from './estimator-port.ts';
import type { LeafModel } from './leaf-model.ts';
import { slackBudgets } from './slack-allotment.ts';
import type { ConfigurationOption } from './strategy.ts';

const MAX_TARGETS = 8;

export interface SlackSizing {
  best?: CheckedPlan;
  checks: Array<CheckedPlan & { targetMs: number }>;
}

export function slackSizing(
  ctx: Pick<SizingContext, 'ir' | 'options' | 'leaves' | 'slo' | 'estimate' | 'base' | 'maxChecks'>,
  steps: ReadonlyMap<string, readonly string[]>,
  todayLatencyMs: ReadonlyMap<string, number>,
): SlackSizing {
  const table = leafTable(ctx.options, steps, ctx.leaves);
  const planFor = (targetMs: number): Map<string, ConfigurationOption> => {
    const budgets = slackBudgets(ctx.ir, todayLatencyMs, targetMs);
    const assignment = new Map<string, ConfigurationOption>();
    for (const [fn, row] of table) {
      const fnSteps = steps.get(fn) ?? [];
      let best = -1;
      let fastest = 0;
      let fastestRatio = Infinity;
      for (let i = 0; i < row.options.length; i += 1) {
        let ratio = 0;
        for (let k = 0; k < fnSteps.length; k += 1) ratio = Math.max(ratio, row.latencyMs[k]![i]! / Math.max(budgets.get(fnSteps[k]!)!, 1e-9));
        if (ratio <= 1 && (best < 0 || row.costUsd[i]! < row.costUsd[best]!)) best = i;
        if (ratio < fastestRatio) [fastest, fastestRatio] = [i, ratio];
      }
      assignment.set(fn, row.options[best >= 0 ? best : fastest]!);
    }
    return assignment;
  };

  const checks: SlackSizing['checks'] = [];
  let targetMs = ctx.slo.latencyMs;
  let feasibleMs: number | undefined;
  let infeasibleMs: number | undefined;
  for (let i = 0; i < Math.min(MAX_TARGETS, ctx.maxChecks); i += 1) {
    const plan = checkAssignment(ctx, planFor(targetMs), targetMs);
    checks.push({ ...plan, targetMs });
    const estimatedMs = latencyAt(plan.summary, ctx.slo.percentile);
    if (plan.meetsSlo) feasibleMs = Math.max(feasibleMs ?? 0, targetMs);
    else infeasibleMs = Math.min(infeasibleMs ?? Infinity, targetMs);
    const secant = targetMs * (ctx.slo.latencyMs / Math.max(estimatedMs, 1e-9));
    let next: number;
    if (feasibleMs !== undefined && infeasibleMs !== undefined) next = (feasibleMs + infeasibleMs) / 2;
    else next = plan.meetsSlo ? secant : secant * 0.98;
    if (Math.abs(next - targetMs) / targetMs < 0.002) break;
    targetMs = next;
  }
  const feasible = checks.filter((c) => c.meetsSlo).sort((a, b) => a.summary.costUsd - b.summary.costUsd);
  return feasible[0] ? { best: feasible[0], checks } : { checks };
}

interface LeafRow {
  options: readonly ConfigurationOption[];
  /** [step index][option index] */
  latencyMs: Float64Array[];
  /** Summed over the function's steps, per option. */
  costUsd: Float64Array;
}

function leafTable(options: ReadonlyMap<string, readonly ConfigurationOption[]>, steps: ReadonlyMap<string, readonly string[]>, leaves: LeafModel): Map<string, LeafRow> {
  const table = new Map<string, LeafRow>();
  for (const fn of [...options.keys()].sort()) {
    const list = options.get(fn)!;
    const fnSteps = steps.get(fn) ?? [];
    const costUsd = new Float64Array(list.length);
    const latencyMs = fnSteps.map((step) => {
      const row = new Float64Array(list.length);
      list.forEach((option, i) => {
        const leaf = leaves.leaf(step, option);
        row[i] = leaf.latencyMs;
        costUsd[i] = costUsd[i]! + leaf.costUsd;
      });
      return row;
    });
    table.set(fn, { options: list, latencyMs, costUsd });
  }
  return table;
}

// Local polish after a global pick: walk each function down to cheaper
// configurations, one at a time, while the whole-workflow estimate still
// meets the SLO — the surrogate's slack turned into savings. Deterministic
// order (functions sorted, options by per-function cost). Bounded: at most
// one estimate per (function, cheaper option) per round, two rounds.
import { deploymentWith, optionLabel } from '../baselines/options.ts';
import type { StepProbe } from '../baselines/step-probe.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { IR, Slo } from '../ir/types.ts';
import type { DecisionLog } from './decision-log.ts';
import { latencyAt, type EstimateFn } from './estimator-port.ts';
import type { ConfigurationOption } from './strategy.ts';

const ROUNDS = 2;

export function polishDownward(
  ir: IR,
  start: Deployment,
  options: ReadonlyMap<string, readonly ConfigurationOption[]>,
  probe: StepProbe,
  slo: Slo,
  estimate: EstimateFn,
  log: DecisionLog,
): Deployment {
  let current = start;
  let currentCost = estimate(ir, current).costUsd;
  for (let round = 0; round < ROUNDS; round += 1) {
    let improved = false;
    for (const fn of [...options.keys()].sort()) {
      const now = current.functions[fn]!;
      const nowCost = probe.functionCostUsd(fn, now);
      const cheaper = [...options.get(fn)!]
        .filter((o) => probe.functionCostUsd(fn, o) < nowCost)
        .sort((a, b) => probe.functionCostUsd(fn, a) - probe.functionCostUsd(fn, b) || a.memoryMb - b.memoryMb);
      for (const option of cheaper) {
        const trial = deploymentWith(ir, new Map([[fn, option]]), current);
        const summary = estimate(ir, trial);
        if (latencyAt(summary, slo.percentile) <= slo.latencyMs && summary.costUsd < currentCost) {
          log.record('passed', fn, `polished down to ${optionLabel(option)}`, { fromMemoryMb: now.memoryMb, toMemoryMb: option.memoryMb, costUsd: summary.costUsd });
          current = trial;
          currentCost = summary.costUsd;
          improved = true;
          break;
        }
      }
    }
    if (!improved) break;
  }
  return current;
}

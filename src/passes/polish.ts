// Local polish after the frontier's pick: walk each function down, one
// option at a time in order of its cost (the next cheaper configuration by
// the leaf model's costs over the function's steps), keeping a move when the
// whole-workflow estimate still meets the SLO and costs less; up to
// TRIES_PER_ROUND steps are tried per function and round. When no single
// step down is left, pairs are tried: one function down while another goes
// one step up (the next dearer option that is faster on its steps; while the
// pair is still too slow, up to TRIES_PER_ROUND steps up) — the
// trade the surrogate misses where it under-states wide parallel stages. The surrogate
// is conservative along series paths, so its pick usually leaves slack that
// this turns into savings.
// Deterministic: functions in name order, options by cost then memory then
// architecture. Bounded: at most `maxEstimates` whole-workflow estimates
// (single moves O(F) per round, pairs O(F²)).
import { deploymentWith, optionLabel } from './function-options.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { IR, Slo } from '../ir/types.ts';
import type { DecisionLog, RejectedOption } from './decision-log.ts';
import { latencyAt, type EstimateFn, type EstimateSummary } from './estimator-port.ts';
import type { LeafModel } from './leaf-model.ts';
import type { ConfigurationOption } from './strategy.ts';

/** Cheaper options tried per function per round before moving on (the next one down may be on the other architecture). */
const TRIES_PER_ROUND = 3;

export interface PolishInput {
  ir: IR;
  slo: Slo;
  estimate: EstimateFn;
  leaves: LeafModel;
  options: ReadonlyMap<string, readonly ConfigurationOption[]>;
  steps: ReadonlyMap<string, readonly string[]>;
  maxEstimates: number;
}

export interface Polished {
  deployment: Deployment;
  summary: EstimateSummary;
  estimates: number;
  moves: number;
  /** Cheaper options tried and turned down, per function, with the estimate that turned them down. */
  rejected: Map<string, RejectedOption[]>;
}

export function polishDownward(input: PolishInput, start: Deployment, startSummary: EstimateSummary, log: DecisionLog): Polished {
  const { ir, slo, estimate, leaves } = input;
  let current = start;
  let currentSummary = startSummary;
  let estimates = 0;
  let moves = 0;
  const rejected = new Map<string, RejectedOption[]>();
  // No estimate to spend (large workflows): the ladders below would cost O(functions × options) for nothing.
  if (input.maxEstimates <= 0) return { deployment: current, summary: currentSummary, estimates, moves, rejected };
  const ladder = new Map<string, ConfigurationOption[]>();
  const costOf = new Map<string, Map<ConfigurationOption, number>>();
  for (const fn of [...input.options.keys()].sort()) {
    const steps = input.steps.get(fn) ?? [];
    const costs = new Map(input.options.get(fn)!.map((o) => [o, steps.reduce((sum, s) => sum + leaves.leaf(s, o).costUsd, 0)]));
    costOf.set(fn, costs);
    ladder.set(fn, [...input.options.get(fn)!].sort((a, b) => costs.get(b)! - costs.get(a)! || b.memoryMb - a.memoryMb || (a.architecture < b.architecture ? 1 : -1)));
  }
  const nextDown = (fn: string, now: { memoryMb: number; architecture: string }, below: number): ConfigurationOption | undefined =>
    ladder.get(fn)!.find((o) => costOf.get(fn)!.get(o)! < below && !(o.memoryMb === now.memoryMb && o.architecture === now.architecture));

  const optionOf = (fn: string) => {
    const now = current.functions[fn]!;
    return ladder.get(fn)!.find((o) => o.memoryMb === now.memoryMb && o.architecture === now.architecture);
  };
  const stepMs = (fn: string, o: ConfigurationOption) => (input.steps.get(fn) ?? []).reduce((sum, s) => sum + leaves.leaf(s, o).latencyMs, 0);
  /** The options dearer than today's pick that are faster on its steps, cheapest first: the steps up. */
  const stepsUp = (fn: string): ConfigurationOption[] => {
    const now = optionOf(fn);
    if (!now) return [];
    return ladder.get(fn)!.filter((o) => costOf.get(fn)!.get(o)! > costOf.get(fn)!.get(now)! && stepMs(fn, o) < stepMs(fn, now)).reverse();
  };

  /** Estimates the plan with these functions moved; when it meets the SLO for less, it becomes the current plan and the move is logged. */
  const tryMove = (moved: Map<string, ConfigurationOption>, subject: string, chosen: string, fromMemoryMb: number, toMemoryMb: number): { summary: EstimateSummary; accepted: boolean } => {
    const trial = deploymentWith(ir, moved, current);
    const summary = estimate(ir, trial);
    estimates += 1;
    const latencyMs = latencyAt(summary, slo.percentile);
    if (latencyMs > slo.latencyMs || summary.costUsd >= currentSummary.costUsd) return { summary, accepted: false };
    log.record('passed', subject, chosen, { fromMemoryMb, toMemoryMb, latencyMs, costUsd: summary.costUsd });
    current = trial;
    currentSummary = summary;
    moves += 1;
    return { summary, accepted: true };
  };

  let improved = true;
  while (improved && estimates < input.maxEstimates) {
    improved = false;
    for (const fn of ladder.keys()) {
      const now = current.functions[fn]!;
      const nowOption = ladder.get(fn)!.find((o) => o.memoryMb === now.memoryMb && o.architecture === now.architecture);
      let below = nowOption ? costOf.get(fn)!.get(nowOption)! : Infinity;
      for (let tries = 0; tries < TRIES_PER_ROUND && estimates < input.maxEstimates; tries += 1) {
        const option = nextDown(fn, now, below);
        if (!option) break;
        below = costOf.get(fn)!.get(option)!;
        const { summary, accepted } = tryMove(new Map([[fn, option]]), fn, `polished down to ${optionLabel(option)}`, now.memoryMb, option.memoryMb);
        if (accepted) {
          improved = true;
          break;
        }
        const latencyMs = latencyAt(summary, slo.percentile);
        const reason = latencyMs > slo.latencyMs ? `the workflow's ${slo.percentile} would be ${latencyMs.toFixed(0)} ms, over the SLO` : 'no cheaper for the whole workflow';
        // The latest trial of an option is the one that counts (the rest of the plan may have moved since).
        const others = (rejected.get(fn) ?? []).filter((r) => r.option !== optionLabel(option));
        rejected.set(fn, [...others, { option: optionLabel(option), reason, numbers: { latencyMs: round(latencyMs), costUsd: round(summary.costUsd) } }]);
      }
    }
    if (improved) continue;
    // No single step down is left: try a pair — one function down, another one step up to pay for it.
    pairs: for (const down of ladder.keys()) {
      const now = optionOf(down);
      const lower = nextDown(down, current.functions[down]!, now ? costOf.get(down)!.get(now)! : Infinity);
      if (!lower) continue;
      for (const up of ladder.keys()) {
        if (up === down) continue;
        // One step up first; a further step only while the pair is too slow (a dearer step up cannot make a pair that met the SLO cheaper).
        const ups = stepsUp(up).slice(0, TRIES_PER_ROUND);
        const upNow = optionOf(up);
        for (const higher of ups) {
          // The leaves' costs already say the pair cannot be cheaper (and a further step up costs more still): no estimate.
          if (now && upNow && costOf.get(up)!.get(higher)! - costOf.get(up)!.get(upNow)! >= costOf.get(down)!.get(now)! - costOf.get(down)!.get(lower)!) break;
          if (estimates >= input.maxEstimates) break pairs;
          const { summary, accepted } = tryMove(new Map([[down, lower], [up, higher]]), down, `polished down to ${optionLabel(lower)}, paid for by ${up} up to ${optionLabel(higher)}`, current.functions[down]!.memoryMb, lower.memoryMb);
          if (accepted) {
            improved = true;
            break pairs;
          }
          if (latencyAt(summary, slo.percentile) <= slo.latencyMs) break;
        }
      }
    }
  }
  return { deployment: current, summary: currentSummary, estimates, moves, rejected };
}

function round(value: number): number {
  return Number(value.toPrecision(10));
}

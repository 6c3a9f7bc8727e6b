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
// Map variants move too (when the search offered them): a map step's bundle
// size and map mode are fixed by the frontier's pick, whose surrogate ranks
// them by per-step percentiles; the whole-workflow estimate sees the bundle's
// makespan, stragglers and the parallel branch it runs beside, and can rank
// them otherwise (sebs-1000-genome at 2 s: frequency 4,096 MB × 4 items, the
// optimum 2,048 MB × 2). So when no memory step down is left, each map step
// tries the (configuration, variant) pairs its leaves price below its own,
// lightest tail first; then pairs of two map steps (one down, the other to a
// lighter tail); then mixed pairs: a map step's cheaper variant while another
// function steps up in memory to buy back the time the bundle adds (video at
// 3 s: after encode × 2, rebase × 2 alone passes the SLO — 3,073 ms — and with
// split 1,024 → 2,048 MB it meets: the exhaustive optimum's plan).
// Deterministic: functions in name order, options by cost then memory then
// architecture, map steps by id. Bounded: at most `maxEstimates` whole-workflow
// estimates per polish (single moves O(F) per round, memory pairs O(F²), map
// pairs O(M²), mixed pairs O(M·F), each partner up to TRIES_PER_ROUND; a pair
// whose leaf costs say it cannot be cheaper is not estimated).
import { deploymentWith, optionLabel } from './function-options.ts';
import type { Deployment } from '../ir/deployment.ts';
import type { IR, Slo } from '../ir/types.ts';
import type { DecisionLog, RejectedOption } from './decision-log.ts';
import { latencyAt, type EstimateFn, type EstimateSummary } from './estimator-port.ts';
import type { LeafModel } from './leaf-model.ts';
import type { ConfigurationOption } from './strategy.ts';
import type { StepVariant } from './step-probe.ts';
import { variantFits } from './structural-options.ts';

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
  /** A map step's variants (bundle size × map mode) the search offered, plain first; absent: variants stay as they are. */
  variants?: (step: string) => readonly StepVariant[];
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

  /** Whether a step of this function runs in its own Lambda (a fused group's members run at the group's configuration, so moving the function's changes nothing). */
  const runsUnfused = (fn: string): boolean => (input.steps.get(fn) ?? []).some((s) => current.steps[s]?.fusionGroup === undefined);

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
      if (!runsUnfused(fn)) continue;
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
    if (input.variants && variantMoves()) {
      improved = true;
      continue;
    }
    // No single step down is left: try a pair — one function down, another one step up to pay for it.
    pairs: for (const down of ladder.keys()) {
      if (!runsUnfused(down)) continue;
      const now = optionOf(down);
      const lower = nextDown(down, current.functions[down]!, now ? costOf.get(down)!.get(now)! : Infinity);
      if (!lower) continue;
      for (const up of ladder.keys()) {
        if (up === down || !runsUnfused(up)) continue;
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
    if (!improved && input.variants && estimates < input.maxEstimates && mixedPairs()) improved = true;
  }
  return { deployment: current, summary: currentSummary, estimates, moves, rejected };

  /**
   * One round of map-variant moves. Singles: per map step (by id), the (configuration, variant) pairs whose leaves
   * cost less than its own (the function's other steps at that configuration included), lightest tail first
   * (LeafEstimate.tailLatencyMs: the workflow's percentile is reached when any step is in its tail), up to
   * TRIES_PER_ROUND estimates. Pairs, when no single is left: a step's lightest-tailed cheaper pair down while
   * another map step goes to a pair with a lighter tail that costs less than the first saves, cheapest first, up
   * to TRIES_PER_ROUND per partner. The first move that meets the SLO for less is kept: true when one was.
   */
  function variantMoves(): boolean {
    const mapSteps = mapStepsWithVariants();
    const downs = new Map(mapSteps.map((step) => [step, variantCandidates(step, 'down')]));
    for (const step of mapSteps) {
      for (const c of downs.get(step)!.slice(0, TRIES_PER_ROUND)) {
        if (estimates >= input.maxEstimates) return false;
        if (tryVariants([c]) === 'accepted') return true;
      }
    }
    for (const step of mapSteps) {
      const down = downs.get(step)![0];
      if (!down) continue;
      for (const partner of mapSteps) {
        if (partner === step || mapFunction(partner) === mapFunction(step)) continue;
        const ups = variantCandidates(partner, 'up').filter((u) => u.costUsd - u.hereCostUsd < down.hereCostUsd - down.costUsd);
        for (const up of ups.slice(0, TRIES_PER_ROUND)) {
          if (estimates >= input.maxEstimates) return false;
          if (tryVariants([down, up]) === 'accepted') return true;
        }
      }
    }
    return false;
  }

  /**
   * Mixed pairs, tried when no single move and no pair of one kind is left: per map step (by id), its lightest-tailed
   * cheaper pair that changes the variant (a bundle size or map mode: a plain memory move is a memory pair's), while
   * another function goes up to buy back the time it adds — the cheapest faster option first and, while the pair
   * is still too slow, up to TRIES_PER_ROUND steps up; a pair whose leaf costs say it cannot be cheaper is not
   * estimated. A bundle saves a map's requests and cold starts but lengthens it; the time can be bought back more
   * cheaply on a step the map waits for (video at 3 s: rebase × 2 paid for by split 1,024 → 2,048 MB). The first
   * pair that meets the SLO for less is kept: true when one was.
   */
  function mixedPairs(): boolean {
    for (const step of mapStepsWithVariants()) {
      const down = variantCandidates(step, 'down').find((c) => c.variant.bundleSize !== c.here.bundleSize || c.variant.distributed !== c.here.distributed);
      if (!down) continue;
      for (const up of ladder.keys()) {
        const upNow = optionOf(up);
        if (up === down.fn || !upNow || !runsUnfused(up)) continue;
        for (const higher of stepsUp(up).slice(0, TRIES_PER_ROUND)) {
          // The leaves' costs already say the pair cannot be cheaper (and a further step up costs more still): no estimate.
          if (costOf.get(up)!.get(higher)! - costOf.get(up)!.get(upNow)! >= down.hereCostUsd - down.costUsd) break;
          if (estimates >= input.maxEstimates) return false;
          const outcome = tryVariants([down], { fn: up, option: higher });
          if (outcome === 'accepted') return true;
          // It met the SLO and was still no cheaper: a dearer step up cannot change that.
          if (outcome === 'meets') break;
        }
      }
    }
    return false;
  }

  /** Map steps (by id) whose variants the search offered and whose function has an option of the ladder. */
  function mapStepsWithVariants(): string[] {
    return [...ir.graph.nodes()].sort().filter((step) => ir.graph.node(step).kind === 'map' && input.variants!(step).length > 1 && optionOf(mapFunction(step)) !== undefined);
  }

  function mapFunction(step: string): string {
    const node = ir.graph.node(step);
    return node.kind === 'map' ? node.functionName : '';
  }

  /**
   * A map step's (configuration, variant) pairs other than its own: 'down' those whose leaves cost less, lightest
   * tail first; 'up' those with a lighter tail that cost more, cheapest first. Costs include the function's other
   * steps at that configuration.
   */
  function variantCandidates(step: string, direction: 'down' | 'up'): VariantCandidate[] {
    const fn = mapFunction(step);
    const now = optionOf(fn)!;
    const here = variantOf(current, step);
    const costAt = (o: ConfigurationOption, v: StepVariant) => (input.steps.get(fn) ?? [step]).reduce((sum, s) => sum + leaves.leaf(s, o, s === step ? v : variantOf(current, s)).costUsd, 0);
    const tailOf = (o: ConfigurationOption, v: StepVariant) => {
      const leaf = leaves.leaf(step, o, v);
      return leaf.tailLatencyMs ?? leaf.latencyMs;
    };
    const hereCostUsd = costAt(now, here);
    const hereTailMs = tailOf(now, here);
    const candidates: VariantCandidate[] = [];
    for (const option of ladder.get(fn)!) {
      for (const variant of input.variants!(step)) {
        if (option === now && variant.bundleSize === here.bundleSize && variant.distributed === here.distributed) continue;
        const costUsd = costAt(option, variant);
        const tailMs = tailOf(option, variant);
        const wanted = direction === 'down' ? costUsd < hereCostUsd : costUsd > hereCostUsd && tailMs < hereTailMs;
        if (wanted && variantFits(ir, step, variant, leaves.leaf(step, option, variant).latencyMs)) candidates.push({ step, fn, option, variant, tailMs, costUsd, hereCostUsd, here });
      }
    }
    return candidates.sort(direction === 'down' ? (a, b) => a.tailMs - b.tailMs || a.costUsd - b.costUsd : (a, b) => a.costUsd - b.costUsd || a.tailMs - b.tailMs);
  }

  /**
   * Estimates the plan with these map steps moved (and `upFn` moved to its option, in a mixed pair); when it meets
   * the SLO for less it becomes the current plan and the move is logged (else a single move's rejection). Says
   * whether it was kept, met the SLO without being cheaper, or missed.
   */
  function tryVariants(moved: readonly VariantCandidate[], upFn?: { fn: string; option: ConfigurationOption }): 'accepted' | 'meets' | 'misses' {
    const functions = new Map(moved.map((c) => [c.fn, c.option]));
    if (upFn) functions.set(upFn.fn, upFn.option);
    let trial = deploymentWith(ir, functions, current);
    for (const c of moved) trial = withVariant(trial, c.step, c.variant);
    const summary = estimate(ir, trial);
    estimates += 1;
    const latencyMs = latencyAt(summary, slo.percentile);
    const [first, partner] = moved as [VariantCandidate, VariantCandidate | undefined];
    const label = `${optionLabel(first.option)}, ${variantLabel(first.variant)}`;
    if (latencyMs <= slo.latencyMs && summary.costUsd < currentSummary.costUsd) {
      const paidBy = partner ? `, paid for by ${partner.step} to ${optionLabel(partner.option)}, ${variantLabel(partner.variant)}` : upFn ? `, paid for by ${upFn.fn} up to ${optionLabel(upFn.option)}` : '';
      log.record('passed', first.step, `polished to ${label}${paidBy}`, { fromMemoryMb: current.functions[first.fn]!.memoryMb, toMemoryMb: first.option.memoryMb, fromBundleSize: first.here.bundleSize, toBundleSize: first.variant.bundleSize, latencyMs, costUsd: summary.costUsd });
      current = trial;
      currentSummary = summary;
      moves += 1;
      return 'accepted';
    }
    if (!partner && !upFn) {
      const reason = latencyMs > slo.latencyMs ? `the workflow's ${slo.percentile} would be ${latencyMs.toFixed(0)} ms, over the SLO` : 'no cheaper for the whole workflow';
      const others = (rejected.get(first.step) ?? []).filter((r) => r.option !== label);
      rejected.set(first.step, [...others, { option: label, reason, numbers: { latencyMs: round(latencyMs), costUsd: round(summary.costUsd) } }]);
    }
    return latencyMs <= slo.latencyMs ? 'meets' : 'misses';
  }
}

interface VariantCandidate {
  step: string;
  fn: string;
  option: ConfigurationOption;
  variant: StepVariant;
  tailMs: number;
  costUsd: number;
  /** The step's own leaf cost and variant today, for the saving and the log. */
  hereCostUsd: number;
  here: StepVariant;
}

/** A map step's variant in a deployment (bundle size, Inline or Distributed Map). */
function variantOf(deployment: Deployment, step: string): StepVariant {
  const s = deployment.steps[step];
  return { bundleSize: s?.bundleSize ?? 1, distributed: s?.map?.mode === 'distributed' };
}

/** The deployment with this map step run as this variant (written as withStructure writes it: plain leaves no trace). */
function withVariant(deployment: Deployment, step: string, variant: StepVariant): Deployment {
  const { bundleSize: _bundle, map: _map, ...rest } = deployment.steps[step] ?? {};
  const next = { ...rest, ...(variant.bundleSize > 1 ? { bundleSize: variant.bundleSize } : {}), ...(variant.distributed ? { map: { mode: 'distributed' as const, maxConcurrency: 0 } } : {}) };
  return { ...deployment, steps: { ...deployment.steps, [step]: next } };
}

function variantLabel(variant: StepVariant): string {
  return `${variant.bundleSize} item(s) per invocation, ${variant.distributed ? 'Distributed' : 'Inline'} Map`;
}

function round(value: number): number {
  return Number(value.toPrecision(10));
}

// Power Tuning: each function tuned alone, the way AWS Lambda Power Tuning
// (github.com/alexcasalboni/aws-lambda-power-tuning, Apache-2.0; rule read from
// README-INPUT-OUTPUT.md and lambda/analyzer.js, lambda/utils.js) tunes it:
//
// - It tries the power values 128, 256, 512, 1024, 1536 and 3008 MB (the
//   tool's default `powerValues`) on the function's own architecture; it never
//   switches architecture and never looks at the workflow around the function.
// - Per power value it takes the average duration with the top and bottom
//   20 % discarded (`discardTopBottom` 0.2) and prices it as
//   ceil(duration ms) × the price of 1 ms at that memory.
// - `cost` picks the cheapest (ties: the faster); `speed` the fastest (ties:
//   the cheaper); `balanced` minimises
//     w · cost / maxCost + (1 − w) · duration / maxDuration
//   with w = `balancedWeight` (default 0.5; 1 = cost, 0 = speed).
//   The tool's own default strategy is `cost`; dagc's baseline defaults to
//   balanced 0.5, the setting people use when latency matters at all.
//
// Average durations come from the profile: the trimmed mean of the measured
// warm durations when the profile has that power value on that architecture,
// else the same trimmed mean of the profile's predicted duration distribution
// at that size (src/model/duration-model.ts) — our stand-in for the
// invocations the tool would make; the shared estimator's median of the
// function run alone only when the profile cannot be fitted. Power values that do not fit the
// function (footprint + headroom, min/max memory) are skipped — the tool would
// see them fail. Prices cancel (one architecture), so cost is compared in
// GB-milliseconds. The SLO is ignored.
// Complexity: O(functions × power values) probes.
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { baselineDiagnostics } from '../diagnostics/baselines.ts';
import { durationModel, type DurationModel } from '../model/duration-model.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import { DecisionLog } from '../passes/decision-log.ts';
import { usableArchitectures } from '../passes/memory-options.ts';
import type { ConfigurationOption, Strategy, StrategyInput, StrategyResult } from '../passes/strategy.ts';
import { deploymentWith, optionLabel, optionsByFunction } from '../passes/function-options.ts';
import { StepProbe } from '../passes/step-probe.ts';

export const POWER_TUNING = 'power-tuning';
export const POWER_TUNING_DEFAULT_POWER_VALUES_MB: readonly number[] = [128, 256, 512, 1024, 1536, 3008];
export const POWER_TUNING_DISCARD_TOP_BOTTOM = 0.2;

export type PowerTuningObjective = 'cost' | 'speed' | 'balanced';

export interface PowerTuningSettings {
  objective: PowerTuningObjective;
  /** 0 = speed … 1 = cost; used by `balanced`. */
  balancedWeight: number;
  powerValuesMb: readonly number[];
}

export const DEFAULT_POWER_TUNING: PowerTuningSettings = {
  objective: 'balanced',
  balancedWeight: 0.5,
  powerValuesMb: POWER_TUNING_DEFAULT_POWER_VALUES_MB,
};

/** One row of the tool's result: a power value, its average duration and its average cost per invocation. */
export interface PowerStat {
  memoryMb: number;
  avgDurationMs: number;
  avgCost: number;
}

/** The tool's pick among its stats (analyzer.js): sorts are stable, so equal rows keep the power-value order. */
export function pickPower(stats: readonly PowerStat[], objective: PowerTuningObjective, balancedWeight = 0.5): PowerStat {
  if (stats.length === 0) throw new Error('pickPower: no stats');
  const rows = [...stats];
  if (objective === 'cost') {
    rows.sort((a, b) => (a.avgCost === b.avgCost ? a.avgDurationMs - b.avgDurationMs : a.avgCost - b.avgCost));
  } else if (objective === 'speed') {
    rows.sort((a, b) => (a.avgDurationMs === b.avgDurationMs ? a.avgCost - b.avgCost : a.avgDurationMs - b.avgDurationMs));
  } else {
    const w = Math.min(Math.max(balancedWeight, 0), 1);
    const maxCost = Math.max(...rows.map((r) => r.avgCost));
    const maxDuration = Math.max(...rows.map((r) => r.avgDurationMs));
    const value = (r: PowerStat): number => (w * r.avgCost) / maxCost + ((1 - w) * r.avgDurationMs) / maxDuration;
    rows.sort((a, b) => value(a) - value(b));
  }
  return rows[0]!;
}

/** The tool's trimmed mean (utils.js computeAverageDuration). */
export function trimmedMeanMs(durationsMs: readonly number[], discardTopBottom = POWER_TUNING_DISCARD_TOP_BOTTOM): number {
  if (durationsMs.length === 0) return 0;
  const drop = Math.trunc(durationsMs.length * discardTopBottom);
  const kept = [...durationsMs].sort((a, b) => a - b).slice(drop, durationsMs.length - drop);
  return kept.reduce((sum, d) => sum + d, 0) / kept.length;
}

/** Cost of one invocation in GB-milliseconds, billed per started millisecond as the tool prices it. */
export function billedGbMs(memoryMb: number, avgDurationMs: number): number {
  return Math.ceil(avgDurationMs) * (memoryMb / 1024);
}

export function powerTuning(settings: Partial<PowerTuningSettings> = {}): Strategy {
  const s: PowerTuningSettings = { ...DEFAULT_POWER_TUNING, ...settings };
  if (!(s.balancedWeight >= 0 && s.balancedWeight <= 1)) {
    throw new DagcUserError([baselineDiagnostics.badPowerTuningSetting(`balancedWeight ${s.balancedWeight} is not between 0 and 1`)]);
  }
  return (input) => runPowerTuning(input, s);
}

function runPowerTuning(input: StrategyInput, s: PowerTuningSettings): StrategyResult {
  const log = new DecisionLog(POWER_TUNING);
  const probe = new StepProbe(input.ir, input.estimate);
  const tuned = optionsByFunction(input.ir, input.profiles, s.powerValuesMb);
  const fallback = optionsByFunction(input.ir, input.profiles);
  const assignment = new Map<string, ConfigurationOption>();
  for (const [fn, options] of tuned) {
    const architecture = usableArchitectures(input.ir.functions.get(fn)!, input.profiles.get(fn))[0];
    const powers = options.filter((o) => o.architecture === architecture);
    if (powers.length === 0) {
      // No default power value fits (e.g. minMemory above 3008 MB): the tool would be run on the sizes allowed.
      const first = fallback.get(fn)![0]!;
      assignment.set(fn, first);
      log.record('missed', fn, optionLabel(first), {}, [{ option: 'power values', reason: 'none of the default power values is allowed for this function' }]);
      continue;
    }
    const stats = powers.map((o) => stat(fn, o, input.profiles.get(fn), probe));
    const best = pickPower(stats, s.objective, s.balancedWeight);
    const chosen = powers.find((o) => o.memoryMb === best.memoryMb)!;
    assignment.set(fn, chosen);
    log.record(
      'passed',
      fn,
      optionLabel(chosen),
      { avgDurationMs: best.avgDurationMs, billedGbMs: best.avgCost, balancedWeight: s.balancedWeight },
      stats.filter((r) => r !== best).map((r) => ({ option: `${r.memoryMb} MB`, reason: `not the ${s.objective} choice`, numbers: { avgDurationMs: r.avgDurationMs, billedGbMs: r.avgCost } })),
    );
  }
  return { strategy: POWER_TUNING, deployment: deploymentWith(input.ir, assignment), decisions: log.list() };
}

function stat(fn: string, option: ConfigurationOption, profile: FunctionProfile | undefined, probe: StepProbe): PowerStat {
  const measured = profile?.architectures[option.architecture]?.measurements.find((m) => m.memoryMb === option.memoryMb);
  let avgDurationMs: number;
  if (measured && measured.warmDurationsMs.length > 0) {
    avgDurationMs = trimmedMeanMs(measured.warmDurationsMs);
  } else {
    const model = profile ? durationModel(profile, option.architecture) : undefined;
    avgDurationMs = model ? predictedTrimmedMeanMs(model, option.memoryMb) : probe.invocation(fn, option).latencyMs.p50;
  }
  return { memoryMb: option.memoryMb, avgDurationMs, avgCost: billedGbMs(option.memoryMb, avgDurationMs) };
}

/**
 * The population counterpart of the tool's trimmed mean: the mean of the
 * predicted duration's quantiles between the discarded tails (midpoint rule
 * over TRIM_STEPS slices).
 */
export function predictedTrimmedMeanMs(model: DurationModel, memoryMb: number, discardTopBottom = POWER_TUNING_DISCARD_TOP_BOTTOM): number {
  const width = (1 - 2 * discardTopBottom) / TRIM_STEPS;
  let sum = 0;
  for (let i = 0; i < TRIM_STEPS; i++) sum += model.quantile(memoryMb, discardTopBottom + (i + 0.5) * width);
  return sum / TRIM_STEPS;
}

const TRIM_STEPS = 60;

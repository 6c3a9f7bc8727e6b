// What a plan's estimates assumed beyond the profiles' own numbers, for
// `dagc explain`: how executions arrive (the plan's recorded arrival model, or
// the estimator's default) and what that means for cold starts, and, for each
// function sized where its profile has no measurement, the interval its
// duration could lie in between the measured sizes around it and the end the
// estimate used (the slower one: docs/model-and-estimator.md, "no optimism at
// unmeasured sizes").
// Decided: the intervals are recomputed from the app's current profiles (a plan
// records their hashes, not their numbers); a plan whose app or profiles cannot
// be read says so on one line instead of failing explain, whose decision log
// needs neither. Functions of a fusion group run at the group's size, which
// the group's own line in the decision log states; they are listed at their
// own chosen size like every other.
import type { Plan } from '../codegen/plan.ts';
import { loadPlannedApp } from '../codegen/plan-deployment.ts';
import { isUserError } from '../diagnostics/diagnostic.ts';
import { PERCENTILE_LEVEL, type ArrivalModel } from '../ir/types.ts';
import { durationModel } from '../model/duration-model.ts';
import { readProfiles } from '../model/profile.ts';
import { coldSituations, DEFAULT_ARRIVALS } from '../sim/arrivals.ts';

const HOUR_MS = 3_600_000;

/** An arrival model as the --arrivals flag writes it (rate=60/h, burst=30@1h, burst=30@1m×5). */
export function formatArrivals(model: ArrivalModel): string {
  const parts: string[] = [];
  if (model.ratePerHour > 0 || !model.burst) parts.push(`rate=${Number(model.ratePerHour.toPrecision(6))}/h`);
  const burst = model.burst;
  if (burst) {
    const ms = burst.everyMs;
    const every = ms % HOUR_MS === 0 ? `${ms / HOUR_MS}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
    parts.push(`burst=${burst.executions}@${every}${burst.count !== undefined ? `×${burst.count}` : ''}`);
  }
  return parts.join(',');
}

/** The arrival model the plan's estimates drew with, and the cold-start odds it gives. */
export function explainArrivals(recorded: ArrivalModel | undefined): string {
  const model = recorded ?? DEFAULT_ARRIVALS;
  const origin = recorded ? 'recorded in the plan (app.yaml arrivals: or --arrivals)' : 'the default (no arrivals: in app.yaml, no --arrivals)';
  const c = coldSituations(model);
  const percent = (x: number) => `${Number((100 * x).toPrecision(3))} %`;
  return (
    `\n[arrivals] ${formatArrivals(model)}, ${origin}\n` +
    `  ${percent(c.coldWaveShare)} of executions in a cold wave (every invocation cold together), the others cold at ${percent(c.otherColdProbability)} per invocation, independently\n`
  );
}

/** For each function at a size its profile did not measure: the interval of its SLO-percentile duration and the end the estimate used. */
export function explainUnmeasuredSizes(plan: Plan, planLocation: string): string {
  let planned: ReturnType<typeof loadPlannedApp>;
  let profiles: ReturnType<typeof readProfiles>['profiles'];
  try {
    planned = loadPlannedApp(planLocation);
    profiles = readProfiles(planned.ir).profiles;
  } catch (error) {
    if (!isUserError(error)) throw error;
    return `\n[unmeasured sizes] not shown: the plan's app or profiles cannot be read (${error.diagnostics[0]?.code ?? 'error'})\n`;
  }
  const percentile = plan.slo.percentile;
  const lines: string[] = [];
  for (const [fn, chosen] of Object.entries(planned.deployment.functions).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const profile = profiles.get(fn);
    const measurements = profile?.architectures[chosen.architecture]?.measurements ?? [];
    const measured = measurements.filter((m) => m.warmDurationsMs.length > 0).map((m) => m.memoryMb).sort((a, b) => a - b);
    if (!profile || measured.includes(chosen.memoryMb)) continue;
    const interval = durationModel(profile, chosen.architecture)?.intervalAt?.(chosen.memoryMb, PERCENTILE_LEVEL[percentile]);
    if (!interval || interval.measured) continue;
    const below = measured.filter((m) => m < chosen.memoryMb).pop();
    const above = measured.find((m) => m > chosen.memoryMb);
    const around = below !== undefined && above !== undefined ? `between the measured ${below} and ${above} MB` : `outside the measured ${measured[0]}–${measured[measured.length - 1]} MB, scaled by the fit`;
    const r = Math.round;
    const range = r(interval.lowMs) === r(interval.highMs) ? `${r(interval.highMs)} ms (no bracket to span)` : `${r(interval.lowMs)}–${r(interval.highMs)} ms (fit ${r(interval.fitMs)} ms)`;
    lines.push(`  ${fn} at ${chosen.memoryMb} MB (${chosen.architecture}), ${around}: ${percentile} duration ${range}; the estimate used ${r(interval.predictedMs)} ms, the slower end`);
  }
  if (lines.length === 0) return `\n[unmeasured sizes] none: every function runs at a size its profile measured\n`;
  return `\n[unmeasured sizes] ${lines.length} function(s) at a size nobody measured\n${lines.join('\n')}\n`;
}

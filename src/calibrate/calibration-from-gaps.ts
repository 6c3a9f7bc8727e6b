// GapObservation[] → a PlatformCalibration: one fitLatency per (kind,
// orchestration, warm/cold) group, and for a group with too few observations
// (fewer than MIN_FIT_OBSERVATIONS) the part of the fallback calibration
// (the shipped defaults unless told otherwise), whose source then says so.
// Kept in one function so the merge can swap it for orch-latency's
// `calibrationFromObservations` without touching the callers.
// Map iteration and Parallel branch starts are not split warm/cold: they are
// the state machine's own work and involve no Lambda environment.
import { DEFAULT_CALIBRATION, fitLatency, type GapObservation, type MeasuredLatency, type OrchestrationType, type PlatformCalibration } from '../model/calibration.ts';

const TYPES: readonly OrchestrationType[] = ['standard', 'express'];

export function calibrationFromGaps(gaps: readonly GapObservation[], source: string, fallback: PlatformCalibration = DEFAULT_CALIBRATION): PlatformCalibration {
  const pick = (kind: GapObservation['kind'], type: OrchestrationType, cold?: boolean) =>
    gaps.filter((g) => g.kind === kind && g.orchestration === type && (cold === undefined || g.cold === cold)).map((g) => g.gapMs);
  const fit = (values: number[], what: string, fallbackPart: MeasuredLatency): MeasuredLatency => {
    const fitted = fitLatency(values, `${source}: ${values.length} ${what}`, fallbackPart);
    // A kept fallback says why, so `explain` never passes a default off as measured.
    if (fitted === fallbackPart && values.length > 0) return { ...fallbackPart, source: `${fallbackPart.source} (only ${values.length} ${what} in ${source}, too few to fit)` };
    return fitted;
  };
  const o = fallback.orchestration;
  const result: PlatformCalibration = { version: 1, source, orchestration: structuredClone(o) };
  for (const type of TYPES) {
    result.orchestration.taskDispatch[type] = {
      warm: fit(pick('task', type, false), `warm ${type} Task dispatches`, o.taskDispatch[type].warm),
      cold: fit(pick('task', type, true), `cold ${type} Task dispatches`, o.taskDispatch[type].cold),
    };
    result.orchestration.mapIterationStart[type] = fit(pick('map-iteration', type), `${type} Map iteration starts`, o.mapIterationStart[type]);
    result.orchestration.parallelBranchStart[type] = fit(pick('parallel-branch', type), `${type} Parallel branch starts`, o.parallelBranchStart[type]);
  }
  return result;
}

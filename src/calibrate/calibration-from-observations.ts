// Measured gaps → a PlatformCalibration: one shifted lognormal per kind of gap
// (Task dispatch warm and cold, Map iteration start, Parallel branch start), per
// workflow type, fitted with fitLatency (src/model/calibration.ts). A part with
// fewer than MIN_FIT_OBSERVATIONS gaps keeps the fallback's value (by default
// the shipped calibration), so a small trace refits what it measured and
// leaves the rest as it was, each value saying where it came from.
// The staggers of cold map items and branches are fitted apart from warm ones
// (a burst's new environments are placed hundreds of ms apart, warm ones tens)
// into the optional cold fields; without cold gaps they fall back to the
// warm fit.
// Complexity: O(n log n) in the observations.
import { DEFAULT_CALIBRATION, fitLatency, type GapObservation, type MeasuredLatency, type OrchestrationType, type PlatformCalibration } from '../model/calibration.ts';

const TYPES: readonly OrchestrationType[] = ['standard', 'express'];

export function calibrationFromObservations(observations: readonly GapObservation[], source: string, fallback: PlatformCalibration = DEFAULT_CALIBRATION): PlatformCalibration {
  const gaps = (kind: GapObservation['kind'], orchestration: OrchestrationType, cold: boolean): number[] =>
    observations.filter((o) => o.kind === kind && o.orchestration === orchestration && o.cold === cold).map((o) => o.gapMs);
  const fit = (kind: GapObservation['kind'], orchestration: OrchestrationType, cold: boolean, otherwise: MeasuredLatency): MeasuredLatency => fitLatency(gaps(kind, orchestration, cold), source, otherwise);
  const orchestration = fallback.orchestration;
  const result: PlatformCalibration = {
    version: 1,
    source,
    orchestration: {
      taskDispatch: { standard: { ...orchestration.taskDispatch.standard }, express: { ...orchestration.taskDispatch.express } },
      mapIterationStart: { ...orchestration.mapIterationStart },
      parallelBranchStart: { ...orchestration.parallelBranchStart },
    },
  };
  const out = result.orchestration;
  for (const type of TYPES) {
    out.taskDispatch[type] = { warm: fit('task', type, false, orchestration.taskDispatch[type].warm), cold: fit('task', type, true, orchestration.taskDispatch[type].cold) };
    out.mapIterationStart[type] = fit('map-iteration', type, false, orchestration.mapIterationStart[type]);
    out.parallelBranchStart[type] = fit('parallel-branch', type, false, orchestration.parallelBranchStart[type]);
  }
  const coldMap = {} as Record<OrchestrationType, MeasuredLatency>;
  const coldBranch = {} as Record<OrchestrationType, MeasuredLatency>;
  for (const type of TYPES) {
    coldMap[type] = fit('map-iteration', type, true, orchestration.coldMapIterationStart?.[type] ?? out.mapIterationStart[type]);
    coldBranch[type] = fit('parallel-branch', type, true, orchestration.coldParallelBranchStart?.[type] ?? out.parallelBranchStart[type]);
  }
  out.coldMapIterationStart = coldMap;
  out.coldParallelBranchStart = coldBranch;
  return result;
}

// Measured gaps → a PlatformCalibration: the one fit behind `dagc calibrate`
// (histories and trace files alike) and the shipped defaults. One shifted
// lognormal per kind of gap (Task dispatch warm and cold, Map iteration start
// and Parallel branch start, warm and cold), per workflow type, fitted with
// fitLatency (src/model/calibration.ts).
// - A part with fewer than MIN_FIT_OBSERVATIONS gaps keeps the fallback's value
//   (by default the shipped calibration), so a small trace or a few histories
//   refit what they measured and leave the rest as it was; when some gaps were
//   seen but too few, the kept value's source says so ("only 3 cold standard
//   Task dispatches in …, too few to fit"): a default is never passed off as
//   measured.
// - Every fitted part's source names what it was fitted from and how many
//   ("<source>: 737 warm standard Task dispatches").
// - The staggers of cold map items and branches are fitted apart from warm ones
//   (a burst's new environments are placed hundreds of ms apart, warm ones
//   tens) into the optional cold fields; without cold gaps they keep the
//   fallback's cold value, or the warm fit when the fallback has none. A
//   history cannot tell a cold iteration start from a warm one (no
//   environment is involved until its Task), so its staggers are all warm.
// Complexity: O(n log n) in the observations.
import { DEFAULT_CALIBRATION, fitLatency, type GapObservation, type MeasuredLatency, type OrchestrationType, type PlatformCalibration } from '../model/calibration.ts';

const TYPES: readonly OrchestrationType[] = ['standard', 'express'];

const NAMES: Record<GapObservation['kind'], string> = { task: 'Task dispatches', 'map-iteration': 'Map iteration starts', 'parallel-branch': 'Parallel branch starts' };

export function calibrationFromObservations(observations: readonly GapObservation[], source: string, fallback: PlatformCalibration = DEFAULT_CALIBRATION): PlatformCalibration {
  const fit = (kind: GapObservation['kind'], orchestration: OrchestrationType, cold: boolean, otherwise: MeasuredLatency): MeasuredLatency => {
    const gaps = observations.filter((o) => o.kind === kind && o.orchestration === orchestration && o.cold === cold).map((o) => o.gapMs);
    const what = `${cold ? 'cold' : 'warm'} ${orchestration} ${NAMES[kind]}`;
    const fitted = fitLatency(gaps, `${source}: ${gaps.length} ${what}`, otherwise);
    if (fitted === otherwise && gaps.length > 0) return { ...otherwise, source: `${otherwise.source} (only ${gaps.length} ${what} in ${source}, too few to fit)` };
    return fitted;
  };
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

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
// - Task dispatch by kind (DispatchKind: after a Task, after a Map, a Map's
//   first item, its next item): every Task dispatch is in the pooled fit; the
//   ones whose kind is known are fitted per kind too. A kind with too few
//   takes the pooled fit when these observations refit it (their own
//   platform, nearer than another's kind), else keeps the fallback's value
//   for that kind, or the pooled one when the fallback has none — its source
//   says "pooled", observations 0.
// - The isolated cold Task dispatch (outside a cold wave) is not told apart
//   here (a history does not say how executions arrived): a type whose cold
//   Task dispatch these observations fit draws that fit for every cold start
//   (the fallback's isolated value is dropped); another keeps the fallback's.
// Complexity: O(n log n) in the observations.
import { DEFAULT_CALIBRATION, DISPATCH_KINDS, fitLatency, MIN_FIT_OBSERVATIONS, type DispatchKind, type GapObservation, type MeasuredLatency, type OrchestrationType, type PlatformCalibration, type WarmCold } from '../model/calibration.ts';

const TYPES: readonly OrchestrationType[] = ['standard', 'express'];

const NAMES: Record<GapObservation['kind'], string> = { task: 'Task dispatches', 'map-iteration': 'Map iteration starts', 'parallel-branch': 'Parallel branch starts' };

/** How a kind of Task dispatch reads in a source: "<n> warm standard Task dispatches after a Task". */
export const KIND_NAMES: Record<DispatchKind, string> = {
  afterTask: 'Task dispatches after a Task',
  afterMap: 'Task dispatches after a Map',
  mapFirstItem: 'Map first-item dispatches',
  mapNextItem: 'Map next-item dispatches',
};

/** Marks "no fit" (fitLatency returns its fallback when the gaps are too few). */
const PLACEHOLDER: MeasuredLatency = { shiftMs: 0, medianMs: 0, sigma: 0, observations: 0, source: 'placeholder' };

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
  const isolated: Partial<Record<OrchestrationType, MeasuredLatency>> = {};
  for (const type of TYPES) {
    const kept = orchestration.isolatedColdTaskDispatch?.[type];
    const coldGaps = observations.filter((o) => o.kind === 'task' && o.orchestration === type && o.cold && Number.isFinite(o.gapMs) && o.gapMs >= 0).length;
    if (kept && coldGaps < MIN_FIT_OBSERVATIONS) isolated[type] = kept;
  }
  if (Object.keys(isolated).length > 0) out.isolatedColdTaskDispatch = isolated;
  out.dispatchByKind = {};
  for (const kind of DISPATCH_KINDS) {
    const perType = {} as Record<OrchestrationType, WarmCold>;
    for (const type of TYPES) {
      const one = (cold: boolean): MeasuredLatency => {
        const temp = cold ? 'cold' : 'warm';
        const gaps = observations.filter((o) => o.kind === 'task' && o.dispatch === kind && o.orchestration === type && o.cold === cold).map((o) => o.gapMs);
        const what = `${temp} ${type} ${KIND_NAMES[kind]}`;
        const fitted = fitLatency(gaps, `${source}: ${gaps.length} ${what}`, PLACEHOLDER);
        if (fitted !== PLACEHOLDER) return fitted;
        const too = gaps.length > 0 ? `only ${gaps.length} ${what} in ${source}, too few to fit` : `no ${what} in ${source}`;
        const pooled = out.taskDispatch[type][temp];
        // The pooled value was refit from these observations: it is theirs, nearer than the fallback's kind.
        const refit = pooled.observations > 0 && pooled.source.startsWith(`${source}: `);
        const kept = refit ? undefined : orchestration.dispatchByKind?.[kind]?.[type]?.[temp];
        if (kept) return gaps.length > 0 ? { ...kept, source: `${kept.source} (${too})` } : kept;
        return { shiftMs: pooled.shiftMs, medianMs: pooled.medianMs, sigma: pooled.sigma, observations: 0, source: `pooled Task dispatch, ${too} (${pooled.source})` };
      };
      perType[type] = { warm: one(false), cold: one(true) };
    }
    out.dispatchByKind[kind] = perType;
  }
  return result;
}

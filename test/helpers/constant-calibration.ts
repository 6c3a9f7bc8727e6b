// A calibration of constant platform latencies, so that hand-worked estimator
// numbers stay exact: every Task dispatch taskMs (warm and cold unless coldTaskMs
// is given), every Map item and Parallel branch stagger its own constant (0 unless given).
import type { MeasuredLatency, OrchestrationType, PlatformCalibration } from '../../src/model/calibration.ts';

export interface ConstantLatencies {
  taskMs: number;
  coldTaskMs?: number;
  mapItemMs?: number;
  branchMs?: number;
}

function constant(ms: number): MeasuredLatency {
  return { shiftMs: ms, medianMs: 0, sigma: 0, source: 'test: constant', observations: 0 };
}

export function constantCalibration(standard: ConstantLatencies, express: ConstantLatencies = standard): PlatformCalibration {
  const of = (l: ConstantLatencies) => ({
    task: { warm: constant(l.taskMs), cold: constant(l.coldTaskMs ?? l.taskMs) },
    map: constant(l.mapItemMs ?? 0),
    branch: constant(l.branchMs ?? 0),
  });
  const s = of(standard);
  const e = of(express);
  const pick = <K extends 'map' | 'branch'>(k: K): Record<OrchestrationType, MeasuredLatency> => ({ standard: s[k], express: e[k] });
  return {
    version: 1,
    source: 'test: constant latencies',
    orchestration: { taskDispatch: { standard: s.task, express: e.task }, mapIterationStart: pick('map'), parallelBranchStart: pick('branch') },
  };
}

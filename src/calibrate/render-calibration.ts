// A calibration as text: one line per latency with its median, p95, how many
// observations it was fitted from (or 'default'), and its source. Printed by
// `dagc calibrate` after a fit and by `dagc explain` for the values a plan used;
// the cold Map/Parallel staggers and the Task dispatch by kind only when the
// calibration holds them (a kind it lacks draws the pooled Task dispatch).
import { DISPATCH_KINDS, latencyQuantileMs, type DispatchKind, type MeasuredLatency, type PlatformCalibration } from '../model/calibration.ts';

const KIND_LABELS: Record<DispatchKind, string> = { afterTask: 'after a Task', afterMap: 'after a Map', mapFirstItem: "a Map's first item", mapNextItem: "a Map's next item" };

/** One line per latency: its median and p95, and where it came from. */
export function renderCalibration(calibration: PlatformCalibration): string {
  const o = calibration.orchestration;
  const line = (what: string, l: MeasuredLatency) =>
    `  ${what.padEnd(48)} p50 ${Math.round(latencyQuantileMs(l, 0.5)).toString().padStart(5)} ms  p95 ${Math.round(latencyQuantileMs(l, 0.95)).toString().padStart(5)} ms  ${l.observations > 0 ? `${l.observations} obs.` : 'default'} — ${l.source}\n`;
  let text = `${calibration.source}\n`;
  for (const type of ['standard', 'express'] as const) {
    text += line(`Task dispatch, ${type}, warm`, o.taskDispatch[type].warm);
    text += line(`Task dispatch, ${type}, cold`, o.taskDispatch[type].cold);
    text += line(`Map iteration start, ${type}`, o.mapIterationStart[type]);
    text += line(`Parallel branch start, ${type}`, o.parallelBranchStart[type]);
    // The cold staggers (a burst's new environments), when the calibration has them apart.
    const coldMap = o.coldMapIterationStart?.[type];
    const coldBranch = o.coldParallelBranchStart?.[type];
    if (coldMap) text += line(`Map iteration start, ${type}, cold`, coldMap);
    if (coldBranch) text += line(`Parallel branch start, ${type}, cold`, coldBranch);
    const isolated = o.isolatedColdTaskDispatch?.[type];
    if (isolated) text += line(`Task dispatch, ${type}, cold outside a wave`, isolated);
    for (const kind of DISPATCH_KINDS) {
      const byKind = o.dispatchByKind?.[kind]?.[type];
      if (!byKind) continue;
      text += line(`Task dispatch ${KIND_LABELS[kind]}, ${type}, warm`, byKind.warm);
      text += line(`Task dispatch ${KIND_LABELS[kind]}, ${type}, cold`, byKind.cold);
    }
  }
  return text;
}

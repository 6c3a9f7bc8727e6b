// The trace-file path of `dagc calibrate` (--traces FILE... --workflow FILE):
// SeBS-Flow-style trace files → GapObservation[]. The extraction itself
// (`gapsFromTraceFile`) belongs to the orchestration-latency work of issue 23
// and is not in this build yet; this one adapter is where it is called, so
// wiring it is a change to this file alone. Until then it says so (DAGC0583).
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { calibrateDiagnostics } from '../diagnostics/calibrate.ts';
import type { GapObservation } from '../model/calibration.ts';

export interface TraceSourceOptions {
  traceFiles: readonly string[];
  /** The workflow the traces ran: a SeBS-Flow definition or an app.yaml. */
  workflowFile: string;
}

export function gapsFromTraces(_options: TraceSourceOptions): GapObservation[] {
  throw new DagcUserError([calibrateDiagnostics.tracesNotYet()]);
}

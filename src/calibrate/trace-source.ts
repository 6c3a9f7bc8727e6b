// The trace-file path of `dagc calibrate` (--traces FILE... --workflow FILE):
// SeBS-Flow-style trace files (columns as in fixtures-data/sebs-flow-traces)
// of one workflow, whose SeBS-Flow definition gives the structure the gaps are
// measured against (trace-gaps.ts) → GapObservation[], then the same fit the
// shipped defaults come from (calibration-from-observations.ts: cold Map and
// Parallel staggers apart from warm ones). The workflow must be a SeBS-Flow
// definition: an app.yaml has no record of which trace rows belong to which
// state (DAGC0583 says so).
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { calibrateDiagnostics } from '../diagnostics/calibrate.ts';
import type { GapObservation, PlatformCalibration } from '../model/calibration.ts';
import { calibrationFromObservations } from './calibration-from-observations.ts';
import { readSebsDefinition } from './sebs-flow-definition.ts';
import { gapsFromTraceFile } from './trace-gaps.ts';

export interface TraceSourceOptions {
  traceFiles: readonly string[];
  /** The SeBS-Flow definition (definition.json) the traces ran. */
  workflowFile: string;
}

export interface TraceCalibration {
  calibration: PlatformCalibration;
  observations: GapObservation[];
  /** Workflow executions read over all files (distinct request_id per file). */
  executions: number;
  /** Rows whose provider fields (what the REPORT line gives: Duration, Init Duration) are missing: no gap after them, nor theirs when cold. */
  withoutReport: number;
}

export function calibrationFromTraces(options: TraceSourceOptions): TraceCalibration {
  if (!/\.json$/i.test(options.workflowFile)) throw new DagcUserError([calibrateDiagnostics.tracesNeedSebsDefinition(options.workflowFile)]);
  const workflow = readSebsDefinition(options.workflowFile);
  const observations: GapObservation[] = [];
  let executions = 0;
  let withoutReport = 0;
  for (const file of options.traceFiles) {
    const gaps = gapsFromTraceFile(file, workflow);
    observations.push(...gaps.observations);
    executions += gaps.executions;
    withoutReport += gaps.rowsWithoutProviderFields;
  }
  return { calibration: calibrationFromObservations(observations, `trace files ${options.traceFiles.join(', ')}`), observations, executions, withoutReport };
}

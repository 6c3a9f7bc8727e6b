// `dagc calibrate` as a function: checks which source the flags name (one of
// --state-machine-arn, --histories, --traces), builds the calibration from it,
// writes it (stable JSON, atomically) and returns what to report. An
// interrupted SDK run keeps its journal (<out>.journal.json) and says so; a
// finished one removes it.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { calibrateDiagnostics } from '../diagnostics/calibrate.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import type { OrchestrationType } from '../model/calibration.ts';
import { createAwsClients, destroyAwsClients } from '../profiler/aws-clients.ts';
import { calibrateFromHistoryFiles, calibrateFromStateMachine, type CalibrateResult } from './calibrate.ts';
import { calibrationFileText } from './calibration-file.ts';
import { removeJournal } from './sfn-histories.ts';
import { calibrationFromTraces } from './trace-source.ts';

export interface RunCalibrateOptions {
  out: string;
  stateMachineArn?: string;
  region?: string;
  endpoint?: string;
  profile?: string;
  maxExecutions?: string;
  /** Skip CloudWatch Logs (no REPORT lines). */
  logs?: boolean;
  histories?: string[];
  orchestration?: string;
  reports?: string;
  traces?: string[];
  workflow?: string;
  signal?: AbortSignal;
  onProgress?: (text: string) => void;
}

export const DEFAULT_MAX_EXECUTIONS = 100;
const ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;

export interface RunCalibrateReport extends CalibrateResult {
  out: string;
  resumed: number;
}

export async function runCalibrate(options: RunCalibrateOptions): Promise<RunCalibrateReport> {
  const sources = [options.stateMachineArn, options.histories?.length ? options.histories : undefined, options.traces?.length ? options.traces : undefined].filter((s) => s !== undefined);
  if (sources.length === 0) throw new DagcUserError([calibrateDiagnostics.noSource()]);
  if (sources.length > 1) throw new DagcUserError([calibrateDiagnostics.conflictingSources()]);
  let result: CalibrateResult & { resumed?: number };
  const journalFile = `${options.out}.journal.json`;
  if (options.traces?.length) {
    if (options.workflow === undefined) throw new DagcUserError([calibrateDiagnostics.tracesNeedWorkflow()]);
    const traced = calibrationFromTraces({ traceFiles: options.traces, workflowFile: options.workflow });
    result = { calibration: traced.calibration, gaps: [], executions: traced.executions, lambdaTasks: traced.observations.filter((o) => o.kind === 'task').length, withoutReport: traced.withoutReport, warnings: [] };
  } else if (options.histories?.length) {
    const orchestration = options.orchestration ?? 'standard';
    if (orchestration !== 'standard' && orchestration !== 'express') throw new DagcUserError([calibrateDiagnostics.badOrchestration(orchestration)]);
    result = await calibrateFromHistoryFiles(options.histories, orchestration as OrchestrationType, options.reports);
  } else {
    const arn = options.stateMachineArn!;
    const problems: Diagnostic[] = [];
    if (!ARN.test(arn)) problems.push(calibrateDiagnostics.badArn(arn));
    const maxText = options.maxExecutions ?? String(DEFAULT_MAX_EXECUTIONS);
    const maxExecutions = /^\d+$/.test(maxText) ? Number(maxText) : NaN;
    if (!(maxExecutions >= 1 && maxExecutions <= 100_000)) problems.push(calibrateDiagnostics.badMaxExecutions(maxText));
    if (problems.length > 0) throw new DagcUserError(problems);
    const region = options.region ?? arn.split(':')[3]!;
    const aws = await createAwsClients({ region, fallbackRegion: region, ...(options.endpoint ? { endpoint: options.endpoint } : {}), ...(options.profile ? { profile: options.profile } : {}) });
    // The Step Functions client is built as the profiler's are: same region, endpoint, credentials, no SDK retries.
    const sfn = new SFNClient({ region: aws.region, maxAttempts: 1, credentials: aws.logs.config.credentials, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
    try {
      result = await calibrateFromStateMachine(
        { sfn, logs: aws.logs as CloudWatchLogsClient },
        {
          stateMachineArn: arn,
          maxExecutions,
          journalFile,
          skipLogs: options.logs === false,
          ...(options.signal ? { signal: options.signal } : {}),
          onExecution: (done, total) => options.onProgress?.(`read ${done}/${total} execution histories\n`),
        },
      );
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw new DagcUserError([calibrateDiagnostics.interrupted(journalFile)]);
      throw error;
    } finally {
      sfn.destroy();
      destroyAwsClients(aws);
    }
  }
  writeFileAtomic(options.out, calibrationFileText(result.calibration));
  removeJournal(journalFile);
  return { ...result, out: options.out, resumed: result.resumed ?? 0 };
}

// Diagnostics of `dagc calibrate` and of calibration files (--calibration,
// app.yaml `platform:`): codes DAGC0580–DAGC0599 (docs/calibration.md).
// Codes are stable; each factory says what went wrong and what to do.
import { makeDiagnostic, type Diagnostic, type SourcePosition } from './diagnostic.ts';

export const calibrateDiagnostics = {
  fileUnreadable: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0580', `cannot read calibration file ${file}: ${detail}`, 'pass a calibration file written by dagc calibrate (JSON)', undefined),
  notJson: (position: SourcePosition, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0581', `calibration file is not valid JSON: ${detail}`, 'write it with dagc calibrate, or fix the JSON at this position', position),
  badField: (position: SourcePosition | undefined, jsonPath: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0582', `${jsonPath}: ${detail}`, 'a calibration is {version: 1, source, orchestration: {taskDispatch: {standard|express: {warm, cold}}, mapIterationStart: {standard, express}, parallelBranchStart: {standard, express}}}, each latency {shiftMs, medianMs, sigma, source, observations}; see docs/calibration.md', position),
  tracesNeedSebsDefinition: (file: string): Diagnostic =>
    makeDiagnostic('DAGC0583', `--workflow ${file} is not a SeBS-Flow definition (definition.json): trace rows name SeBS-Flow functions, which only the definition places in the workflow`, 'pass the <benchmark>.definition.json the traces ran (as in fixtures-data/sebs-flow/), or calibrate from Step Functions histories: --state-machine-arn ARN or --histories FILE...', undefined),
  noSource: (): Diagnostic =>
    makeDiagnostic('DAGC0584', 'dagc calibrate needs something to calibrate from', 'pass --state-machine-arn ARN (Step Functions histories through the AWS SDK), --histories FILE... (saved GetExecutionHistory output, e.g. dagc run --local --history) or --traces FILE... --workflow FILE', undefined),
  conflictingSources: (): Diagnostic =>
    makeDiagnostic('DAGC0585', '--state-machine-arn, --histories and --traces are different sources; pass one', 'run dagc calibrate once per source', undefined),
  badArn: (arn: string): Diagnostic =>
    makeDiagnostic('DAGC0586', `--state-machine-arn '${arn}' is not a Step Functions state machine ARN`, 'use arn:aws:states:<region>:<account>:stateMachine:<name>', undefined),
  badMaxExecutions: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0587', `--max-executions '${text}' is not a whole number from 1 to 100000`, 'e.g. --max-executions 200', undefined),
  stateMachineNotFound: (arn: string): Diagnostic =>
    makeDiagnostic('DAGC0588', `state machine ${arn} does not exist`, 'check the ARN and --region (or --endpoint)', undefined),
  expressHasNoHistory: (arn: string): Diagnostic =>
    makeDiagnostic('DAGC0589', `${arn} is an EXPRESS state machine: Step Functions keeps no execution history for Express workflows (ListExecutions and GetExecutionHistory refuse them)`, 'calibrate from a Standard deployment of the same workflow, or from trace files (--traces); Express executions are logged only to CloudWatch Logs', undefined),
  noExecutions: (arn: string): Diagnostic =>
    makeDiagnostic('DAGC0590', `${arn} has no finished executions to calibrate from`, 'run the workflow a few times first (dagc run --local against the emulator, or on AWS)', undefined),
  historyUnreadable: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0591', `cannot read execution history ${file}: ${detail}`, 'pass GetExecutionHistory output ({"events": [...]}) as written by aws stepfunctions get-execution-history or dagc run --local --history', undefined),
  noReports: (tasks: number): Diagnostic =>
    makeDiagnostic(
      'DAGC0592',
      `${tasks} Lambda Task(s) had no REPORT line to join on their RequestId: only their state-machine part is known (a lower bound), so they are left out of the Task dispatch fit`,
      'let dagc read the functions\' log groups (/aws/lambda/<name>, same region or --endpoint), or pass the REPORT lines with --reports FILE',
      undefined,
      'warning',
    ),
  interrupted: (file: string): Diagnostic =>
    makeDiagnostic('DAGC0593', `dagc calibrate interrupted; the histories read so far are kept in ${file}`, 'run the same command again: it resumes from the journal', undefined),
  accessDenied: (detail: string): Diagnostic =>
    makeDiagnostic('DAGC0594', `AWS refused the request: ${detail}`, 'the credentials need states:DescribeStateMachine, states:ListExecutions, states:GetExecutionHistory and logs:FilterLogEvents', undefined),
  differentCalibrations: (oldOrigin: string, newOrigin: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0596',
      `the plans were estimated with different platform latencies (old: ${oldOrigin}; new: ${newOrigin}): part of any latency change is the calibration's, not the plan's`,
      'compare plans made with the same --calibration (or app.yaml platform:) to see what the plan changed',
      undefined,
      'warning',
    ),
  tracesNeedWorkflow: (): Diagnostic =>
    makeDiagnostic('DAGC0597', '--traces needs --workflow: a trace file names functions, not the states between them', 'pass --workflow with the SeBS-Flow definition (or app.yaml) the traces ran', undefined),
  badOrchestration: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0595', `--orchestration '${text}' is not standard or express`, 'say which workflow type the histories come from', undefined),
};

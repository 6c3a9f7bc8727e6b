// The SDK path of dagc calibrate end to end: a committed plan, deployed as a
// Standard workflow, runs locally a few times (aws-local-stepfunctions + the
// Lambda emulator + s3rver); each run's history is recorded in the emulator,
// which serves it through Step Functions' own API; dagc calibrate reads it
// through the real @aws-sdk/client-sfn (paginated), joins every Task to its
// REPORT line through the real CloudWatch Logs client, and fits a calibration.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { calibrateFromHistoryFiles, calibrateFromStateMachine } from '../../src/calibrate/calibrate.ts';
import { readCalibrationFile } from '../../src/calibrate/calibration-file.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { startLocalS3, type LocalS3 } from '../../src/runtime/local/local-s3.ts';
import { runPlanLocally, type LocalRunResult } from '../../src/runtime/local/run-plan-locally.ts';
import { forcedPlan } from '../helpers/forced-plan.ts';
import { runInProcess } from '../helpers/in-process-cli.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const APP = 'ml-pipeline';
const RUNS = 3;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('dagc calibrate through @aws-sdk/client-sfn against the emulator', function () {
  this.timeout(600_000);
  let emulator: RunningEmulator;
  let s3: LocalS3;
  let sfn: SFNClient;
  let logs: CloudWatchLogsClient;
  const runs: LocalRunResult[] = [];
  let machineArn = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'dagc-calibrate-'));

  before(async () => {
    emulator = await startEmulator({ port: 0, cpuLimit: 'none' });
    s3 = await startLocalS3('dagc-calibrate');
    const plan = await forcedPlan(APP, { orchestration: 'standard' });
    const input = JSON.parse(readFileSync(path.join(projectRoot, 'fixtures', APP, 'events', 'input.json'), 'utf8'));
    for (let seed = 0; seed < RUNS; seed++) runs.push(await runPlanLocally(plan, { input, seed, emulator, s3, namespace: 'cal-', maxConcurrentInvocations: 3 }));
    machineArn = `arn:aws:states:${emulator.region}:000000000000:stateMachine:cal-${APP}`;
    sfn = new SFNClient({ endpoint: emulator.endpoint, region: emulator.region, credentials, maxAttempts: 1 });
    logs = new CloudWatchLogsClient({ endpoint: emulator.endpoint, region: emulator.region, credentials, maxAttempts: 1 });
  });
  after(async () => {
    sfn?.destroy();
    logs?.destroy();
    await emulator?.close();
    await s3?.close();
  });

  it('serves the recorded runs through ListExecutions and GetExecutionHistory, page by page', async () => {
    const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn, maxResults: 2 }));
    assert.equal(first.executions!.length, 2);
    assert.ok(first.nextToken, 'a second page');
    const second = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn, maxResults: 2, nextToken: first.nextToken }));
    assert.equal(second.executions!.length, RUNS - 2);
    assert.equal(second.nextToken, undefined);
    const arns = [...first.executions!, ...second.executions!].map((e) => e.executionArn).sort();
    assert.deepEqual(arns, runs.map((r) => r.executionArn).sort());
    // A history read 7 events at a time is the recorded history, in order, with Dates.
    const recorded = runs[0]!.history.events;
    const read: Array<{ id?: number; type?: string; timestamp?: Date }> = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn: runs[0]!.executionArn, maxResults: 7, nextToken }));
      read.push(...page.events!);
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken);
    assert.equal(pages, Math.ceil(recorded.length / 7));
    assert.deepEqual(read.map((e) => [e.id, e.type, e.timestamp!.toISOString()]), recorded.map((e) => [e.id, e.type, e.timestamp]));
  });

  it("finds one Task dispatch per Lambda invocation of the runs, each joined to its REPORT line, warm and cold as the emulator ran them", async () => {
    const invocations = runs.reduce((n, r) => n + r.invocations, 0);
    const coldStarts = runs.reduce((n, r) => n + r.coldStarts, 0);
    const result = await calibrateFromStateMachine({ sfn, logs }, { stateMachineArn: machineArn, maxExecutions: 10, journalFile: path.join(dir, 'a.journal.json'), pageSize: 5 });
    assert.equal(result.executions, RUNS);
    assert.equal(result.lambdaTasks, invocations);
    assert.equal(result.withoutReport, 0);
    const tasks = result.gaps.filter((g) => g.kind === 'task');
    assert.equal(tasks.length, invocations);
    assert.equal(tasks.filter((g) => g.cold).length, coldStarts);
    assert.ok(tasks.every((g) => g.orchestration === 'standard' && g.gapMs >= 0));
    const warm = result.calibration.orchestration.taskDispatch.standard.warm;
    const warmCount = invocations - coldStarts;
    if (warmCount >= 5) assert.equal(warm.observations, warmCount);
    // Each Task's kind by the state before it: after a Task state, after a Map state, else pooled only.
    const kinds = runs.flatMap((r) => {
      const byId = new Map(r.history.events.map((e) => [e.id, e]));
      const before = (e: { previousEventId?: number }) => (e.previousEventId ? byId.get(e.previousEventId)?.type : undefined);
      return r.history.events.filter((e) => e.type === 'TaskStateEntered').map((e) => (before(e) === 'TaskStateExited' ? 'afterTask' : before(e) === 'MapStateExited' ? 'afterMap' : 'pooled'));
    });
    assert.ok(kinds.includes('afterTask') && kinds.includes('afterMap'), kinds.join(', '));
    assert.deepEqual(tasks.map((g) => g.dispatch ?? 'pooled').sort(), kinds.sort());
    const afterTask = tasks.filter((g) => g.dispatch === 'afterTask' && !g.cold).length;
    const fitted = result.calibration.orchestration.dispatchByKind!.afterTask!.standard.warm;
    if (afterTask >= 5) assert.equal(fitted.observations, afterTask);
    // Too few of the kind: the pooled fit of these same histories, not the shipped value of the kind.
    else assert.deepEqual([fitted.medianMs, fitted.observations, fitted.source.startsWith('pooled Task dispatch, ')], [warm.medianMs, 0, true]);
    // The map's iterations: one gap each.
    const iterations = runs.reduce((n, r) => n + r.history.events.filter((e) => e.type === 'MapIterationStarted').length, 0);
    assert.ok(iterations > 0);
    assert.equal(result.gaps.filter((g) => g.kind === 'map-iteration').length, iterations);
    assert.ok(!existsSync(path.join(dir, 'a.journal.json')) || readFileSync(path.join(dir, 'a.journal.json'), 'utf8').includes(machineArn));
  });

  it('keeps the histories read before an interruption in its journal and resumes from them', async () => {
    const journalFile = path.join(dir, 'b.journal.json');
    const controller = new AbortController();
    await assert.rejects(
      calibrateFromStateMachine({ sfn, logs }, { stateMachineArn: machineArn, maxExecutions: 10, journalFile, signal: controller.signal, onExecution: () => controller.abort() }),
      (error: Error) => error.name === 'AbortError',
    );
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { executions: unknown[] };
    assert.equal(journal.executions.length, 1);
    const resumed = await calibrateFromStateMachine({ sfn, logs }, { stateMachineArn: machineArn, maxExecutions: 10, journalFile });
    assert.equal(resumed.resumed, 1);
    assert.equal(resumed.executions, RUNS);
  });

  it('dagc calibrate --state-machine-arn writes a calibration file that optimize can read', async () => {
    const out = path.join(dir, 'calibration.json');
    const { code, stdout, stderr } = await runInProcess(['calibrate', '--state-machine-arn', machineArn, '--endpoint', emulator.endpoint, '--out', out]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, new RegExp(`${RUNS} executions, \\d+ Lambda Tasks \\(0 without a REPORT line\\)`));
    const calibration = readCalibrationFile(out);
    assert.match(calibration.source, /Step Functions histories of .*cal-ml-pipeline \(3 executions\)/);
    // It prints the kinds of Task dispatch with their source, as explain does.
    assert.match(stdout, /Task dispatch after a Task, standard, warm .* — /);
    // The histories refit Standard's cold dispatch, which then serves every cold start; Express keeps the shipped isolated value.
    assert.doesNotMatch(stdout, /Task dispatch, standard, cold outside a wave/);
    assert.match(stdout, /Task dispatch, express, cold outside a wave .* — estimate: Standard's value/);
    assert.ok(!existsSync(`${out}.journal.json`), 'a finished run removes its journal');
  });

  it('gives the same Task gaps from the saved histories and REPORT lines of the runs (dagc run --local --history/--reports) as through the SDK', async () => {
    const files = runs.map((run, i) => {
      const file = path.join(dir, `history-${i}.json`);
      writeFileSync(file, JSON.stringify(run.history));
      return file;
    });
    const reports = path.join(dir, 'reports.log');
    writeFileSync(reports, runs.flatMap((r) => r.reportLines).join('\n'));
    assert.equal(runs.flatMap((r) => r.reportLines).length, runs.reduce((n, r) => n + r.invocations, 0));
    const fromFiles = await calibrateFromHistoryFiles(files, 'standard', reports);
    const viaSdk = await calibrateFromStateMachine({ sfn, logs }, { stateMachineArn: machineArn, maxExecutions: 10, journalFile: path.join(dir, 'c.journal.json') });
    const key = (g: { state: string; kind: string; cold: boolean; gapMs: number }) => `${g.kind} ${g.state} ${g.cold} ${g.gapMs}`;
    assert.deepEqual(fromFiles.gaps.map(key).sort(), viaSdk.gaps.map(key).sort());
    assert.equal(fromFiles.withoutReport, 0);
  });

  it('refuses an Express state machine, whose executions AWS keeps no history of (DAGC0589)', async () => {
    emulator.recordExecution({ stateMachineName: 'fast', type: 'EXPRESS', executionName: 'x', status: 'SUCCEEDED', events: runs[0]!.history.events });
    const { code, stderr } = await runInProcess(['calibrate', '--state-machine-arn', `arn:aws:states:${emulator.region}:000000000000:stateMachine:fast`, '--endpoint', emulator.endpoint, '--out', path.join(dir, 'x.json')]);
    assert.equal(code, 2);
    assert.match(stderr, /DAGC0589/);
  });
});

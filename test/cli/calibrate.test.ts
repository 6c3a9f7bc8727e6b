// dagc calibrate's flags and its --histories path (the SDK path: test/calibrate/sdk-path.test.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInProcess } from '../helpers/in-process-cli.ts';
import { projectRoot } from '../helpers/run-cli.ts';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dagc-calibrate-cli-'));

/** n executions' worth of one Lambda Task each: 100 + 10·i ms of non-handler time around a 500 ms handler. */
function historyFiles(n: number): { files: string[]; reports: string } {
  const files: string[] = [];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = (ms: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000 + ms).toISOString();
    const events = [
      { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: t(0) },
      { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: t(20), stateEnteredEventDetails: { name: 'work' } },
      { id: 3, previousEventId: 2, type: 'TaskScheduled', timestamp: t(25), taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', parameters: '{"FunctionName":"work"}' } },
      { id: 4, previousEventId: 3, type: 'TaskStarted', timestamp: t(40) },
      { id: 5, previousEventId: 4, type: 'TaskSucceeded', timestamp: t(590 + 10 * i), taskSucceededEventDetails: { output: JSON.stringify({ SdkResponseMetadata: { RequestId: `req-${i}` } }) } },
      { id: 6, previousEventId: 5, type: 'TaskStateExited', timestamp: t(600 + 10 * i), stateExitedEventDetails: { name: 'work' } },
      { id: 7, previousEventId: 6, type: 'ExecutionSucceeded', timestamp: t(605 + 10 * i) },
    ];
    const file = path.join(dir, `h${i}.json`);
    writeFileSync(file, JSON.stringify({ events }));
    files.push(file);
    lines.push(`REPORT RequestId: req-${i}\tDuration: 500.00 ms\tBilled Duration: 500 ms\tMemory Size: 1024 MB\tMax Memory Used: 80 MB`);
  }
  const reports = path.join(dir, 'reports.log');
  writeFileSync(reports, `${lines.join('\n')}\n`);
  return { files, reports };
}

describe('dagc calibrate', function () {
  this.timeout(60_000);

  it('fits warm Task dispatch from saved histories joined to their REPORT lines, the same bytes twice', async () => {
    const { files, reports } = historyFiles(8);
    const args = (out: string) => ['calibrate', ...files.flatMap((f) => ['--histories', f]), '--reports', reports, '--out', out];
    const first = await runInProcess(args(path.join(dir, 'a.json')));
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /8 executions, 8 Lambda Tasks \(0 without a REPORT line\)/);
    const calibration = JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8'));
    const warm = calibration.orchestration.taskDispatch.standard.warm;
    assert.equal(warm.observations, 8);
    // Gaps are 100..170 ms: the fitted median sits between the 4th and 5th.
    assert.ok(warm.shiftMs + warm.medianMs > 130 && warm.shiftMs + warm.medianMs < 140, JSON.stringify(warm));
    // No cold dispatch in these histories: the shipped value is kept, and says so by its own count.
    assert.equal(calibration.orchestration.taskDispatch.standard.cold.observations, DEFAULT_CALIBRATION.orchestration.taskDispatch.standard.cold.observations);
    await runInProcess(args(path.join(dir, 'b.json')));
    assert.equal(readFileSync(path.join(dir, 'b.json'), 'utf8'), readFileSync(path.join(dir, 'a.json'), 'utf8'));
  });

  it('warns when Tasks have no REPORT line, and keeps the default for them', async () => {
    const { files } = historyFiles(6);
    const result = await runInProcess(['calibrate', '--histories', files[0]!, '--histories', files[1]!, '--orchestration', 'express', '--out', path.join(dir, 'c.json')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /DAGC0592 2 Lambda Task\(s\) had no REPORT line/);
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'c.json'), 'utf8')).orchestration.taskDispatch.express.warm.observations, 0);
  });

  it('rejects a missing or doubled source, a bad ARN or count, an unreadable history, and a --traces workflow that is not a SeBS-Flow definition (exit 2)', async () => {
    const out = ['--out', path.join(dir, 'x.json')];
    const cases: Array<[string[], string]> = [
      [[...out], 'DAGC0584'],
      [['--histories', 'a.json', '--traces', 't.csv', ...out], 'DAGC0585'],
      [['--state-machine-arn', 'flow', ...out], 'DAGC0586'],
      [['--state-machine-arn', 'arn:aws:states:us-east-1:123456789012:stateMachine:flow', '--max-executions', '0', ...out], 'DAGC0587'],
      [['--histories', path.join(dir, 'missing.json'), ...out], 'DAGC0591'],
      [['--histories', path.join(dir, 'h0.json'), '--orchestration', 'fast', ...out], 'DAGC0595'],
      [['--traces', 't.csv', '--workflow', 'app.yaml', ...out], 'DAGC0583'],
      [['--traces', 't.csv', ...out], 'DAGC0597'],
    ];
    for (const [args, code] of cases) {
      const result = await runInProcess(['calibrate', ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(code), args.join(' '));
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
  });

  it('calibrates from a SeBS-Flow trace file and its definition: warm Task dispatches and Map staggers fitted from the file, named in the source', async () => {
    const traces = path.join(projectRoot, 'data', 'sebs-flow', 'traces', '660.map-reduce__aws_2022_warm_128.csv');
    const workflow = path.join(projectRoot, 'data', 'sebs-flow', 'definitions', '660.map-reduce.definition.json');
    const out = path.join(dir, 'traces.json');
    const result = await runInProcess(['calibrate', '--traces', traces, '--workflow', workflow, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    // Every row of this file has its provider fields (what the REPORT line gives), so none is counted without one.
    assert.match(result.stdout, /^30 executions, \d+ Lambda Tasks \(0 without a REPORT line\)/m);
    const calibration = JSON.parse(readFileSync(out, 'utf8'));
    const warm = calibration.orchestration.taskDispatch.standard.warm;
    // 30 executions of split → map ×3 → shuffle → reduce ×5: every state after the first gives warm Task dispatches.
    assert.ok(warm.observations >= 30, `warm dispatches ${warm.observations}`);
    assert.match(warm.source, /660\.map-reduce__aws_2022_warm_128\.csv/);
    // The file is all warm: its cold dispatch is the shipped default, not a fit from this file.
    assert.equal(calibration.orchestration.taskDispatch.standard.cold.observations, DEFAULT_CALIBRATION.orchestration.taskDispatch.standard.cold.observations);
    assert.ok(calibration.orchestration.mapIterationStart.standard.observations > 0);
  });
});

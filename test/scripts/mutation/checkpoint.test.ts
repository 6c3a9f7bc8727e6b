import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkpointReport, readRunEvents, type IncrementalReport, type ReportMutant, type RunEvents } from '../../../scripts/mutation/checkpoint.ts';

const ROOT = '/project';
const relative = (file: string) => path.relative(ROOT, file);

function mutant(id: string, line: number, status: string, extra: Partial<ReportMutant> = {}): ReportMutant {
  return { id, mutatorName: 'EqualityOperator', replacement: 'a <= b', location: { start: { line, column: 3 }, end: { line, column: 9 } }, status, coveredBy: ['t1'], ...extra };
}

const TESTS: RunEvents['tests'] = [
  { id: 't1', name: 'suite does one thing', fileName: `${ROOT}/test/sim/a.test.ts` },
  { id: 't2', name: 'suite does another', fileName: `${ROOT}/test/sim/a.test.ts` },
  { id: 't3', name: 'other suite', fileName: `${ROOT}/test/sim/b.test.ts` },
];

describe('mutation checkpoint (an interrupted run as the incremental file)', () => {
  it('keeps every judged mutant under its project-relative file with the file\'s text, and the dry run\'s tests by file', () => {
    const sources: Record<string, string> = { 'src/sim/a.ts': 'source of a', 'src/sim/b.ts': 'source of b', 'test/sim/a.test.ts': 'tests a', 'test/sim/b.test.ts': 'tests b' };
    const events: RunEvents = {
      tests: TESTS,
      planned: 10,
      mutants: [
        { ...mutant('0', 4, 'Killed', { killedBy: ['t1'] }), fileName: `${ROOT}/src/sim/a.ts` },
        { ...mutant('1', 7, 'Survived'), fileName: `${ROOT}/src/sim/a.ts` },
        { ...mutant('2', 2, 'CompileError'), fileName: `${ROOT}/src/sim/b.ts` },
      ],
    };
    const report = checkpointReport(events, undefined, relative, (file) => sources[file]!);
    assert.deepEqual(Object.keys(report.files).sort(), ['src/sim/a.ts', 'src/sim/b.ts']);
    assert.equal(report.files['src/sim/a.ts']!.source, 'source of a');
    assert.deepEqual(report.files['src/sim/a.ts']!.mutants.map((m) => [m.id, m.status, m.killedBy ?? []]), [['0', 'Killed', ['t1']], ['1', 'Survived', []]]);
    assert.ok(report.files['src/sim/a.ts']!.mutants.every((m) => !('fileName' in m)), 'the file name is the key, not a field');
    assert.deepEqual(report.testFiles, {
      'test/sim/a.test.ts': { source: 'tests a', tests: [{ id: 't1', name: 'suite does one thing' }, { id: 't2', name: 'suite does another' }] },
      'test/sim/b.test.ts': { source: 'tests b', tests: [{ id: 't3', name: 'other suite' }] },
    });
  });

  it('keeps an earlier run\'s mutants only for files whose text is unchanged, and lets the run\'s own result replace the same mutant', () => {
    const previous: IncrementalReport = {
      schemaVersion: '2',
      thresholds: { high: 90, low: 80 },
      files: {
        'src/sim/same.ts': { language: 'typescript', source: 'unchanged', mutants: [mutant('5', 3, 'Survived'), mutant('6', 8, 'Killed')] },
        'src/sim/edited.ts': { language: 'typescript', source: 'old text', mutants: [mutant('7', 3, 'Killed')] },
      },
      testFiles: {},
    };
    const sources: Record<string, string> = { 'src/sim/same.ts': 'unchanged', 'src/sim/edited.ts': 'new text', 'test/sim/a.test.ts': 'tests a', 'test/sim/b.test.ts': 'tests b' };
    const events: RunEvents = { tests: TESTS, planned: 3, mutants: [{ ...mutant('0', 3, 'Killed', { killedBy: ['t1'] }), fileName: `${ROOT}/src/sim/same.ts` }] };
    const report = checkpointReport(events, previous, relative, (file) => sources[file]!);
    assert.deepEqual(Object.keys(report.files), ['src/sim/same.ts'], 'the edited file\'s old results are dropped: its mutants must be tested again');
    assert.deepEqual(report.files['src/sim/same.ts']!.mutants.map((m) => [m.location.start.line, m.status]), [[3, 'Killed'], [8, 'Killed']]);
  });

  it('refuses a run that has not finished its dry run: there is no test list to key the results by', () => {
    assert.throws(() => checkpointReport({ tests: [], mutants: [], planned: 0 }, undefined, relative, () => ''), /no dry-run result/);
  });

  it('reads the dry run, the plan and the judged mutants from an event-recorder directory, in event order', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-events-'));
    writeFileSync(path.join(dir, '00000-onDryRunCompleted.json'), JSON.stringify({ result: { status: 'complete', tests: TESTS.map((t) => ({ ...t, status: 0, timeSpentMs: 3 })) } }));
    writeFileSync(path.join(dir, '00001-onMutationTestingPlanReady.json'), JSON.stringify({ mutantPlans: [{}, {}, {}] }));
    writeFileSync(path.join(dir, '00003-onMutantTested.json'), JSON.stringify({ ...mutant('9', 5, 'Timeout'), fileName: `${ROOT}/src/sim/a.ts` }));
    writeFileSync(path.join(dir, '00002-onMutantTested.json'), JSON.stringify({ ...mutant('8', 4, 'Killed'), fileName: `${ROOT}/src/sim/a.ts` }));
    const events = readRunEvents(dir);
    assert.deepEqual(events.tests, TESTS);
    assert.equal(events.planned, 3);
    assert.deepEqual(events.mutants.map((m) => m.id), ['8', '9']);
  });
});

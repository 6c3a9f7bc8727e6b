// `npm run mutation`: StrykerJS mutation testing of the algorithmic core, one folder at a time
// (scripts/mutation/folders.mjs: src/ir, src/codegen, src/model, src/passes/frontier, src/sim,
// src/passes), then the score per folder from each folder's JSON report.
//
//   npm run mutation                              every folder, then the table
//   npm run mutation -- --folder src/ir           one folder (repeat --folder for more)
//   npm run mutation -- --table                   only the table (and survivors) of the last reports
//   npm run mutation -- --summary FILE            also write the table and the survivors to FILE
//   npm run mutation -- --partial --folder F      no run: score what an interrupted run tested so far
//   npm run mutation -- --checkpoint --folder F   no run: write an interrupted run's results as F's incremental
//                                                 file, so the next run resumes (scripts/mutation/checkpoint.ts)
//
// Not part of `npm test` or CI: a full run takes hours on two shared cores (docs/testing.md).
// The run fails (exit 1) when Stryker fails, when a report is missing, when the tests that ran
// against the mutants were zero (a score over no tests is meaningless, not 100 %), or when mutants
// were tested but none was killed (the tests cannot have run against the mutated code).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MUTATION_FOLDERS, mutationFolder, type MutationFolder } from './mutation/folders.mjs';
import { checkpointReport, readRunEvents, type IncrementalReport } from './mutation/checkpoint.ts';
import { renderScoreTable, scoreByFolder, survivorLines, testCount, type FolderScore, type MutationReport } from './mutation/score-table.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    folder: { type: 'string', multiple: true },
    table: { type: 'boolean', default: false },
    summary: { type: 'string' },
    // Score the mutants tested so far by an interrupted or running run (its per-mutant events).
    partial: { type: 'boolean', default: false },
    // Keep what an interrupted run judged: its events become the folder's incremental file.
    checkpoint: { type: 'boolean', default: false },
  },
});
const folders: MutationFolder[] = values.folder ? values.folder.map(mutationFolder) : MUTATION_FOLDERS;
const problems: string[] = [];

if (values.checkpoint) {
  for (const folder of folders) console.log(writeCheckpoint(folder));
  process.exit(0);
}

if (!values.table && !values.partial) {
  for (const folder of folders) {
    console.log(`\n=== mutation testing ${folder.folder} (tests: ${folder.spec.join(' ')})`);
    const status = runStryker(folder);
    if (status !== 0) problems.push(`${folder.folder}: Stryker exited with ${status}`);
  }
}

const rows: FolderScore[] = [];
const survivors: string[] = [];
const allFolderNames = MUTATION_FOLDERS.map((f) => f.folder);
for (const folder of folders) {
  const reportFile = path.join(root, 'reports', 'mutation', `${folder.slug}.json`);
  const eventsDir = path.join(root, 'reports', 'mutation', `events-${folder.slug}`);
  let report: MutationReport;
  if (existsSync(reportFile) && !values.partial) {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as MutationReport;
  } else if (values.partial && existsSync(eventsDir)) {
    // An interrupted (or still running) run: the mutants tested so far, from the event recorder.
    const partial = reportFromEvents(eventsDir);
    console.log(`${folder.folder}: partial, ${partial.tested} of ${partial.planned} mutants tested so far`);
    report = partial.report;
  } else {
    problems.push(`${folder.folder}: no report at ${path.relative(root, reportFile)}`);
    continue;
  }
  // Count only this folder's files: src/passes' report must not take src/passes/frontier's rows.
  const [row] = scoreByFolder(report, allFolderNames).filter((r) => r.folder === folder.folder);
  if (row === undefined) {
    problems.push(`${folder.folder}: its report has no mutants`);
    continue;
  }
  // Events carry no test list (the dry run before them did run tests): only full reports are checked.
  if (!values.partial && testCount(report) === 0) problems.push(`${folder.folder}: no test ran against its mutants`);
  if (row.killed + row.timeout === 0 && row.survived + row.noCoverage > 0) {
    problems.push(`${folder.folder}: no mutant was killed, so the tests did not run against mutated code`);
  }
  rows.push(row);
  survivors.push(...survivorLines(report, allFolderNames, folder.folder));
}

const table = renderScoreTable(rows);
console.log(`\nMutation score per folder (killed + timeout) / (killed + timeout + survived + no coverage):\n${table}`);
if (values.summary) {
  const text = `${table}\nSurvivors (${survivors.length}):\n${survivors.map((line) => `  ${line}\n`).join('')}`;
  writeFileSync(path.resolve(values.summary), text);
}
for (const problem of problems) console.error(`mutation: ${problem}`);
process.exit(problems.length === 0 ? 0 : 1);

/** The folder's incremental file from its events (checkpoint.ts); refuses a tree whose judged sources have uncommitted edits. */
function writeCheckpoint(folder: MutationFolder): string {
  const eventsDir = path.join(root, 'reports', 'mutation', `events-${folder.slug}`);
  if (!existsSync(eventsDir)) throw new Error(`${folder.folder}: no events at ${path.relative(root, eventsDir)} (was the run started here?)`);
  const edited = spawnSync('git', ['status', '--porcelain', '--', folder.folder, ...folder.spec.map((s) => s.split('/**')[0]!)], { cwd: root, encoding: 'utf8' }).stdout.trim();
  if (edited) throw new Error(`${folder.folder}: files the run judged have uncommitted edits, so their text is not what was tested:\n${edited}`);
  const incrementalFile = path.join(root, 'mutation', 'incremental', `${folder.slug}.json`);
  const previous = existsSync(incrementalFile) ? (JSON.parse(readFileSync(incrementalFile, 'utf8')) as IncrementalReport) : undefined;
  const events = readRunEvents(eventsDir);
  const report = checkpointReport(events, previous, (file) => path.relative(root, file).split(path.sep).join('/'), (file) => (existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : ''));
  writeFileSync(incrementalFile, `${JSON.stringify(report, null, 2)}\n`);
  const kept = Object.values(report.files).reduce((n, f) => n + f.mutants.length, 0);
  return `${folder.folder}: checkpoint of ${events.mutants.length} of ${events.planned} mutants judged by the interrupted run (${kept} in ${path.relative(root, incrementalFile)})`;
}

function runStryker(folder: MutationFolder): number {
  const shim = path.join(root, 'scripts', 'mutation', 'mocha12-shim.cjs');
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'stryker'), ['run'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      DAGC_MUTATION_FOLDER: folder.folder,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${shim}`.trim(),
    },
  });
  return result.status ?? 1;
}

/** A report of the mutants an event-recorder directory holds, with how many were planned. */
function reportFromEvents(dir: string): { report: MutationReport; tested: number; planned: number } {
  const names = readdirSync(dir).sort();
  const files: MutationReport['files'] = {};
  let tested = 0;
  let planned = 0;
  for (const name of names) {
    const event = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    if (name.endsWith('onMutationTestingPlanReady.json')) planned = event.mutantPlans.length;
    if (!name.endsWith('onMutantTested.json')) continue;
    tested += 1;
    const file = path.relative(root, event.fileName).split(path.sep).join('/');
    (files[file] ??= { mutants: [] }).mutants.push(event);
  }
  return { report: { files }, tested, planned };
}


// A checkpoint of an interrupted Stryker run, written as the folder's incremental file, so that the next run
// resumes where this one stopped instead of starting over: on this two-core host a folder such as src/sim or
// src/passes takes longer than a working session, and Stryker writes its incremental file only when a run
// completes.
//
// What it is made of: the run's event-recorder output (reports/mutation/events-<folder>/) — the dry run's test
// list and every mutant judged so far with its status, covering and killing tests — and the sources of the
// mutated files and of the test files as they are now. Stryker's incremental mode (IncrementalDiffer) then
// reuses a judged mutant when its file's text around it and the tests that covered (or killed) it are
// unchanged, and tests every mutant the checkpoint does not hold. So the sources must be the ones the run
// tested: write the checkpoint in the tree the run ran in, before editing it (writeCheckpoint refuses a tree
// whose mutated or test files have uncommitted edits; a commit made after the run started is the caller's to
// avoid).
//
// An incremental file already there (a completed earlier run) is kept for the files whose text it holds is
// still the text now, and the events overlay it mutant by mutant (same file, location, mutator, replacement).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A mutant as the report schema (and Stryker's events) state it: 1-based lines and columns. */
export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
  status: string;
  statusReason?: string;
  static?: boolean;
  coveredBy?: string[];
  killedBy?: string[];
  testsCompleted?: number;
}

export interface IncrementalReport {
  schemaVersion: string;
  thresholds: { high: number; low: number };
  files: Record<string, { language: string; source: string; mutants: ReportMutant[] }>;
  testFiles: Record<string, { source: string; tests: Array<{ id: string; name: string }> }>;
}

export interface RunEvents {
  /** The dry run's tests: id, name and absolute file. */
  tests: Array<{ id: string; name: string; fileName: string }>;
  /** Mutants judged so far, with absolute file names. */
  mutants: Array<ReportMutant & { fileName: string }>;
  /** How many mutants the run planned. */
  planned: number;
}

/** The events an event-recorder reporter wrote for one run, in order. */
export function readRunEvents(eventsDir: string): RunEvents {
  const events: RunEvents = { tests: [], mutants: [], planned: 0 };
  for (const name of readdirSync(eventsDir).sort()) {
    const event = JSON.parse(readFileSync(path.join(eventsDir, name), 'utf8'));
    if (name.endsWith('onDryRunCompleted.json')) events.tests = event.result.tests.map((t: { id: string; name: string; fileName: string }) => ({ id: t.id, name: t.name, fileName: t.fileName }));
    else if (name.endsWith('onMutationTestingPlanReady.json')) events.planned = event.mutantPlans.length;
    else if (name.endsWith('onMutantTested.json')) events.mutants.push(event);
  }
  return events;
}

/** What identifies a mutant within its file across runs (as Stryker's incremental differ keys it). */
function mutantKey(m: ReportMutant): string {
  const { start, end } = m.location;
  return `${start.line}:${start.column}-${end.line}:${end.column}\n${m.mutatorName}: ${m.replacement ?? ''}`;
}

/**
 * The incremental report of a run's events: `relative` turns an absolute file name into the project-relative one
 * the report keys by, `sourceOf` reads a project-relative file as it is now.
 */
export function checkpointReport(events: RunEvents, previous: IncrementalReport | undefined, relative: (file: string) => string, sourceOf: (file: string) => string): IncrementalReport {
  if (events.tests.length === 0) throw new Error('the run has no dry-run result yet: nothing to checkpoint');
  const files: IncrementalReport['files'] = {};
  // Per file, its mutants by identity (location, mutator, replacement): an event replaces an earlier run's record.
  const mutantsOf = new Map<string, Map<string, ReportMutant>>();
  // Mutants of an earlier run whose file has not changed since it was recorded stay.
  for (const [file, old] of Object.entries(previous?.files ?? {})) {
    if (sourceOf(file) !== old.source) continue;
    files[file] = { language: old.language, source: old.source, mutants: [] };
    mutantsOf.set(file, new Map(old.mutants.map((m) => [mutantKey(m), m])));
  }
  for (const event of events.mutants) {
    const { fileName, ...mutant } = event;
    const file = relative(fileName);
    files[file] ??= { language: 'typescript', source: sourceOf(file), mutants: [] };
    if (!mutantsOf.has(file)) mutantsOf.set(file, new Map());
    mutantsOf.get(file)!.set(mutantKey(mutant), mutant);
  }
  for (const [file, mutants] of mutantsOf) files[file]!.mutants = [...mutants.values()];
  const testFiles: IncrementalReport['testFiles'] = {};
  for (const test of events.tests) {
    const file = relative(test.fileName);
    (testFiles[file] ??= { source: sourceOf(file), tests: [] }).tests.push({ id: test.id, name: test.name });
  }
  return { schemaVersion: '2', thresholds: { high: 90, low: 80 }, files, testFiles };
}

// StrykerJS configuration for `npm run mutation` (issue 26): mutation testing of the algorithmic core.
//
// One run covers one folder of the core (DAGC_MUTATION_FOLDER, set by scripts/mutation.ts): its
// source files are mutated and only the unit tests that mirror it under test/ run against each mutant,
// because the issue asks that a module's own tests kill its mutants (not CLI, emulator or plan-drift
// suites, which are also far too slow to run per mutant on two shared cores).
// Each folder keeps its own incremental file under mutation/incremental/ (committed), so a rerun only
// tests the mutants whose source or covering tests changed; a single shared file would be overwritten
// by whichever folder ran last. mutation/tsconfig/<folder>.json scopes the type checker likewise.
import { mutationFolder } from './scripts/mutation/folders.mjs';

const folder = mutationFolder(process.env.DAGC_MUTATION_FOLDER ?? 'src/ir');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  // The tests are TypeScript run through tsx, exactly as `npm test` runs them (.mocharc: import=tsx).
  testRunnerNodeArgs: ['--import', 'tsx'],
  mochaOptions: {
    // Ignore .mocharc (its spec is the whole suite and its reporter is ours): the spec is the folder's.
    'no-config': true,
    spec: folder.spec,
    extension: ['ts'],
  },
  mutate: folder.mutate,
  checkers: ['typescript'],
  // Type-check a mutant against its own folder's files (and what they import), not the whole project:
  // the checker was the bottleneck with all of src (every src/ir mutant re-checked every importer of
  // src/ir). A mutant whose type error would only show in an importer is then judged by the tests.
  tsconfigFile: `mutation/tsconfig/${folder.slug}.json`,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Static mutants (code run once when a module loads: constant tables, top-level expressions) are
  // not tested. The tests are ES modules, which Node cannot unload, so Stryker must start a fresh
  // test-runner process (tsx and every test file loaded again, ~20 s on the shared host) for each of
  // them: in src/ir alone they were 30 % of the mutants and would have taken over an hour. They show
  // up as Ignored in the report and count neither for nor against the score.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: `mutation/incremental/${folder.slug}.json`,
  // Two cores shared with other engineers: one test-runner process unless DAGC_MUTATION_CONCURRENCY says more
  // (a quiet host: the npm script runs at nice 15, so others' work still comes first).
  concurrency: Number(process.env.DAGC_MUTATION_CONCURRENCY ?? 1),
  // Extra time a mutant may take over the unmutated run before it counts as a timeout (an infinite
  // loop); generous because other engineers' test runs share these two cores.
  timeoutMS: 15000,
  // ...and how many times the unmutated run's time it may take first. Stryker's default 1.5 counted slow runs as
  // hangs here: at load 20 (two mutation runs beside other work) src/sim's covering tests ran 2–3× their dry-run
  // time, and 95 mutants that had survived came back as timeouts (one hand-applied: it survives in under 1 s). A
  // timeout counts as detected, so it must mean a hang, not a busy host; a real hang only costs longer to call.
  timeoutFactor: 4,
  // The initial (dry) run of a folder's tests with perTest coverage: test/sim's took over Stryker's
  // default 5 minutes at load 30 on this host and the run failed before testing any mutant.
  dryRunTimeoutMinutes: 30,
  // event-recorder writes each mutant's result as it is tested (reports/mutation/events-<folder>/),
  // so survivors can be read, and tests written for them, while a long run is still going.
  reporters: ['json', 'clear-text', 'progress-append-only', 'event-recorder'],
  jsonReporter: { fileName: `reports/mutation/${folder.slug}.json` },
  eventReporter: { baseDir: `reports/mutation/events-${folder.slug}` },
  clearTextReporter: { reportMutants: false, reportTests: false, reportScoreTable: true },
  // plans/ stays in the sandbox: test/codegen reads the committed plans (src/codegen's dry run failed without them).
  ignorePatterns: ['bench/results', 'docs', 'reports', 'mutation/incremental', '.dagc-cache'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};

// `dagc diff` diagnostics: codes DAGC0500–DAGC0519. DAGC0500–0509 are bad
// input (exit 2): a gate flag or output option that does not parse, each
// naming the flag, what is wrong and a value that would work. DAGC0510–0519
// are notes (severity warning) on plans that cannot be compared like for like
// — made from different profiles, by another dagc, for another app — printed
// with the diff; they do not stop the gate (docs/ci.md says why).
import { makeDiagnostic, type Diagnostic, type SourcePosition } from './diagnostic.ts';

export const diffDiagnostics = {
  badCostThreshold: (text: string, position?: SourcePosition): Diagnostic =>
    makeDiagnostic(
      'DAGC0500',
      `--max-cost-increase '${text}' is neither a percentage nor dollars per million executions`,
      'write a relative limit such as --max-cost-increase 5% or an absolute one such as --max-cost-increase $0.50/1M (the cost per 1M executions may rise by at most that much)',
      position,
    ),
  badP95Threshold: (text: string, position?: SourcePosition): Diagnostic =>
    makeDiagnostic(
      'DAGC0501',
      `--max-p95-increase '${text}' is neither a percentage nor a duration`,
      'write a relative limit such as --max-p95-increase 10% or an absolute one such as --max-p95-increase 200ms (or 1.5s)',
      position,
    ),
  badFormat: (text: string, position?: SourcePosition): Diagnostic =>
    makeDiagnostic('DAGC0502', `--format '${text}' is not an output format of dagc diff`, 'write --format text (a terminal), --format markdown (a PR comment) or --format json (tools; same as --json)', position),
  conflictingFormats: (format: string, position?: SourcePosition): Diagnostic =>
    makeDiagnostic('DAGC0503', `--json and --format ${format} ask for two different outputs`, 'drop one of them: --json is --format json', position),

  differentProfiles: (changed: string[], onlyOld: string[], onlyNew: string[]): Diagnostic =>
    makeDiagnostic(
      'DAGC0510',
      `the plans were made from different profiles (${[
        changed.length > 0 ? `changed: ${changed.join(', ')}` : '',
        onlyOld.length > 0 ? `only in the old plan: ${onlyOld.join(', ')}` : '',
        onlyNew.length > 0 ? `only in the new plan: ${onlyNew.join(', ')}` : '',
      ].filter((part) => part.length > 0).join('; ')}): part of the change comes from new measurements, not only from the plan's decisions`,
      'expected when a function was re-profiled; otherwise commit the profiles the plan was made from',
      undefined,
      'warning',
    ),
  differentDagcVersion: (oldVersion: string, newVersion: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0511',
      `the plans were made by different dagc versions (${oldVersion} → ${newVersion}): part of the change may come from dagc's optimizer or estimator, not from the app`,
      'to see the app\'s change alone, regenerate the old plan with the new dagc (dagc optimize on the old commit)',
      undefined,
      'warning',
    ),
  unknownDagcVersion: (which: 'old' | 'new' | 'both', known: string | undefined): Diagnostic =>
    makeDiagnostic(
      'DAGC0512',
      `${which === 'both' ? 'neither plan records' : `the ${which} plan does not record`} the dagc version that made it${known ? ` (the other: ${known})` : ''}, so a change of dagc cannot be ruled out`,
      'plans written by dagc 0.1.0 and later record it (dagcVersion); regenerate the plan with dagc optimize',
      undefined,
      'warning',
    ),
  differentApps: (oldApp: string, newApp: string): Diagnostic =>
    makeDiagnostic('DAGC0513', `the plans are for different apps ('${oldApp}' → '${newApp}')`, 'compare two plans of the same app, unless it was renamed', undefined, 'warning'),
  differentRegions: (oldRegion: string, newRegion: string): Diagnostic =>
    makeDiagnostic('DAGC0514', `the plans are priced in different regions (${oldRegion} → ${newRegion}): prices differ by region`, 'expected when the app moved region; otherwise set the same region in app.yaml', undefined, 'warning'),
  differentEstimator: (oldText: string, newText: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0515',
      `the plans were estimated differently (${oldText} → ${newText}): Monte Carlo noise alone can move the percentiles`,
      'optimize both with the same --samples and --seed (the defaults, unless you changed them)',
      undefined,
      'warning',
    ),
};

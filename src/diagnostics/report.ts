// dagc report diagnostics: codes DAGC0520–DAGC0539.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const reportDiagnostics = {
  badFormat: (text: string): Diagnostic =>
    makeDiagnostic('DAGC0520', `--format '${text}' is not a report format`, 'write --format html (the page, default) or --format md (a summary for the terminal)', undefined),
  cannotWrite: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0521', `cannot write the report to ${file}: ${detail}`, 'pass --out with a path in a folder you can write to', undefined),
  missingProfiles: (functions: string[]): Diagnostic =>
    makeDiagnostic(
      'DAGC0522',
      `no profile for ${functions.map((f) => `'${f}'`).join(', ')}: the report leaves out their duration and cost curves`,
      'run `dagc profile <app.yaml>` to measure them, then `dagc optimize` again',
      undefined,
      'warning',
    ),
  changedProfiles: (functions: string[]): Diagnostic =>
    makeDiagnostic(
      'DAGC0523',
      `the profiles of ${functions.map((f) => `'${f}'`).join(', ')} changed since the plan was made: their curves show the new measurements, the plan's choices the old`,
      'run `dagc optimize <app.yaml>` again to plan with the new profiles',
      undefined,
      'warning',
    ),
  otherJoins: (planFile: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0524',
      `${planFile} records other joins than this dagc puts into the app's DAG: the workflow is drawn as this dagc would emit it, not as the plan did`,
      'run `dagc optimize <app.yaml>` again with this dagc',
      undefined,
      'warning',
    ),
};

// Optimizer and plan diagnostics: codes DAGC0300–DAGC0319.
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';

export const optimizerDiagnostics = {
  noSlo: (app: string): Diagnostic =>
    makeDiagnostic('DAGC0300', `${app} has no SLO to optimize against`, "pass --slo p95=2s, or add slo: { p95: 2s } to the app spec", undefined),
  badNumber: (flag: string, text: string, expected = 'a whole number ≥ 1', example = '2000'): Diagnostic =>
    makeDiagnostic('DAGC0301', `${flag} '${text}' is not ${expected}`, `write e.g. ${flag} ${example}`, undefined),
  missingProfiles: (functions: string[], dir: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0302',
      `no profile for ${functions.map((f) => `'${f}'`).join(', ')} in ${dir}`,
      'run `dagc profile <app.yaml> --local` (or against AWS) first, or import existing REPORT lines with `dagc profile <app.yaml> --from-logs <file or log group>`',
      undefined,
    ),
  notAPlan: (file: string, detail: string): Diagnostic =>
    makeDiagnostic('DAGC0303', `${file} is not a dagc plan: ${detail}`, 'point at a plan.json written by `dagc optimize` (or its folder)', undefined),
  noGridSize: (fn: string, grid: string, reason: string): Diagnostic =>
    makeDiagnostic(
      'DAGC0306',
      `function '${fn}' has no memory size to choose from: its memory grid is ${grid}, and ${reason}`,
      grid.startsWith('measured')
        ? `profile '${fn}' at more sizes (dagc profile --memory …), or widen the grid (--memory-grid all)`
        : 'add sizes to the grid that fit the function, or use --memory-grid all',
      undefined,
    ),
  otherPlanVersion: (file: string, version: number, supported: number): Diagnostic =>
    makeDiagnostic(
      'DAGC0305',
      `${file} is a version ${version} plan; this dagc reads version ${supported}`,
      version < supported ? 'regenerate it with this dagc: dagc optimize <app.yaml>' : 'use the dagc that wrote it, or a newer one',
      undefined,
    ),
  stalePlan: (planFile: string, appFile: string, onlyInPlan: string[], onlyInApp: string[]): Diagnostic =>
    makeDiagnostic(
      'DAGC0304',
      `${planFile} no longer matches ${appFile}: ${[
        onlyInPlan.length > 0 ? `the plan names ${onlyInPlan.map((f) => `'${f}'`).join(', ')}, which the app no longer declares` : '',
        onlyInApp.length > 0 ? `the app declares ${onlyInApp.map((f) => `'${f}'`).join(', ')}, which the plan does not size` : '',
      ].filter((part) => part.length > 0).join('; ')}`,
      `regenerate the plan: dagc optimize ${appFile}`,
      undefined,
    ),
};

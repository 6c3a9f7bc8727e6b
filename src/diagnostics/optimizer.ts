// Optimizer and plan diagnostics: codes DAGC0300–DAGC0319, and DAGC0340–0348 for the
// out-of-sample check of a chosen plan (docs/optimizer.md).
import { makeDiagnostic, type Diagnostic } from './diagnostic.ts';
import { LIMITS } from '../spec/limits.ts';

/** The numbers of a re-searched plan (src/cli/research-report.ts): the first search's verdicts and cost, and the plan written. */
export interface ResearchNumbers {
  firstSamples: number;
  firstInSampleMs: number;
  firstOutOfSampleMs: number;
  /** Every search's --samples, in order, with the guard band (ms) of the last when it had one. */
  searches: { samples: number; guardMs?: number }[];
  chosenSamples: number;
  /** The guard band the written plan's search tightened the SLO by, when it did. */
  chosenGuardMs?: number;
  firstCostUsd: number;
  costUsd: number;
  outOfSampleMs: number;
  meets: boolean;
  /** Why a later search's plan is not the one written, when it is not. */
  stop?: string;
}

interface DrawsVerdict {
  latencyMs: number;
  seed: number;
  samples: number;
}

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
  researchedOutOfSample: (app: string, percentile: string, sloMs: number, r: ResearchNumbers): Diagnostic => {
    const ms = (v: number) => `${Math.round(v)} ms`;
    const perMillion = (usd: number) => `$${(usd * 1e6).toFixed(2)}`;
    const change = ((r.costUsd - r.firstCostUsd) / r.firstCostUsd) * 100;
    return makeDiagnostic(
      'DAGC0341',
      `${app}: the plan searched on ${r.firstSamples} samples met ${percentile} ≤ ${ms(sloMs)} only on its own draws (${ms(r.firstInSampleMs)}; ${ms(r.firstOutOfSampleMs)} on independent ones), so dagc searched again (${r.searches.map((s) => (s.guardMs ? `${s.samples} for ${ms(sloMs - s.guardMs)}` : `${s.samples}`)).join(' → ')} samples): ` +
        `${r.stop ? `${r.stop}, so ` : ''}the plan written is the search on ${r.chosenSamples} samples${r.chosenGuardMs ? ` for ${percentile} ≤ ${ms(sloMs - r.chosenGuardMs)} (a guard band of ${ms(r.chosenGuardMs)}: the most a rejected plan was flattered)` : ''}, at ${perMillion(r.costUsd)} per 1M executions (${change >= 0 ? '+' : ''}${change.toFixed(1)} % against ${perMillion(r.firstCostUsd)}), ${percentile} ${ms(r.outOfSampleMs)} on independent draws (${r.meets ? 'meets the SLO' : 'still over it'})`,
      '`dagc explain` lists every search (pass out-of-sample); --out-of-sample-retries 0 keeps the first plan with its warning DAGC0340 instead',
      undefined,
      'warning',
    );
  },
  missesOutOfSample: (app: string, percentile: string, sloMs: number, i: DrawsVerdict, o: DrawsVerdict & { intervalMs: { lowMs: number; highMs: number } }): Diagnostic => {
    const ms = (v: number) => `${Math.round(v)} ms`;
    const errorMs = Math.max(o.intervalMs.highMs - o.latencyMs, o.latencyMs - o.intervalMs.lowMs);
    return makeDiagnostic(
      'DAGC0340',
      `${app}: the chosen plan meets ${percentile} ≤ ${ms(sloMs)} only on the draws it was chosen with (${percentile} ${ms(i.latencyMs)}, seed ${i.seed}, ${i.samples} samples); ` +
        `on independent draws its ${percentile} is ${ms(o.latencyMs)} ± ${ms(errorMs)} (95 % interval ${ms(o.intervalMs.lowMs)}–${ms(o.intervalMs.highMs)}; seed ${o.seed}, ${o.samples} samples), over the SLO`,
      `raise --samples (e.g. --samples ${Math.min(LIMITS.samples, i.samples * 4)}) so the search sees the tail it is judged on, loosen the SLO to ${percentile}=${Math.ceil(o.intervalMs.highMs)}ms or more, ` +
        `or accept the plan's ${percentile} as ${ms(o.latencyMs)} ± ${ms(errorMs)} (plan.json outOfSample records both verdicts)`,
      undefined,
      'warning',
    );
  },
};

// Profiles every function of an app, one after another in name order, and
// turns each run's journal into a profile. Functions that need an
// accelerator cannot run on Lambda and are skipped with a warning. Journals
// stay until every function is done, so rerunning an interrupted
// `dagc profile` skips the functions already finished (their journal says
// complete) and resumes the one that was cut off; a finished run removes
// them, so the next `dagc profile` measures afresh.
import { rm } from 'node:fs/promises';
import { readTextLimited } from '../io/read-limited.ts';
import { LIMITS } from '../spec/limits.ts';
import { DagcUserError, isUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { profilerDiagnostics } from '../diagnostics/profiler.ts';
import type { IR } from '../ir/types.ts';
import { PROFILE_SCHEMA_VERSION, type FunctionProfile, type ProfileSource } from '../model/profile-types.ts';
import { spendOf, type PriceSheet, type SpendSummary } from './cost.ts';
import { measurementsFromReports } from './measurements.ts';
import { profileFunction, type ProfileRunOptions, type ProfileTarget } from './profile-function.ts';
import type { ReportRecord } from './report-line.ts';
import type { Architecture } from '../spec/types.ts';

export interface ProfileAppOptions extends Omit<ProfileRunOptions, 'journalDir'> {
  ir: IR;
  /** App function → deployed FunctionName. */
  deployedNames: ReadonlyMap<string, string>;
  journalDir: string;
  /** A function is asked once per profile, when its measurement ends (host conditions change over a run). */
  source: Omit<ProfileSource, 'measuredAt'> | (() => Omit<ProfileSource, 'measuredAt'>);
  prices?: (architecture: Architecture) => PriceSheet | undefined;
  now?: () => Date;
  /** Called as soon as a function's profile is ready, so finished work is kept even if a later function fails. */
  onProfile?: (profile: FunctionProfile) => Promise<void>;
}

export interface FunctionSummary {
  function: string;
  deployedName: string;
  architecture: Architecture;
  measuredMb: number[];
  flatFromMb?: number;
  /** Everything this profile cost, resumed runs included. */
  spend: SpendSummary;
  invocationsThisRun: number;
}

export interface ProfileAppResult {
  profiles: FunctionProfile[];
  functions: FunctionSummary[];
  skipped: string[];
  interrupted: boolean;
  warnings: Diagnostic[];
}

async function readPayload(file: string | undefined): Promise<Uint8Array> {
  if (file === undefined) return new TextEncoder().encode('{}');
  let text: string;
  try {
    text = readTextLimited(file, { what: 'sample payload', maxBytes: LIMITS.payloadBytes });
  } catch (error) {
    if (isUserError(error)) throw error;
    throw new DagcUserError([profilerDiagnostics.payloadUnreadable(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message)]);
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new DagcUserError([profilerDiagnostics.payloadUnreadable(file, `not JSON (${(error as Error).message})`)]);
  }
  return new TextEncoder().encode(text);
}

export function profileFromSamples(functionName: string, architecture: Architecture, reports: readonly ReportRecord[], source: ProfileSource): FunctionProfile {
  return {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    function: functionName,
    source,
    architectures: { [architecture]: { measurements: measurementsFromReports(reports) } },
  };
}

export async function profileApp(options: ProfileAppOptions): Promise<ProfileAppResult> {
  const warnings: Diagnostic[] = [];
  const result: ProfileAppResult = { profiles: [], functions: [], skipped: [], interrupted: false, warnings };
  const onWarning = (diagnostic: Diagnostic): void => {
    warnings.push(diagnostic);
    options.onWarning?.(diagnostic);
  };
  options.onProgress?.({ kind: 'app-start', functions: options.deployedNames.size });
  for (const name of [...options.deployedNames.keys()].sort()) {
    const info = options.ir.functions.get(name)!;
    if (info.accelerator !== undefined) {
      onWarning(profilerDiagnostics.cannotRunOnLambda(name, info.accelerator));
      result.skipped.push(name);
      continue;
    }
    if (info.payloadPath === undefined) onWarning(profilerDiagnostics.noPayload(name));
    const target: ProfileTarget = { functionName: name, deployedName: options.deployedNames.get(name)!, payload: await readPayload(info.payloadPath) };
    if (info.minMemoryMb !== undefined) target.minMemoryMb = info.minMemoryMb;
    if (info.maxMemoryMb !== undefined) target.maxMemoryMb = info.maxMemoryMb;

    const run = await profileFunction(target, { ...options, onWarning });
    if (run.interrupted) {
      result.interrupted = true;
      break;
    }
    const reports = run.events.flatMap((event) => (event.kind === 'sample' ? [event.report] : []));
    const base = typeof options.source === 'function' ? options.source() : options.source;
    const source: ProfileSource = { ...base, measuredAt: (options.now ?? (() => new Date()))().toISOString() };
    const profile = profileFromSamples(name, run.architecture, reports, source);
    await options.onProfile?.(profile);
    result.profiles.push(profile);
    const summary: FunctionSummary = {
      function: name,
      deployedName: target.deployedName,
      architecture: run.architecture,
      measuredMb: run.done!.measuredMb,
      spend: spendOf(reports, options.prices?.(run.architecture)),
      invocationsThisRun: run.invocationsThisRun,
    };
    if (run.done!.flatFromMb !== undefined) summary.flatFromMb = run.done!.flatFromMb;
    result.functions.push(summary);
  }
  if (!result.interrupted) await rm(options.journalDir, { recursive: true, force: true });
  return result;
}

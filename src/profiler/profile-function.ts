// Profiles one deployed function: ask the sampling plan for the next memory
// size, set it, invoke once, journal the sample, repeat; then put the
// original memory back. Restoring happens in `finally`, so it also runs when
// the caller aborts (SIGINT/SIGTERM become an AbortSignal), when AWS keeps
// failing, or when anything else throws; and a journal that says "not
// restored" is restored by the next run even after a hard kill.
//
// Abort is checked between invocations, never during one: an invocation in
// flight is paid for, so it is waited for and journaled before stopping.
import { createHash } from 'node:crypto';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { profilerDiagnostics } from '../diagnostics/profiler.ts';
import type { Architecture } from '../spec/types.ts';
import { Journal, journalPath, readJournal, sameIdentity, type JournalIdentity } from './journal.ts';
import type { LambdaPort } from './lambda-port.ts';
import type { ReportRecord } from './report-line.ts';
import { DEFAULT_SAMPLING, nextStep, type PlanStep, type ProfileEvent, type SamplingOptions } from './sampling-plan.ts';

export interface ProfileTarget {
  functionName: string;
  deployedName: string;
  payload: Uint8Array;
  minMemoryMb?: number;
  maxMemoryMb?: number;
}

export type ProgressEvent =
  | { kind: 'app-start'; functions: number }
  | { kind: 'function-start'; function: string; deployedName: string; resumedSamples: number; originalMemoryMb: number }
  | { kind: 'configure'; function: string; memoryMb: number; accepted: boolean }
  | { kind: 'sample'; function: string; memoryMb: number; phase: string; report: ReportRecord; invocations: number }
  | { kind: 'restored'; function: string; memoryMb: number }
  | { kind: 'function-done'; function: string; invocations: number; measuredMb: number[]; flatFromMb?: number };

export interface ProfileRunOptions {
  lambda: LambdaPort;
  journalDir: string;
  platformMinMemoryMb: number;
  platformMaxMemoryMb: number;
  sampling?: Partial<Omit<SamplingOptions, 'platformMinMemoryMb' | 'platformMaxMemoryMb' | 'currentMemoryMb' | 'minMemoryMb' | 'maxMemoryMb'>>;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  onWarning?: (diagnostic: Diagnostic) => void;
}

export interface FunctionRunResult {
  functionName: string;
  architecture: Architecture;
  /** Every event of the run, resumed ones included, in the order they happened. */
  events: ProfileEvent[];
  /** Invocations made by this process (not counting resumed samples). */
  invocationsThisRun: number;
  interrupted: boolean;
  done?: Extract<PlanStep, { kind: 'done' }>;
  journal: Journal;
}

export function payloadSha256(payload: Uint8Array): string {
  return createHash('sha256').update(payload).digest('hex');
}

async function openJournal(target: ProfileTarget, options: ProfileRunOptions, identity: JournalIdentity, liveMemoryMb: number): Promise<Journal> {
  const file = journalPath(options.journalDir, target.functionName);
  const previous = await readJournal(file);
  let originalMemoryMb = liveMemoryMb;
  if (previous) {
    const mismatch = sameIdentity(previous, identity);
    if (mismatch === undefined) {
      // A restored function's live memory is the user's: they may have changed it since.
      return new Journal(file, previous.restored ? { ...previous, originalMemoryMb: liveMemoryMb } : previous);
    }
    options.onWarning?.(profilerDiagnostics.journalDiscarded(target.functionName, mismatch));
    // The old run may have died with the memory changed: its original is still the user's.
    if (!previous.restored && previous.deployedName === identity.deployedName) originalMemoryMb = previous.originalMemoryMb;
  }
  const journal = new Journal(file, { version: 1, ...identity, originalMemoryMb, restored: originalMemoryMb === liveMemoryMb, complete: false, events: [] });
  await journal.save();
  return journal;
}

export async function profileFunction(target: ProfileTarget, options: ProfileRunOptions): Promise<FunctionRunResult> {
  const { lambda } = options;
  const live = await lambda.getConfig(target.deployedName);
  const identity: JournalIdentity = {
    function: target.functionName,
    deployedName: target.deployedName,
    architecture: live.architecture,
    payloadSha256: payloadSha256(target.payload),
  };
  const journal = await openJournal(target, options, identity, live.memoryMb);
  const result: FunctionRunResult = {
    functionName: target.functionName,
    architecture: live.architecture,
    events: [...journal.events],
    invocationsThisRun: 0,
    interrupted: false,
    journal,
  };
  options.onProgress?.({
    kind: 'function-start',
    function: target.functionName,
    deployedName: target.deployedName,
    resumedSamples: journal.events.filter((event) => event.kind === 'sample').length,
    originalMemoryMb: journal.originalMemoryMb,
  });

  const sampling: SamplingOptions = {
    ...DEFAULT_SAMPLING,
    ...options.sampling,
    platformMinMemoryMb: options.platformMinMemoryMb,
    platformMaxMemoryMb: options.platformMaxMemoryMb,
    currentMemoryMb: journal.originalMemoryMb,
  };
  if (target.minMemoryMb !== undefined) sampling.minMemoryMb = target.minMemoryMb;
  if (target.maxMemoryMb !== undefined) sampling.maxMemoryMb = target.maxMemoryMb;

  let configuredMb = live.memoryMb;
  const record = async (event: ProfileEvent): Promise<void> => {
    await journal.append(event);
    result.events.push(event);
  };
  let failure: unknown;
  try {
    for (;;) {
      const step = nextStep(result.events, sampling);
      if (step.kind === 'done') {
        result.done = step;
        break;
      }
      if (options.signal?.aborted) {
        result.interrupted = true;
        break;
      }
      if (step.memoryMb !== configuredMb) {
        if (configuredMb === journal.originalMemoryMb) await journal.setRestored(false);
        const change = await lambda.setMemory(target.deployedName, step.memoryMb);
        options.onProgress?.({ kind: 'configure', function: target.functionName, memoryMb: step.memoryMb, accepted: change.accepted });
        if (!change.accepted) {
          await record({ kind: 'unavailable', memoryMb: step.memoryMb, reason: change.reason });
          continue;
        }
        configuredMb = step.memoryMb;
      }
      const { report } = await lambda.invoke(target.deployedName, target.payload, step.memoryMb);
      await record({ kind: 'sample', memoryMb: step.memoryMb, report });
      result.invocationsThisRun += 1;
      options.onProgress?.({ kind: 'sample', function: target.functionName, memoryMb: step.memoryMb, phase: step.phase, report, invocations: result.invocationsThisRun });
    }
  } catch (error) {
    // An abort that cut a retry's backoff short is an interruption, not a failure.
    if ((error as { name?: string }).name === 'AbortError' && options.signal?.aborted) result.interrupted = true;
    else failure = error;
  }
  try {
    await restore(target, options, journal, configuredMb);
  } catch (restoreError) {
    throw failure instanceof DagcUserError && restoreError instanceof DagcUserError
      ? new DagcUserError([...failure.diagnostics, ...restoreError.diagnostics])
      : restoreError;
  }
  if (failure !== undefined) throw failure;
  if (result.done) {
    await journal.markComplete();
    if (result.done.failed) throw new DagcUserError([profilerDiagnostics.noUsableSamples(target.functionName, result.done.failed)]);
    options.onProgress?.({
      kind: 'function-done',
      function: target.functionName,
      invocations: result.events.filter((event) => event.kind === 'sample').length,
      measuredMb: result.done.measuredMb,
      ...(result.done.flatFromMb === undefined ? {} : { flatFromMb: result.done.flatFromMb }),
    });
  }
  return result;
}

async function restore(target: ProfileTarget, options: ProfileRunOptions, journal: Journal, configuredMb: number): Promise<void> {
  if (configuredMb === journal.originalMemoryMb && journal.restored) return;
  try {
    if (configuredMb !== journal.originalMemoryMb) {
      const change = await options.lambda.setMemory(target.deployedName, journal.originalMemoryMb, { uninterruptible: true });
      if (!change.accepted) throw new Error(change.reason);
    }
    await journal.setRestored(true);
    options.onProgress?.({ kind: 'restored', function: target.functionName, memoryMb: journal.originalMemoryMb });
  } catch (error) {
    throw new DagcUserError([profilerDiagnostics.restoreFailed(target.deployedName, error instanceof Error ? error.message : String(error))]);
  }
}

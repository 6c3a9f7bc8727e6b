// The sample journal of one function's profiling run: every invocation paid
// for is written down before the next one starts, so a run that dies loses
// nothing it was told and a rerun resumes from exactly there (the sampling
// plan is a pure function of the journal). It also holds the configuration
// to restore, written before the first change: after a hard kill the
// function's live memory is the profiler's, and only the journal remembers
// the user's.
//
// Each write replaces the whole file through a temporary file and a rename,
// so a reader sees the old or the new journal, never half of one. There is no
// fsync: what we guard against is a killed profiler, and the page cache
// outlives a killed process; an fsync per sample cost ~100 ms on a busy disk.
// Journals are a few hundred samples; rewriting them is cheap.
import { readFile, rm } from 'node:fs/promises';
import { writeFileAtomicAsync } from '../io/atomic-write.ts';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { inputDiagnostics } from '../diagnostics/input.ts';
import path from 'node:path';
import type { Architecture } from '../spec/types.ts';
import type { ProfileEvent } from './sampling-plan.ts';

export const JOURNAL_VERSION = 1;

export interface JournalIdentity {
  function: string;
  deployedName: string;
  architecture: Architecture;
  /** Samples only describe the same work when the payload is the same. */
  payloadSha256: string;
}

export interface JournalData extends JournalIdentity {
  version: typeof JOURNAL_VERSION;
  originalMemoryMb: number;
  /** True while the function's live memory is its original one. */
  restored: boolean;
  /** The plan said done; the profile may still need writing. */
  complete: boolean;
  events: ProfileEvent[];
}

export function journalPath(journalDir: string, functionName: string): string {
  return path.join(journalDir, `${functionName}.journal.json`);
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFileAtomicAsync(file, text, { durable: false });
}

/** Drops a repeated sample (same request id), keeping the first. */
function withoutRepeats(events: readonly ProfileEvent[]): ProfileEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const id = event.kind === 'sample' ? event.report.requestId : undefined;
    if (id === undefined) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export async function readJournal(file: string): Promise<JournalData | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let data: JournalData;
  try {
    data = JSON.parse(text) as JournalData;
  } catch (error) {
    // Written atomically, so only an edit or a disk fault damages it; the user decides, not a stack trace.
    throw new DagcUserError([inputDiagnostics.journalUnreadable(file, `not JSON (${(error as Error).message})`)]);
  }
  if (data === null || typeof data !== 'object' || data.version !== JOURNAL_VERSION) return undefined;
  if (!Array.isArray(data.events)) throw new DagcUserError([inputDiagnostics.journalUnreadable(file, 'it has no list of events')]);
  return { ...data, events: withoutRepeats(data.events) };
}

export class Journal {
  readonly file: string;
  private data: JournalData;

  constructor(file: string, data: JournalData) {
    this.file = file;
    this.data = data;
  }

  get events(): readonly ProfileEvent[] {
    return this.data.events;
  }
  get originalMemoryMb(): number {
    return this.data.originalMemoryMb;
  }
  get complete(): boolean {
    return this.data.complete;
  }
  get restored(): boolean {
    return this.data.restored;
  }

  async save(): Promise<void> {
    await writeAtomically(this.file, `${JSON.stringify(this.data)}\n`);
  }

  async append(event: ProfileEvent): Promise<void> {
    this.data = { ...this.data, events: [...this.data.events, event] };
    await this.save();
  }

  async setRestored(restored: boolean): Promise<void> {
    if (this.data.restored === restored) return;
    this.data = { ...this.data, restored };
    await this.save();
  }

  async markComplete(): Promise<void> {
    this.data = { ...this.data, complete: true };
    await this.save();
  }

  async remove(): Promise<void> {
    await rm(this.file, { force: true });
  }
}

export function sameIdentity(a: JournalIdentity, b: JournalIdentity): string | undefined {
  if (a.deployedName !== b.deployedName) return `it profiled ${a.deployedName}, not ${b.deployedName}`;
  if (a.architecture !== b.architecture) return `it ran on ${a.architecture}, the function is now ${b.architecture}`;
  if (a.payloadSha256 !== b.payloadSha256) return 'the sample payload changed since';
  return undefined;
}

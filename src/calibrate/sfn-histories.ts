// The SDK path of `dagc calibrate`: a state machine's executions and their
// histories through the real @aws-sdk/client-sfn — DescribeStateMachine (its
// type: Express machines keep no history, DAGC0589), ListExecutions and
// GetExecutionHistory, both followed through nextToken — against AWS or the
// local emulator (endpoint override; same code). Calls retry as the
// profiler's do (src/profiler/retry.ts: throttling, 5xx, dropped connections,
// with backoff). Every history read is written to a journal before the next
// one is asked for, so an interrupted run keeps what it read and a rerun only
// reads the rest (the same idea as the profiler's sample journal).
// Cost: one ListExecutions per 100 executions, one GetExecutionHistory per
// 1,000 events of each execution.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { DescribeStateMachineCommand, GetExecutionHistoryCommand, ListExecutionsCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { calibrateDiagnostics } from '../diagnostics/calibrate.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import type { OrchestrationType } from '../model/calibration.ts';
import { DEFAULT_RETRY_POLICY, describeError, withRetry, type RetryHooks, type RetryPolicy } from '../profiler/retry.ts';
import type { HistoryEventLike } from './history-gaps.ts';

export interface ReadHistoriesOptions {
  stateMachineArn: string;
  maxExecutions: number;
  /** Where read histories are kept until the calibration is written (resumes an interrupted run). */
  journalFile: string;
  /** Page sizes (AWS's maximum by default); tests set small ones to exercise paging. */
  pageSize?: number;
  retryPolicy?: RetryPolicy;
  retryHooks?: RetryHooks;
  signal?: AbortSignal;
  onExecution?: (done: number, total: number) => void;
}

export interface ReadExecution {
  executionArn: string;
  events: HistoryEventLike[];
}

export interface ReadHistoriesResult {
  orchestration: OrchestrationType;
  executions: ReadExecution[];
  /** Executions that came from an earlier, interrupted run's journal. */
  resumed: number;
}

interface Journal {
  version: 1;
  stateMachineArn: string;
  orchestration: OrchestrationType;
  executions: Array<{ executionArn: string; events: HistoryEventLike[] }>;
}

const MAX_PAGE = 1000;

export async function readStateMachineHistories(client: Pick<SFNClient, 'send'>, options: ReadHistoriesOptions): Promise<ReadHistoriesResult> {
  const call = <T>(what: string, run: () => Promise<T>): Promise<T> => sdkCall(what, run, options);
  const { stateMachineArn } = options;
  const machine = await call(`DescribeStateMachine ${stateMachineArn}`, () => client.send(new DescribeStateMachineCommand({ stateMachineArn }), { abortSignal: options.signal }));
  if (machine.type === 'EXPRESS') throw new DagcUserError([calibrateDiagnostics.expressHasNoHistory(stateMachineArn)]);
  const orchestration: OrchestrationType = 'standard';

  // Newest first, finished only (a running execution's history is not complete).
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(`ListExecutions ${stateMachineArn}`, () =>
      client.send(new ListExecutionsCommand({ stateMachineArn, maxResults: Math.min(options.pageSize ?? MAX_PAGE, MAX_PAGE), nextToken }), { abortSignal: options.signal }),
    );
    for (const e of page.executions ?? []) if (e.status !== 'RUNNING' && e.status !== 'PENDING_REDRIVE' && e.executionArn && arns.length < options.maxExecutions) arns.push(e.executionArn);
    nextToken = arns.length < options.maxExecutions ? page.nextToken : undefined;
  } while (nextToken);
  if (arns.length === 0) throw new DagcUserError([calibrateDiagnostics.noExecutions(stateMachineArn)]);

  const journal = readJournal(options.journalFile, stateMachineArn) ?? { version: 1, stateMachineArn, orchestration, executions: [] };
  const done = new Map(journal.executions.map((e) => [e.executionArn, e]));
  const resumed = arns.filter((arn) => done.has(arn)).length;
  for (const executionArn of arns) {
    if (done.has(executionArn)) continue;
    const events: HistoryEventLike[] = [];
    let token: string | undefined;
    do {
      const page = await call(`GetExecutionHistory ${executionArn}`, () =>
        client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: Math.min(options.pageSize ?? MAX_PAGE, MAX_PAGE), nextToken: token, includeExecutionData: true }), { abortSignal: options.signal }),
      );
      for (const event of page.events ?? []) events.push(plainEvent(event));
      token = page.nextToken;
    } while (token);
    const entry = { executionArn, events };
    journal.executions.push(entry);
    done.set(executionArn, entry);
    writeFileAtomic(options.journalFile, `${JSON.stringify(journal)}\n`);
    options.onExecution?.(done.size, arns.length);
  }
  return { orchestration, executions: arns.map((arn) => done.get(arn)!), resumed };
}

export function removeJournal(file: string): void {
  rmSync(file, { force: true });
}

/** The journal of an earlier run on the same state machine, or undefined (none, another machine, unreadable). */
function readJournal(file: string, stateMachineArn: string): Journal | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    return journal.version === 1 && journal.stateMachineArn === stateMachineArn && Array.isArray(journal.executions) ? journal : undefined;
  } catch {
    return undefined;
  }
}

/** The SDK's event with its Date as epoch ms-precision ISO text, so the journal round-trips it. */
function plainEvent(event: HistoryEvent): HistoryEventLike {
  const { timestamp, id, previousEventId, type, ...details } = event;
  return { ...details, id: id ?? 0, previousEventId: previousEventId ?? 0, type: type ?? 'Unknown', timestamp: (timestamp ?? new Date(0)).toISOString() } as HistoryEventLike;
}

async function sdkCall<T>(what: string, run: () => Promise<T>, options: ReadHistoriesOptions): Promise<T> {
  try {
    return await withRetry(what, run, options.retryPolicy ?? DEFAULT_RETRY_POLICY, { ...options.retryHooks, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'StateMachineDoesNotExist') throw new DagcUserError([calibrateDiagnostics.stateMachineNotFound(options.stateMachineArn)]);
    if (name === 'StateMachineTypeNotSupported') throw new DagcUserError([calibrateDiagnostics.expressHasNoHistory(options.stateMachineArn)]);
    if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException') throw new DagcUserError([calibrateDiagnostics.accessDenied(describeError(error))]);
    throw error;
  }
}

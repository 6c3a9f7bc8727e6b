// From a trace file and its workflow's structure to the platform's own
// latencies, one GapObservation per measured gap: per execution (request_id),
// each invocation's handler start minus the time its predecessors finished.
//   - Task dispatch: the first invocation of a state, from the end of the
//     state before it (the latest end of everything that state ran).
//   - Map iteration start: a map's later items beyond its first, each item's
//     start minus the first item's (the stagger of iterations started together).
//   - Parallel branch start: a parallel's later branches beyond its first, each
//     branch's first start minus the first branch's; the first branch's gap is
//     a Task dispatch.
//   - A loop's invocations run one after another: each is a Task dispatch from
//     the previous one's end.
// Each Task dispatch also carries its kind (DispatchKind, calibration.ts) when
// the structure says which: a Task after a Task or after a Map (a loop is a
// Map), a Map's or a loop's first item, a loop's later item. A Parallel's
// first branch and a state after a Parallel carry none (pooled only).
// A cold invocation's handler starts after Lambda's Init: its start minus Init
// Duration is when its environment began to be placed, which is what the
// gaps use (the estimator adds the profile's Init draw on top).
// A gap ends where the estimator's does: the predecessor's handler returned at
// its measured start plus Lambda's Duration, not at its measured end — SeBS's
// wrapper works on after the end it writes (10–23 ms a row in these files), and
// the estimator already adds the whole Duration, so a gap from the measured end
// would count that work twice (+14 ms a step on trip-booking). A predecessor
// without Duration leaves the gap after it unmeasured (counted with the rows
// missing provider fields), never guessed.
// Counted, not used: rows of functions the definition does not run, cold rows
// without Init Duration (their start cannot be corrected), and states whose
// predecessor was not traced (the first state of an execution, whose dispatch
// starts before anything is measured; a failure handler after a state that
// failed without a row). A state that has no row and a `failure` chain is taken
// as failed: the execution goes on with that chain.
// Assumed: a function runs in one state of the workflow (true of the traced
// SeBS-Flow workflows); the clocks of different environments agree (a skew
// shows as a gap: negative ones are kept and left to the fit to drop).
// Complexity: O(rows log rows).
import type { DispatchKind, GapObservation, OrchestrationType } from '../model/calibration.ts';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { traceDiagnostics } from '../diagnostics/traces.ts';
import { sebsFunctions, type SebsChain, type SebsState, type SebsWorkflow } from './sebs-flow-definition.ts';
import { readTraceFile, type TraceFile, type TraceInvocation } from './trace-file.ts';

export interface TraceGaps {
  observations: GapObservation[];
  /** Workflow executions read (distinct request_id). */
  executions: number;
  /** Rows of the file whose provider fields (Duration; Init Duration when cold) are missing: no REPORT line was found. */
  rowsWithoutProviderFields: number;
  /** Gaps that could not be measured, by reason (missingProviderFields: the row or its predecessor lacks them). */
  skipped: { missingProviderFields: number; unknownFunction: number; untracedPredecessor: number };
  /** Warnings worth showing (functions the definition does not have). */
  diagnostics: Diagnostic[];
}

export interface GapOptions {
  /** SeBS-Flow on AWS runs Standard workflows. */
  orchestration?: OrchestrationType;
}

export function gapsFromTraceFile(path: string, workflow: SebsWorkflow, options: GapOptions = {}): TraceGaps {
  return gapsFromTrace(readTraceFile(path), workflow, options);
}

/** Where an invocation's environment began: its handler start, less its Init when cold; undefined when that Init is missing. */
function placedAtS(row: TraceInvocation): number | undefined {
  if (!row.cold) return row.startS;
  return row.initMs === undefined ? undefined : row.startS - row.initMs / 1000;
}

/**
 * When the invocation's handler returned: its measured start plus Lambda's Duration. NaN when the row has no
 * Duration: the state ran, but where its handler ended is unknown, so the gap after it is not measured.
 */
function handlerEndS(row: TraceInvocation): number {
  return row.durationMs === undefined ? NaN : Math.max(row.endS, row.startS + row.durationMs / 1000);
}

export function gapsFromTrace(trace: TraceFile, workflow: SebsWorkflow, options: GapOptions = {}): TraceGaps {
  const orchestration = options.orchestration ?? 'standard';
  const known = sebsFunctions(workflow);
  const result: TraceGaps = { observations: [], executions: 0, rowsWithoutProviderFields: trace.missingProviderFields, skipped: { missingProviderFields: 0, unknownFunction: 0, untracedPredecessor: 0 }, diagnostics: [] };
  const executions = new Map<string, Map<string, TraceInvocation[]>>();
  const reportedUnknown = new Set<string>();
  for (const row of trace.invocations) {
    if (!known.has(row.func)) {
      result.skipped.unknownFunction += 1;
      if (!reportedUnknown.has(row.func)) result.diagnostics.push(traceDiagnostics.traceUnknownFunction(trace.file, row.line, row.func));
      reportedUnknown.add(row.func);
      continue;
    }
    let byFunc = executions.get(row.requestId);
    if (!byFunc) executions.set(row.requestId, (byFunc = new Map()));
    const list = byFunc.get(row.func);
    if (list) list.push(row);
    else byFunc.set(row.func, [row]);
  }
  const emit = (kind: GapObservation['kind'], cold: boolean, gapS: number, dispatch?: DispatchKind) =>
    result.observations.push(dispatch ? { kind, dispatch, orchestration, cold, gapMs: gapS * 1000 } : { kind, orchestration, cold, gapMs: gapS * 1000 });
  // Executions in file order (a Map keeps insertion order), rows of one function by start time then line.
  for (const byFunc of executions.values()) {
    for (const rows of byFunc.values()) rows.sort((a, b) => a.startS - b.startS || a.line - b.line);
    result.executions += 1;
    const walker = new ExecutionWalker(byFunc, emit, result.skipped);
    walker.chain(workflow.chain, undefined);
  }
  if (result.observations.length === 0) throw new DagcUserError([traceDiagnostics.traceNoExecutions(trace.file, `${result.executions} execution(s), ${trace.invocations.length} row(s), ${result.skipped.unknownFunction} of unknown functions`)]);
  return result;
}

/** What a state's first invocation reports to a parallel that is ordering its branches instead of emitting a Task dispatch. */
type FirstSink = (placedAtS: number, cold: boolean) => void;

/** The kind of state that ended before a dispatch (undefined: none traced, a Parallel, the execution's start). */
type After = 'task' | 'map' | undefined;

function taskKind(after: After): DispatchKind | undefined {
  return after === 'task' ? 'afterTask' : after === 'map' ? 'afterMap' : undefined;
}

/** Walks one execution's rows along the workflow's structure, emitting gaps. */
class ExecutionWalker {
  /** Set when a failure chain ran: the execution ends there. */
  private stopped = false;

  constructor(
    private readonly byFunc: Map<string, TraceInvocation[]>,
    private readonly emit: (kind: GapObservation['kind'], cold: boolean, gapS: number, dispatch?: DispatchKind) => void,
    private readonly skipped: TraceGaps['skipped'],
  ) {}

  /** Runs a chain from `prevEndS` (undefined: not traced); returns when its last state finished (undefined: unknown). */
  chain(chain: SebsChain, prevEndS: number | undefined, sink?: FirstSink, after?: After): number | undefined {
    let end = prevEndS;
    let first = sink;
    let before = after;
    for (const state of chain) {
      if (this.stopped) break;
      end = this.state(state, end, first, before);
      first = undefined;
      before = state.kind === 'task' ? 'task' : state.kind === 'parallel' ? undefined : 'map';
    }
    return end;
  }

  private take(func: string): TraceInvocation[] {
    const rows = this.byFunc.get(func) ?? [];
    this.byFunc.delete(func);
    return rows;
  }

  /** The first invocation of a state: a Task dispatch from the predecessors' end, or reported to the enclosing parallel. */
  private dispatch(row: TraceInvocation, prevEndS: number | undefined, sink: FirstSink | undefined, kind: DispatchKind | undefined): void {
    const placed = placedAtS(row);
    if (placed === undefined) this.skipped.missingProviderFields += 1;
    else this.dispatchAt(placed, row.cold, prevEndS, sink, kind);
  }

  /** A state's first placement at `placedS`: reported to the enclosing parallel, or a Task dispatch from the predecessors' end when that was traced. */
  private dispatchAt(placedS: number, cold: boolean, prevEndS: number | undefined, sink: FirstSink | undefined, kind: DispatchKind | undefined): void {
    if (sink) sink(placedS, cold);
    else if (prevEndS === undefined) this.skipped.untracedPredecessor += 1;
    else if (Number.isNaN(prevEndS)) this.skipped.missingProviderFields += 1;
    else this.emit('task', cold, placedS - prevEndS, kind);
  }

  private state(state: SebsState, prevEndS: number | undefined, sink: FirstSink | undefined, after: After): number | undefined {
    switch (state.kind) {
      case 'task': {
        const row = this.take(state.functionName)[0];
        if (row === undefined) {
          if (state.onFailure) {
            // No row and a failure handler: the state failed. The handler's dispatch follows a failure nobody timed.
            this.chain(state.onFailure, undefined, undefined, 'task');
            this.stopped = true;
          }
          return undefined;
        }
        this.dispatch(row, prevEndS, sink, taskKind(after));
        return handlerEndS(row);
      }
      case 'loop': {
        let end = prevEndS;
        let first = sink;
        this.take(state.functionName).forEach((row, i) => {
          this.dispatch(row, end, first, i === 0 ? 'mapFirstItem' : 'mapNextItem');
          first = undefined;
          end = handlerEndS(row);
        });
        return end;
      }
      case 'map': {
        const body = state.body;
        if (body.length !== 1 || body[0]!.kind !== 'task') {
          // A multi-state body's per-item chains cannot be told apart in a trace without an item id.
          for (const inner of body) if (inner.kind === 'task') this.skipped.untracedPredecessor += this.take(inner.functionName).length;
          return undefined;
        }
        return this.items(this.take(body[0]!.functionName), prevEndS, sink);
      }
      case 'parallel': {
        const firsts: Array<{ placedAtS: number; cold: boolean }> = [];
        let end: number | undefined = prevEndS;
        for (const branch of state.branches) {
          const branchEnd = this.chain(branch, prevEndS, (placedAtS, cold) => firsts.push({ placedAtS, cold }));
          end = branchEnd === undefined || end === undefined ? undefined : Math.max(end, branchEnd);
        }
        firsts.sort((a, b) => a.placedAtS - b.placedAtS);
        const lead = firsts[0];
        if (lead) {
          this.dispatchAt(lead.placedAtS, lead.cold, prevEndS, sink, undefined);
          for (const other of firsts.slice(1)) this.emit('parallel-branch', other.cold, other.placedAtS - lead.placedAtS);
        }
        return end;
      }
    }
  }

  /** A map's items, started together: the first is the state's dispatch, the others' staggers are measured from it. */
  private items(rows: TraceInvocation[], prevEndS: number | undefined, sink: FirstSink | undefined): number | undefined {
    if (rows.length === 0) return undefined;
    const placed = rows.map((row) => ({ row, at: placedAtS(row) }));
    const usable = placed.filter((p): p is { row: TraceInvocation; at: number } => p.at !== undefined).sort((a, b) => a.at - b.at || a.row.line - b.row.line);
    this.skipped.missingProviderFields += rows.length - usable.length;
    const lead = usable[0];
    if (lead) {
      this.dispatchAt(lead.at, lead.row.cold, prevEndS, sink, 'mapFirstItem');
      for (const item of usable.slice(1)) this.emit('map-iteration', item.row.cold, item.at - lead.at);
    }
    return Math.max(...rows.map(handlerEndS));
  }
}

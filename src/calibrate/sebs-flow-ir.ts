// A SeBS-Flow workflow (sebs-flow-definition.ts) as dagc's IR, so the
// estimator can predict it: a task is a task step, a map of one task a map
// step, a loop a map step run one item at a time (maxConcurrency 1), a
// parallel's branches fan out from the state before it and all feed the state
// after it. The steps are named after the states.
// Decided: the IR follows one path, the one the traced executions took. A
// state that `failed` (failedStates) still runs: Step Functions dispatches it,
// its handler runs until it throws, and the state's Catch moves on to its
// failure chain, which follows it in place of the rest of its chain — as
// trip-booking's measured executions ran (its `confirm` fails every time).
// Timed, a caught failure is its dispatch, its handler's time up to the
// failure, and the next state's dispatch from its end (the Catch transition is
// a state transition like any other): the failed state is a step like any
// other whose successor is the failure chain's first state. Map widths are
// given (a trace's rows per execution; the definition only names the input
// array). Data between states moves inside the handlers (SeBS passes object
// keys): edges carry 0 bytes. A map body of more than one state has no IR
// equivalent here and is refused with its state's name.
// The IR may not be series-parallel (a parallel after a parallel); the caller
// restructures it (src/ir/series-parallelize.ts) as for any app.
// Complexity: O(states).
import { Graph } from '@dagrejs/graphlib';
import type { EdgeData, FunctionInfo, IR, StepNode } from '../ir/types.ts';
import type { SebsChain, SebsState, SebsWorkflow } from './sebs-flow-definition.ts';

export interface SebsIrOptions {
  /** Every function's memory size. */
  memoryMb: number;
  /** Items per execution of each map or loop state, by state name (default 1). */
  widths: Readonly<Record<string, number>>;
  /** States that failed (and were caught) in the executions to model: each runs, then its failure chain instead of the rest of its chain. */
  failedStates?: ReadonlySet<string>;
}

export function sebsWorkflowIr(workflow: SebsWorkflow, options: SebsIrOptions): IR {
  const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
  const functions = new Map<string, FunctionInfo>();
  const useFunction = (name: string) => {
    if (!functions.has(name)) functions.set(name, { name, memoryMb: options.memoryMb, timeoutMs: 900_000, architectures: ['x86_64'] });
  };
  const connect = (from: readonly string[], to: string) => {
    for (const f of from) graph.setEdge(f, to, { bytes: 0 });
  };
  /** Adds a state after `before` (the steps it waits for); returns the steps the next state waits for. */
  const addState = (state: SebsState, before: readonly string[]): string[] => {
    const width = Math.max(1, Math.round(options.widths[state.name] ?? 1));
    switch (state.kind) {
      case 'task':
        useFunction(state.functionName);
        graph.setNode(state.name, { id: state.name, kind: 'task', functionName: state.functionName, outputBytes: 0 });
        break;
      case 'loop':
        useFunction(state.functionName);
        graph.setNode(state.name, { id: state.name, kind: 'map', functionName: state.functionName, outputBytes: 0, width: { kind: 'fixed', width }, maxConcurrency: 1 });
        break;
      case 'map': {
        const [body, ...rest] = state.body;
        if (!body || rest.length > 0 || body.kind !== 'task') throw new Error(`map state '${state.name}' runs ${state.body.length} states per item; only a single-task body has an IR equivalent here`);
        useFunction(body.functionName);
        graph.setNode(state.name, { id: state.name, kind: 'map', functionName: body.functionName, outputBytes: 0, width: { kind: 'fixed', width }, maxConcurrency: 0 });
        break;
      }
      case 'parallel':
        return state.branches.flatMap((branch) => addChain(branch, before));
    }
    connect(before, state.name);
    return [state.name];
  };
  const addChain = (chain: SebsChain, before: readonly string[]): string[] => {
    let last = [...before];
    for (const state of chain) {
      last = addState(state, last);
      if (options.failedStates?.has(state.name) && state.onFailure) return addChain(state.onFailure, last);
    }
    return last;
  };
  addChain(workflow.chain, []);
  return { name: workflow.name, sourceFile: `${workflow.name}.definition.json`, baseDir: '.', region: 'us-east-1', functions, graph };
}

// Reads a SeBS-Flow workflow definition (`<benchmark>.definition.json`, SeBS's
// own JSON, not ASL; fixtures-data/sebs-flow/README.md) into the structure the
// trace analysis needs: chains of states, where a map runs its body once per
// element at once, a loop runs one function once per element one after
// another, and a parallel runs its branches side by side. A state's `failure`
// names the chain that runs when it fails (trip-booking's compensations); the
// success path is the chain of `next`.
// Decided: `switch` is not read (no traced workflow has one) and is reported as
// unsupported with its position rather than guessed at. A cycle of `next` is a
// positioned error (SeBS runs definitions as DAGs).
// Complexity: O(states) per chain; failure chains are re-read where shared.
import { readFileSync } from 'node:fs';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { traceDiagnostics } from '../diagnostics/traces.ts';
import { formatJsonPath, type JsonPath } from '../import/json-path.ts';
import { parseJsonSource, type JsonSource } from '../import/json-source.ts';

export type SebsState =
  | { kind: 'task'; name: string; functionName: string; onFailure?: SebsChain }
  | { kind: 'map'; name: string; body: SebsChain; onFailure?: SebsChain }
  | { kind: 'loop'; name: string; functionName: string; onFailure?: SebsChain }
  | { kind: 'parallel'; name: string; branches: SebsChain[]; onFailure?: SebsChain };

/** States run one after another (`next`). */
export type SebsChain = SebsState[];

export interface SebsWorkflow {
  /** The benchmark's name, from the file name (660.map-reduce). */
  name: string;
  chain: SebsChain;
}

/** Reads and checks a definition file; every problem is a positioned DagcUserError. */
export function readSebsDefinition(file: string, displayName = file): SebsWorkflow {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DagcUserError([traceDiagnostics.definitionUnreadable(displayName, (error as NodeJS.ErrnoException).code ?? String(error), undefined)]);
  }
  const name = displayName.replace(/^.*[\\/]/, '').replace(/\.definition\.json$/, '').replace(/\.json$/, '');
  return parseSebsDefinition(text, displayName, name);
}

export function parseSebsDefinition(text: string, displayName: string, name: string): SebsWorkflow {
  const read = parseJsonSource(text, displayName);
  if (!read.ok) throw new DagcUserError(read.diagnostics.map((d) => traceDiagnostics.definitionUnreadable(displayName, d.message, d.position)));
  const problems: Diagnostic[] = [];
  const chain = readScope(read.source, read.source.value, [], problems);
  if (problems.length > 0) throw new DagcUserError(problems);
  return { name, chain };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scope is an object with `root` and `states` (the workflow, a map body, a parallel branch). */
function readScope(source: JsonSource, scope: unknown, at: JsonPath, problems: Diagnostic[]): SebsChain {
  const fail = (path: JsonPath, detail: string): SebsChain => {
    problems.push(traceDiagnostics.definitionState(source.positionOf(path), formatJsonPath(path), detail));
    return [];
  };
  if (!isObject(scope)) return fail(at, 'not an object with "root" and "states"');
  const states = scope.states;
  if (!isObject(states)) return fail([...at, 'states'], '"states" is missing or not an object');
  if (typeof scope.root !== 'string') return fail([...at, 'root'], '"root" is missing or not a state name');
  return readChain(source, states, scope.root, [...at, 'root'], [...at, 'states'], problems, new Set());
}

/** The chain from `first` along `next`; `visiting` holds the states of the chains being read (a cycle is an error). */
function readChain(source: JsonSource, states: Record<string, unknown>, first: string, from: JsonPath, statesAt: JsonPath, problems: Diagnostic[], visiting: ReadonlySet<string>): SebsChain {
  const chain: SebsChain = [];
  const seen = new Set(visiting);
  let name: string | undefined = first;
  let referencedAt = from;
  while (name !== undefined) {
    const at: JsonPath = [...statesAt, name];
    const report = (path: JsonPath, detail: string) => problems.push(traceDiagnostics.definitionState(source.positionOf(path), formatJsonPath(path), detail));
    if (seen.has(name)) {
      report(referencedAt, `'${name}' leads back to itself: a SeBS-Flow workflow is a DAG`);
      break;
    }
    const raw = states[name];
    if (!isObject(raw)) {
      report(referencedAt, `names '${name}', which is not a state of this scope`);
      break;
    }
    seen.add(name);
    const state = readState(source, name, raw, at, problems);
    if (state) chain.push(state);
    if (typeof raw.failure === 'string' && state) state.onFailure = readChain(source, states, raw.failure, [...at, 'failure'], statesAt, problems, seen);
    if (raw.next !== undefined && typeof raw.next !== 'string') {
      report([...at, 'next'], '"next" is not a state name');
      break;
    }
    name = raw.next as string | undefined;
    referencedAt = [...at, 'next'];
  }
  return chain;
}

function readState(source: JsonSource, name: string, raw: Record<string, unknown>, at: JsonPath, problems: Diagnostic[]): SebsState | undefined {
  const report = (path: JsonPath, detail: string): undefined => {
    problems.push(traceDiagnostics.definitionState(source.positionOf(path), formatJsonPath(path), detail));
    return undefined;
  };
  const functionName = (): string | undefined => (typeof raw.func_name === 'string' && raw.func_name !== '' ? raw.func_name : report([...at, 'func_name'], '"func_name" is missing or empty'));
  switch (raw.type) {
    case 'task': {
      const fn = functionName();
      return fn === undefined ? undefined : { kind: 'task', name, functionName: fn };
    }
    case 'loop': {
      const fn = functionName();
      return fn === undefined ? undefined : { kind: 'loop', name, functionName: fn };
    }
    case 'map':
      return { kind: 'map', name, body: readScope(source, raw, at, problems) };
    case 'parallel': {
      if (!Array.isArray(raw.parallel_functions) || raw.parallel_functions.length === 0) return report([...at, 'parallel_functions'], '"parallel_functions" is missing or empty');
      return { kind: 'parallel', name, branches: raw.parallel_functions.map((branch, b) => readScope(source, branch, [...at, 'parallel_functions', b], problems)) };
    }
    case 'switch':
      return report([...at, 'type'], `'${name}' is a switch state, which dagc's trace analysis does not read yet (its branch taken is not in a trace)`);
    default:
      return report([...at, 'type'], `state type ${JSON.stringify(raw.type)} is not one of task, map, loop, parallel`);
  }
}

/** Every function the workflow can invoke, with the state that invokes it (first occurrence). */
export function sebsFunctions(workflow: SebsWorkflow): Map<string, SebsState> {
  const found = new Map<string, SebsState>();
  const walk = (chain: SebsChain): void => {
    for (const state of chain) {
      if (state.kind === 'task' || state.kind === 'loop') {
        if (!found.has(state.functionName)) found.set(state.functionName, state);
      } else if (state.kind === 'map') walk(state.body);
      else for (const branch of state.branches) walk(branch);
      if (state.onFailure) walk(state.onFailure);
    }
  };
  walk(workflow.chain);
  return found;
}

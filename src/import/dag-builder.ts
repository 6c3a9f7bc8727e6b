// Flattens an ASL definition (nested scopes of states) into one DAG of dagc
// steps. Each scope is walked in topological order (state-graph.ts cuts the
// loops); what flows along a transition is the set of steps whose results
// reach that point. A Task becomes a step needing that set; Pass, Wait and
// Succeed let it through; Fail stops it (the steps before it end the
// workflow). A Parallel's branches all start from the set and all their ends
// flow on; a Map's body does the same with every Task a map step. A Choice
// becomes a choice step, and what leaves it is tagged with the outcome
// (`<choice>#<index>`) so that resolveChoices can tell, afterwards, which
// step each outcome led to: an outcome that reaches a step needing something
// else too (a rejoin), the end, or a Fail ran no Task and is dropped; a
// choice left with one branch dissolves. A dissolved choice changes what
// follows it (a Parallel after it need not run in series), so the importer
// builds again with it as a pass-through until nothing more dissolves.
// O(states + transitions) per build; at most one build per Choice.
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { importDiagnostics } from '../diagnostics/import.ts';
import { branchesOf, isRecord, KNOWN_TYPES, mapBodyOf, readScope, type AslState } from './asl-scope.ts';
import { resolveChoices, type ChoiceRecord } from './choice-branches.ts';
import { mapNotes, scopeWarnings, waitDetail } from './state-warnings.ts';
import { outcomeShares } from './choice-probabilities.ts';
import { IdentifierAllocator } from './identifiers.ts';
import type { ImportedFunction, ImportedStep } from './imported-app.ts';
import { formatJsonPath, type JsonPath } from './json-path.ts';
import type { JsonSource } from './json-source.ts';
import { scopeGraph } from './state-graph.ts';
import { taskTarget } from './task-resource.ts';

/** Items a Map is assumed to get when nothing says (DAGC0552 asks the user to set it). */
export const DEFAULT_MAP_WIDTH = 10;

interface MapContext {
  width: number;
  maxConcurrency: number;
  depth: number;
}

type Flow = Set<string>;

export interface BuildResult {
  steps: ImportedStep[];
  functions: ImportedFunction[];
  diagnostics: Diagnostic[];
  /** Choice states (by JSON path) that turned out to have fewer than two branches. */
  dissolved: Set<string>;
  regions: Set<string>;
}

export class DagBuilder {
  private readonly steps = new Map<string, ImportedStep>();
  private readonly functions = new Map<string, ImportedFunction>();
  private readonly lambdaKeys = new Map<string, string>();
  private readonly stepIds = new IdentifierAllocator('s');
  private readonly functionIds = new IdentifierAllocator('fn');
  private readonly choices: ChoiceRecord[] = [];
  private readonly choiceById = new Map<string, ChoiceRecord>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly retries: JsonPath[] = [];
  private readonly regions = new Set<string>();

  constructor(
    private readonly source: JsonSource,
    /** Choice states to treat as pass-through: they dissolved in an earlier build. */
    private readonly passThrough: ReadonlySet<string>,
  ) {}

  build(root: unknown): BuildResult {
    this.buildScope(root, [], new Set(), undefined);
    if (this.retries.length > 0) this.diagnostics.push(importDiagnostics.retryNotModeled(this.at(this.retries[0]!), this.retries.map(formatJsonPath)));
    const dissolved = resolveChoices(this.choices, this.steps, this.diagnostics, (path) => this.at(path));
    return { steps: [...this.steps.values()], functions: [...this.functions.values()], diagnostics: this.diagnostics, dissolved, regions: this.regions };
  }

  private at(path: JsonPath) {
    return this.source.positionOf(path);
  }

  /**
   * Walks one scope from `entry`; returns what flows out of its ends, or null
   * when every path dies (a Fail, a cut loop, a Parallel or Map that always
   * fails). A state only dead paths reach never runs and is left out.
   */
  private buildScope(raw: unknown, path: JsonPath, entry: Flow, map: MapContext | undefined): Flow | null {
    const read = readScope(raw, path);
    if (!read.ok) {
      this.diagnostics.push(importDiagnostics.badState(this.at(read.path), formatJsonPath(read.path), read.detail));
      return entry;
    }
    const graph = scopeGraph(read.scope);
    this.diagnostics.push(...scopeWarnings(graph, (path) => this.at(path)));
    if (graph.order.length === 0) return entry;
    const inflow = new Map<string, Flow>([[read.scope.startAt, new Set(entry)]]);
    const exits: Flow = new Set();
    let ended = false;
    const danglingFrom = new Set(graph.dangling.filter((d) => d.from.type !== 'Choice').map((d) => d.from.name));
    for (const name of graph.order) {
      const state = read.scope.states.get(name)!;
      const flow = inflow.get(name);
      if (flow === undefined) {
        this.diagnostics.push(importDiagnostics.unreachable(this.at(state.path), formatJsonPath(state.path), 'every path to it fails first'));
        continue;
      }
      this.noteErrorHandling(state);
      const { out, choice } = this.visit(state, flow, map);
      if (out === null) continue;
      const transitions = graph.edges.get(name) ?? [];
      const ends = state.type !== 'Choice' && (state.raw.End === true || state.type === 'Succeed' || danglingFrom.has(name));
      if (ends) {
        ended = true;
        for (const token of out) exits.add(token);
      }
      if (choice) {
        for (const t of transitions) add(inflow, t.to, [`${choice.step.id}#${t.outcome === 'default' ? choice.outcomeLabels.length - 1 : t.outcome}`]);
      } else {
        for (const t of transitions) add(inflow, t.to, out);
      }
    }
    return ended ? exits : null;
  }

  private visit(state: AslState, flow: Flow, map: MapContext | undefined): { out: Flow | null; choice?: ChoiceRecord } {
    const where = formatJsonPath(state.path);
    switch (state.type) {
      case 'Task':
        return { out: new Set([this.task(state, flow, map).id]) };
      case 'Pass':
      case 'Succeed':
        return { out: flow };
      case 'Fail':
        return { out: null };
      case 'Wait':
        this.diagnostics.push(importDiagnostics.waitNotModeled(this.at(state.path), where, waitDetail(state)));
        return { out: flow };
      case 'Choice':
        if (this.passThrough.has(where)) return { out: flow };
        return { out: new Set(), choice: this.choice(state, flow, map) };
      case 'Parallel':
        return { out: this.parallel(state, flow, map) };
      case 'Map':
        return { out: this.mapState(state, flow, map) };
      default:
        this.diagnostics.push(importDiagnostics.badState(this.at(state.path), where, KNOWN_TYPES.has(state.type) ? `state type ${state.type}` : `unknown state type '${state.type}'`));
        return { out: flow };
    }
  }

  /** Steps need the steps in the flow; a `<choice>#<outcome>` token is a need on the choice, remembered per outcome. */
  private addStep(step: Omit<ImportedStep, 'needs'>, flow: Flow): ImportedStep {
    const needs = new Set<string>();
    for (const token of flow) {
      const hash = token.indexOf('#');
      if (hash < 0) {
        needs.add(token);
        continue;
      }
      const choiceId = token.slice(0, hash);
      needs.add(choiceId);
      const record = this.choiceById.get(choiceId)!;
      const reached = record.reached.get(step.id) ?? new Set<number>();
      reached.add(Number(token.slice(hash + 1)));
      record.reached.set(step.id, reached);
    }
    const full: ImportedStep = { ...step, needs: [...needs] };
    this.steps.set(full.id, full);
    return full;
  }

  private task(state: AslState, flow: Flow, map: MapContext | undefined): ImportedStep {
    const id = this.stepIds.allocate(state.name);
    const fn = this.functionFor(state);
    const base = { id, function: fn, stateName: state.name, statePath: state.path };
    if (map) return this.addStep({ ...base, kind: 'map', map: { width: map.width, maxConcurrency: map.maxConcurrency } }, flow);
    return this.addStep({ ...base, kind: 'task' }, flow);
  }

  private functionFor(state: AslState): string {
    const target = taskTarget(state);
    const where = formatJsonPath(state.path);
    const at = this.at(state.path);
    if (target.kind === 'lambda') {
      if (target.region) this.regions.add(target.region);
      if (target.placeholder) this.diagnostics.push(importDiagnostics.placeholderResource(at, where, target.placeholder, this.lambdaKey(target.functionName, target.source)));
      if (target.dynamic) this.diagnostics.push(importDiagnostics.dynamicFunction(at, where, target.dynamic, this.lambdaKey(target.functionName, target.source)));
      if (target.callback) this.diagnostics.push(importDiagnostics.callbackTask(at, where, target.callback));
      return this.lambdaKey(target.functionName, target.source + (target.qualifier ? ` (qualifier ${target.qualifier})` : ''));
    }
    const key = this.functionIds.allocate(state.name);
    this.functions.set(key, { key, pinned: true, origin: target.service });
    if (target.nested) this.diagnostics.push(importDiagnostics.nestedExecution(at, where));
    else this.diagnostics.push(importDiagnostics.serviceTask(at, where, target.service, key));
    if (target.callback) this.diagnostics.push(importDiagnostics.callbackTask(at, where, target.callback));
    return key;
  }

  /** One function per distinct Lambda name: states invoking the same function share its profile. */
  private lambdaKey(functionName: string, origin: string): string {
    const existing = this.lambdaKeys.get(functionName);
    if (existing) return existing;
    const key = this.functionIds.allocate(functionName);
    this.lambdaKeys.set(functionName, key);
    this.functions.set(key, { key, pinned: false, origin: `Lambda ${origin}` });
    return key;
  }

  private choice(state: AslState, flow: Flow, map: MapContext | undefined): ChoiceRecord {
    const id = this.stepIds.allocate(state.name);
    const graphTransitions = transitionsWithDefaultLast(state);
    const { shares, given, problem } = outcomeShares(state, graphTransitions);
    const record: ChoiceRecord = {
      step: { id, kind: 'choice', needs: [], stateName: state.name, statePath: state.path },
      state,
      shares,
      given,
      ...(problem ? { problem } : {}),
      outcomeLabels: graphTransitions.map((t) => (t.outcome === 'default' ? `Default → '${t.to}'` : `Choices[${t.outcome}] → '${t.to}'`)),
      reached: new Map(),
      inMap: map !== undefined,
    };
    this.choices.push(record);
    this.choiceById.set(id, record);
    record.step = this.addStep(record.step, flow);
    return record;
  }

  private parallel(state: AslState, flow: Flow, map: MapContext | undefined): Flow | null {
    const branches = branchesOf(state);
    if (branches.length === 0) this.diagnostics.push(importDiagnostics.badState(this.at(state.path), formatJsonPath(state.path), 'a Parallel state without Branches'));
    if (this.isChoiceHeaded(flow)) {
      // A choice branch starts at one step: run the branches one after another.
      let current: Flow = flow;
      let nonEmpty = 0;
      let dies = false;
      for (const branch of branches) {
        const before = this.steps.size;
        const out = this.buildScope(branch.raw, branch.path, current, map);
        if (this.steps.size > before) nonEmpty++;
        // A branch that always fails fails the Parallel, but the branches beside it still run.
        if (out === null) dies = true;
        else if (this.steps.size > before) current = out;
      }
      if (nonEmpty >= 2) this.diagnostics.push(importDiagnostics.parallelSerialized(this.at(state.path), formatJsonPath(state.path)));
      return dies ? null : current;
    }
    const out: Flow = new Set();
    let any = false;
    let dies = false;
    for (const branch of branches) {
      const before = this.steps.size;
      const exits = this.buildScope(branch.raw, branch.path, flow, map);
      if (exits === null) dies = true;
      else if (this.steps.size > before) {
        any = true;
        for (const token of exits) out.add(token);
      }
    }
    // One branch that always fails fails the Parallel: nothing after it runs.
    if (dies) return null;
    return any ? out : flow;
  }

  private mapState(state: AslState, flow: Flow, outer: MapContext | undefined): Flow | null {
    const where = formatJsonPath(state.path);
    const at = this.at(state.path);
    const body = mapBodyOf(state);
    if (!body) {
      this.diagnostics.push(importDiagnostics.badState(at, where, 'a Map state without ItemProcessor or Iterator'));
      return flow;
    }
    const own = typeof state.raw.MaxConcurrency === 'number' && Number.isInteger(state.raw.MaxConcurrency) && state.raw.MaxConcurrency >= 0 ? state.raw.MaxConcurrency : 0;
    const width = (outer?.width ?? 1) * DEFAULT_MAP_WIDTH;
    const maxConcurrency = outer ? (outer.maxConcurrency > 0 && own > 0 ? outer.maxConcurrency * own : 0) : own;
    if (outer) this.diagnostics.push(importDiagnostics.nestedMap(at, where, width));
    const notes = mapNotes(state, body.raw);
    if (notes.length > 0) this.diagnostics.push(importDiagnostics.mapConfigNoted(at, where, notes.join('; ')));
    const before = new Set(this.steps.keys());
    const out = this.buildScope(body.raw, body.path, flow, { width, maxConcurrency, depth: (outer?.depth ?? 0) + 1 });
    const made = [...this.steps.values()].filter((s) => !before.has(s.id) && s.kind === 'map');
    if (out === null) return null;
    if (made.length === 0) return flow;
    if (!outer) this.diagnostics.push(importDiagnostics.mapWidthUnknown(at, where, made.map((s) => s.id), width));
    if (made.length > 1 && !outer) this.diagnostics.push(importDiagnostics.mapBodySplit(at, where, made.map((s) => s.id)));
    return out;
  }

  private isChoiceHeaded(flow: Flow): boolean {
    const choices = new Set([...flow].map((token) => (token.includes('#') ? token.slice(0, token.indexOf('#')) : '')));
    return flow.size > 0 && choices.size === 1 && !choices.has('');
  }

  private noteErrorHandling(state: AslState): void {
    if (Array.isArray(state.raw.Retry) && state.raw.Retry.length > 0) this.retries.push(state.path);
    if (Array.isArray(state.raw.Catch) && state.raw.Catch.length > 0) {
      const targets = state.raw.Catch.filter(isRecord).map((c) => String(c.Next));
      this.diagnostics.push(importDiagnostics.catchNotModeled(this.at([...state.path, 'Catch']), formatJsonPath(state.path), [...new Set(targets)]));
    }
  }

}

function add(inflow: Map<string, Flow>, to: string, tokens: Iterable<string>): void {
  const flow = inflow.get(to) ?? new Set<string>();
  for (const token of tokens) flow.add(token);
  inflow.set(to, flow);
}

/** The Choice's outcomes with the Default last, so outcome index = rule index and Default = the last index. */
function transitionsWithDefaultLast(state: AslState) {
  const rules = Array.isArray(state.raw.Choices) ? state.raw.Choices : [];
  const list = rules.map((rule, index) => ({ to: isRecord(rule) && typeof rule.Next === 'string' ? rule.Next : '', path: [...state.path, 'Choices', index], outcome: index as number | 'default' }));
  if (typeof state.raw.Default === 'string') list.push({ to: state.raw.Default, path: [...state.path, 'Default'], outcome: 'default' });
  return list;
}

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
import { branchesOf, isRecord, KNOWN_TYPES, mapBodyOf, readScope, transitionsOf, type AslState } from './asl-scope.ts';
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

interface ChoiceRecord {
  step: ImportedStep;
  state: AslState;
  shares: number[];
  given: boolean;
  problem?: string;
  /** Outcome index → its description (the state it goes to). */
  outcomeLabels: string[];
  /** Step id → outcomes that led to it. */
  reached: Map<string, Set<number>>;
  /** Outcomes whose flow reached no step (the end, a Fail, a cut loop). */
  inMap: boolean;
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
    const dissolved = this.resolveChoices();
    return { steps: [...this.steps.values()], functions: [...this.functions.values()], diagnostics: this.diagnostics, dissolved, regions: this.regions };
  }

  private at(path: JsonPath) {
    return this.source.positionOf(path);
  }

  /** Walks one scope from `entry`; returns what flows out of its ends. */
  private buildScope(raw: unknown, path: JsonPath, entry: Flow, map: MapContext | undefined): Flow {
    const read = readScope(raw, path);
    if (!read.ok) {
      this.diagnostics.push(importDiagnostics.badState(this.at(read.path), formatJsonPath(read.path), read.detail));
      return entry;
    }
    const graph = scopeGraph(read.scope);
    this.reportGraphProblems(graph);
    const inflow = new Map<string, Flow>([[read.scope.startAt, new Set(entry)]]);
    const exits: Flow = new Set();
    const danglingFrom = new Set(graph.dangling.filter((d) => d.from.type !== 'Choice').map((d) => d.from.name));
    for (const name of graph.order) {
      const state = read.scope.states.get(name)!;
      const flow = inflow.get(name) ?? new Set<string>();
      this.noteErrorHandling(state);
      const { out, choice } = this.visit(state, flow, map);
      const transitions = graph.edges.get(name) ?? [];
      const ends = state.type !== 'Fail' && state.type !== 'Choice' && (state.raw.End === true || state.type === 'Succeed' || danglingFrom.has(name));
      if (ends) for (const token of out) exits.add(token);
      if (choice) {
        for (const t of transitions) add(inflow, t.to, [`${choice.step.id}#${t.outcome === 'default' ? choice.outcomeLabels.length - 1 : t.outcome}`]);
      } else {
        for (const t of transitions) add(inflow, t.to, out);
      }
    }
    return exits;
  }

  private visit(state: AslState, flow: Flow, map: MapContext | undefined): { out: Flow; choice?: ChoiceRecord } {
    const where = formatJsonPath(state.path);
    switch (state.type) {
      case 'Task':
        return { out: new Set([this.task(state, flow, map).id]) };
      case 'Pass':
      case 'Succeed':
        return { out: flow };
      case 'Fail':
        return { out: new Set() };
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
      const record = this.choices.find((c) => c.step.id === choiceId)!;
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
    record.step = this.addStep(record.step, flow);
    return record;
  }

  private parallel(state: AslState, flow: Flow, map: MapContext | undefined): Flow {
    const branches = branchesOf(state);
    if (branches.length === 0) this.diagnostics.push(importDiagnostics.badState(this.at(state.path), formatJsonPath(state.path), 'a Parallel state without Branches'));
    if (this.isChoiceHeaded(flow)) {
      // A choice branch starts at one step: run the branches one after another.
      let current = flow;
      let nonEmpty = 0;
      for (const branch of branches) {
        const before = this.steps.size;
        const out = this.buildScope(branch.raw, branch.path, current, map);
        if (this.steps.size > before) {
          current = out;
          nonEmpty++;
        }
      }
      if (nonEmpty >= 2) this.diagnostics.push(importDiagnostics.parallelSerialized(this.at(state.path), formatJsonPath(state.path)));
      return current;
    }
    const out: Flow = new Set();
    let any = false;
    for (const branch of branches) {
      const before = this.steps.size;
      const exits = this.buildScope(branch.raw, branch.path, flow, map);
      if (this.steps.size > before) {
        any = true;
        for (const token of exits) out.add(token);
      }
    }
    return any ? out : flow;
  }

  private mapState(state: AslState, flow: Flow, outer: MapContext | undefined): Flow {
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
    if (made.length === 0) return flow;
    if (!outer) this.diagnostics.push(importDiagnostics.mapWidthUnknown(at, where, made.map((s) => s.id).join(', '), width));
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

  private reportGraphProblems(graph: ReturnType<typeof scopeGraph>): void {
    const { scope } = graph;
    if (!scope.states.has(scope.startAt)) {
      this.diagnostics.push(importDiagnostics.badState(this.at([...scope.path, 'StartAt']), formatJsonPath([...scope.path, 'StartAt']), `StartAt names '${scope.startAt}', which is not a state here`));
    }
    for (const { transition } of graph.dangling) {
      this.diagnostics.push(importDiagnostics.badState(this.at(transition.path), formatJsonPath(transition.path), `goes to '${transition.to}', which is not a state in this scope (treated as the end)`));
    }
    for (const { transition } of graph.cuts) {
      this.diagnostics.push(importDiagnostics.loopCut(this.at(transition.path), formatJsonPath(transition.path), transition.to));
    }
    // States on an error path: Catch targets and everything they lead to.
    const caught = new Set<string>();
    const pending: string[] = [];
    for (const state of scope.states.values()) if (Array.isArray(state.raw.Catch)) for (const c of state.raw.Catch) if (isRecord(c) && typeof c.Next === 'string') pending.push(c.Next);
    while (pending.length > 0) {
      const name = pending.pop()!;
      const state = scope.states.get(name);
      if (!state || caught.has(name)) continue;
      caught.add(name);
      pending.push(...transitionsOf(state).map((t) => t.to));
    }
    for (const state of graph.unreachable) {
      const why = caught.has(state.name) ? 'it runs only on an error path, after a Catch (see DAGC0546)' : 'no transition reaches it from StartAt';
      this.diagnostics.push(importDiagnostics.unreachable(this.at(state.path), formatJsonPath(state.path), why));
    }
  }

  /**
   * Decides each choice's branches (latest choice first, since dissolving one
   * changes its parent's heads): a step that needs the choice and nothing
   * else is a branch; a step that also needs another step is a rejoin, so the
   * outcome that led there is empty and the need is dropped.
   */
  private resolveChoices(): Set<string> {
    const dissolved = new Set<string>();
    for (const record of [...this.choices].reverse()) {
      const { step } = record;
      const where = formatJsonPath(record.state.path);
      const heads: string[] = [];
      for (const other of this.steps.values()) {
        if (!other.needs.includes(step.id)) continue;
        if (other.needs.length > 1) other.needs = other.needs.filter((n) => n !== step.id);
        else heads.push(other.id);
      }
      if (heads.length < 2) {
        dissolved.add(where);
        continue;
      }
      if (record.inMap) this.diagnostics.push(importDiagnostics.choiceInMap(this.at(record.state.path), where));
      const used = new Set(heads.flatMap((h) => [...record.reached.get(h)!]));
      const empty = record.outcomeLabels.filter((_, i) => !used.has(i));
      if (empty.length > 0) this.diagnostics.push(importDiagnostics.emptyOutcome(this.at(record.state.path), where, empty));
      if (record.problem) this.diagnostics.push(importDiagnostics.badProbability(this.at(record.state.path), where, record.problem));
      else if (!record.given) this.diagnostics.push(importDiagnostics.equalProbabilities(this.at(record.state.path), where, step.id));
      step.choice = branchProbabilities(heads, (h) => [...record.reached.get(h)!].reduce((sum, i) => sum + record.shares[i]!, 0));
    }
    return dissolved;
  }
}

/** Renormalized over the branches kept; the last takes the rounding remainder so they sum to exactly 1. */
function branchProbabilities(heads: string[], weight: (head: string) => number): Record<string, number> {
  const sorted = [...heads].sort();
  const weights = sorted.map(weight);
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (total > 0 ? w / total : 1 / sorted.length));
  const result: Record<string, number> = {};
  let sum = 0;
  sorted.forEach((head, i) => {
    const value = i === sorted.length - 1 ? Math.max(0, 1 - sum) : shares[i]!;
    result[head] = value;
    sum += value;
  });
  return result;
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

function waitDetail(state: AslState): string {
  const raw = state.raw;
  if (typeof raw.Seconds === 'number') return `${raw.Seconds} s`;
  for (const key of ['SecondsPath', 'Timestamp', 'TimestampPath']) if (typeof raw[key] === 'string') return `${key} ${raw[key]}`;
  if (raw.Seconds !== undefined) return `Seconds ${JSON.stringify(raw.Seconds)}`;
  return 'no duration given';
}

function mapNotes(state: AslState, body: unknown): string[] {
  const notes: string[] = [];
  const config = isRecord(body) && isRecord(body.ProcessorConfig) ? body.ProcessorConfig : {};
  if (config.Mode === 'DISTRIBUTED') notes.push(`a Distributed Map: each item runs as a child execution (${typeof config.ExecutionType === 'string' ? config.ExecutionType : 'STANDARD'}), whose own state transitions dagc does not price separately`);
  if (isRecord(state.raw.ItemReader)) notes.push(`items are read by ${String(state.raw.ItemReader.Resource ?? 'an ItemReader')}, so their number depends on the data`);
  if (isRecord(state.raw.ItemBatcher)) {
    const max = state.raw.ItemBatcher.MaxItemsPerBatch;
    notes.push(`items are batched${typeof max === 'number' ? ` (MaxItemsPerBatch ${max})` : ''}: the width is the number of batches, and each invocation's profile must be for one batch`);
  }
  if (typeof state.raw.MaxConcurrencyPath === 'string') notes.push(`MaxConcurrencyPath ${state.raw.MaxConcurrencyPath} is read at run time: set map.maxConcurrency in app.yaml`);
  return notes;
}

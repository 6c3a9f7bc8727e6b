// Warnings about a scope's states that do not depend on the DAG being built:
// a StartAt or transition to nowhere, loops cut, states off the main path
// (told apart: unreachable, or only on an error path after a Catch), and the
// detail a Wait or a Map warning quotes.
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.ts';
import { importDiagnostics } from '../diagnostics/import.ts';
import { isRecord, transitionsOf, type AslState } from './asl-scope.ts';
import { formatJsonPath, type JsonPath } from './json-path.ts';
import type { ScopeGraph } from './state-graph.ts';

export function scopeWarnings(graph: ScopeGraph, at: (path: JsonPath) => SourcePosition): Diagnostic[] {
const diagnostics: Diagnostic[] = [];
  const { scope } = graph;
  if (!scope.states.has(scope.startAt)) {
    diagnostics.push(importDiagnostics.badState(at([...scope.path, 'StartAt']), formatJsonPath([...scope.path, 'StartAt']), `StartAt names '${scope.startAt}', which is not a state here`));
  }
  for (const { transition } of graph.dangling) {
    diagnostics.push(importDiagnostics.badState(at(transition.path), formatJsonPath(transition.path), `goes to '${transition.to}', which is not a state in this scope (treated as the end)`));
  }
  for (const { transition } of graph.cuts) {
    diagnostics.push(importDiagnostics.loopCut(at(transition.path), formatJsonPath(transition.path), transition.to));
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
    diagnostics.push(importDiagnostics.unreachable(at(state.path), formatJsonPath(state.path), why));
  }
  return diagnostics;
}

export function waitDetail(state: AslState): string {
  const raw = state.raw;
  if (typeof raw.Seconds === 'number') return `${raw.Seconds} s`;
  for (const key of ['SecondsPath', 'Timestamp', 'TimestampPath']) if (typeof raw[key] === 'string') return `${key} ${raw[key]}`;
  if (raw.Seconds !== undefined) return `Seconds ${JSON.stringify(raw.Seconds)}`;
  return 'no duration given';
}

export function mapNotes(state: AslState, body: unknown): string[] {
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

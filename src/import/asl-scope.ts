// The parts of an Amazon States Language definition dagc reads, read
// defensively: a definition comes from outside, so every field is checked
// before use and a malformed one becomes a diagnostic, never an exception.
// A scope is an object with StartAt and States: the definition itself, each
// Parallel branch, and each Map's ItemProcessor (or the older Iterator).
import type { JsonPath } from './json-path.ts';

export interface AslState {
  name: string;
  /** JSON path of the state object, e.g. ['States', 'Foo']. */
  path: JsonPath;
  type: string;
  raw: Record<string, unknown>;
}

export interface AslScope {
  /** JSON path of the object holding StartAt and States ([] for the definition). */
  path: JsonPath;
  startAt: string;
  /** In document order. */
  states: Map<string, AslState>;
}

export type ScopeRead = { ok: true; scope: AslScope } | { ok: false; path: JsonPath; detail: string };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function readScope(raw: unknown, path: JsonPath): ScopeRead {
  if (!isRecord(raw)) return { ok: false, path, detail: 'expected an object with StartAt and States' };
  if (typeof raw.StartAt !== 'string') return { ok: false, path: [...path, 'StartAt'], detail: 'StartAt is missing or not a string' };
  if (!isRecord(raw.States)) return { ok: false, path: [...path, 'States'], detail: 'States is missing or not an object' };
  const states = new Map<string, AslState>();
  for (const [name, state] of Object.entries(raw.States)) {
    const statePath = [...path, 'States', name];
    if (!isRecord(state)) states.set(name, { name, path: statePath, type: '(not an object)', raw: {} });
    else states.set(name, { name, path: statePath, type: typeof state.Type === 'string' ? state.Type : '(no Type)', raw: state });
  }
  return { ok: true, scope: { path, startAt: raw.StartAt, states } };
}

export const KNOWN_TYPES = new Set(['Task', 'Pass', 'Wait', 'Choice', 'Succeed', 'Fail', 'Parallel', 'Map']);

/** One way out of a state on the path where no error is raised. */
export interface Transition {
  to: string;
  /** Where the transition is written (the Next, Default or Choices[i] field). */
  path: JsonPath;
  /** For a Choice: which outcome (rule index, or 'default'). */
  outcome?: number | 'default';
}

/** Next, or a Choice's rules then Default, in document order. Catch targets are not transitions here. */
export function transitionsOf(state: AslState): Transition[] {
  const { raw, path } = state;
  if (state.type === 'Choice') {
    const result: Transition[] = [];
    if (Array.isArray(raw.Choices)) {
      raw.Choices.forEach((rule, index) => {
        if (isRecord(rule) && typeof rule.Next === 'string') result.push({ to: rule.Next, path: [...path, 'Choices', index], outcome: index });
      });
    }
    if (typeof raw.Default === 'string') result.push({ to: raw.Default, path: [...path, 'Default'], outcome: 'default' });
    return result;
  }
  if (state.type === 'Succeed' || state.type === 'Fail') return [];
  if (raw.End === true) return [];
  return typeof raw.Next === 'string' ? [{ to: raw.Next, path: [...path, 'Next'] }] : [];
}

/** A Parallel's branches, as raw values with their paths. */
export function branchesOf(state: AslState): Array<{ raw: unknown; path: JsonPath }> {
  const branches = state.raw.Branches;
  return Array.isArray(branches) ? branches.map((raw, index) => ({ raw, path: [...state.path, 'Branches', index] })) : [];
}

/** A Map's per-item workflow: ItemProcessor, or the older Iterator. */
export function mapBodyOf(state: AslState): { raw: unknown; path: JsonPath } | undefined {
  if (state.raw.ItemProcessor !== undefined) return { raw: state.raw.ItemProcessor, path: [...state.path, 'ItemProcessor'] };
  if (state.raw.Iterator !== undefined) return { raw: state.raw.Iterator, path: [...state.path, 'Iterator'] };
  return undefined;
}

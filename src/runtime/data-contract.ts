// The data contract between steps (docs/handler-contract.md), as pure functions
// every runtime shares: what event a step's handler gets from the outputs of
// the steps it needs, how a map step splits that event into per-item events,
// and how a result crosses a wire (JSON). Fused chains and bundles must build
// events with these same functions, or a plan would compute something else
// than the naive execution. Keys of assembled objects are in sorted order.
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { runtimeDiagnostics } from '../diagnostics/runtime.ts';

export type JsonObject = { [key: string]: unknown };

/** The event one map item's invocation gets. */
export interface ItemEvent {
  item: unknown;
  index: number;
  /** The need's output without its items (with several needs: every need's output, the items-carrier's without items). */
  context: JsonObject;
}

/**
 * A step's input: the workflow input if it needs nothing; the output of its
 * one need; or, with several needs, an object keyed by need id holding the
 * needs that ran (a branch not taken is absent).
 */
export function stepInput(needs: readonly string[], ran: ReadonlyMap<string, unknown>, workflowInput: unknown): unknown {
  if (needs.length === 0) return workflowInput;
  if (needs.length === 1) return ran.get(needs[0]!);
  const keyed: JsonObject = {};
  for (const need of [...needs].sort()) if (ran.has(need)) keyed[need] = ran.get(need);
  return keyed;
}

/** Splits a map step's input into one event per item, in item order. */
export function mapItemEvents(stepId: string, needs: readonly string[], input: unknown): ItemEvent[] {
  if (needs.length <= 1) {
    const { items, context } = splitItems(stepId, input, needs[0] ?? 'the workflow input');
    return items.map((item, index) => ({ item, index, context }));
  }
  const keyed = input as JsonObject;
  const carriers = Object.keys(keyed).filter((need) => hasItems(keyed[need]));
  if (carriers.length !== 1) {
    const detail = carriers.length === 0
      ? `none of its needs (${needs.join(', ')}) returned items`
      : `several of its needs returned items (${carriers.join(', ')}); exactly one may`;
    throw new DagcUserError([runtimeDiagnostics.mapWithoutItems(stepId, detail)]);
  }
  const carrier = carriers[0]!;
  const { items, context: carrierRest } = splitItems(stepId, keyed[carrier], carrier);
  const context: JsonObject = { ...keyed, [carrier]: carrierRest };
  return items.map((item, index) => ({ item, index, context }));
}

/** A map step's output: its items' results, in item order. */
export function mapOutput(results: unknown[]): { items: unknown[] } {
  return { items: results };
}

/** What arrives on the other side of a wire: the value after JSON encoding (undefined becomes null). */
export function overTheWire(stepId: string, value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, rejectNonJson);
  } catch (error) {
    throw new DagcUserError([runtimeDiagnostics.notSerializable(stepId, (error as Error).message)]);
  }
  return text === undefined ? null : JSON.parse(text);
}

function rejectNonJson(key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${key || 'the result'} is ${value}`);
  if (typeof value === 'bigint') throw new Error(`${key || 'the result'} is a BigInt`);
  return value;
}

function hasItems(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Array.isArray((value as JsonObject).items);
}

function splitItems(stepId: string, value: unknown, from: string): { items: unknown[]; context: JsonObject } {
  if (!hasItems(value)) {
    throw new DagcUserError([runtimeDiagnostics.mapWithoutItems(stepId, `${from} returned no 'items' array`)]);
  }
  const { items, ...context } = value as JsonObject & { items: unknown[] };
  return { items, context };
}

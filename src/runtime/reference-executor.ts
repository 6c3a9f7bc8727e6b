// The reference (naive) execution of an app's DAG: every step in its own
// invocation, in a deterministic topological order (ready steps by sorted id),
// map items one after another, every result passed through JSON as it would
// cross a wire. This is the semantics every optimized plan must reproduce
// exactly; see docs/handler-contract.md for the data contract.
//
// Choice steps take a seeded branch (choice-draw.ts); steps on branches not
// taken are skipped, and so is every step all of whose needs were skipped.
// O(steps + needs) scheduling plus the handlers' own work.
import path from 'node:path';
import { statSync } from 'node:fs';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { runtimeDiagnostics } from '../diagnostics/runtime.ts';
import { loadAppIr } from '../ir/load-app.ts';
import { topologicalOrder } from '../ir/topological-order.ts';
import type { IR, StepNode } from '../ir/types.ts';
import { drawBranch } from './choice-draw.ts';
import { mapItemEvents, mapOutput, overTheWire, stepInput } from './data-contract.ts';
import { handlerContext, loadHandler, type HandlerContext } from './handler-loader.ts';

export interface InvocationRecord {
  stepId: string;
  functionName: string;
  itemIndex?: number;
  event: unknown;
  output: unknown;
  /** Wall time of the handler call; for measurement only, never part of a result. */
  latencyMs: number;
}

export interface ReferenceOptions {
  /** Seeds the choice draws (default 0). */
  seed?: number | string;
  /** Called after every handler invocation, e.g. to capture sample events or time handlers. */
  onInvoke?: (record: InvocationRecord) => void;
}

export interface ReferenceResult {
  /** Output of every step that ran (a map's is { items }, a choice's is its input). */
  outputs: Record<string, unknown>;
  /** The sink's output; with several sinks, an object keyed by the sinks that ran. */
  final: unknown;
  /** Choice step id → branch taken. */
  branches: Record<string, string>;
  /** Steps that did not run because a choice went elsewhere, sorted. */
  skipped: string[];
}

/** app: an IR, an app.yaml path, or the directory holding app.yaml. */
export async function runReference(app: IR | string, input: unknown, options: ReferenceOptions = {}): Promise<ReferenceResult> {
  const ir = typeof app === 'string' ? loadAppIr(appFile(app)) : app;
  const seed = options.seed ?? 0;
  const { graph } = ir;
  const ran = new Map<string, unknown>();
  const skipped = new Set<string>();
  const branches: Record<string, string> = {};
  const workflowInput = overTheWire('input', input);

  for (const id of topologicalOrder(ir)) {
    const node = graph.node(id) as StepNode;
    const needs = [...(graph.predecessors(id) ?? [])].sort();
    if (isSkipped(ir, id, needs, ran, branches)) {
      skipped.add(id);
      continue;
    }
    const stepEvent = stepInput(needs, ran, workflowInput);
    if (node.kind === 'choice') {
      branches[id] = drawBranch(seed, id, node.branchProbabilities);
      ran.set(id, stepEvent);
      continue;
    }
    // A join (restructuring's stage boundary) runs nothing; what follows it sees what preceded it.
    if (node.kind === 'join') {
      ran.set(id, stepEvent);
      continue;
    }
    const fn = ir.functions.get(node.functionName)!;
    const handler = await loadHandler(fn);
    const invoke = async (event: unknown, itemIndex?: number): Promise<unknown> => {
      const context = handlerContext(fn, seed, id, itemIndex);
      const output = await call(id, () => handler(fresh(event), context), context);
      const record: InvocationRecord = { stepId: id, functionName: fn.name, event, output: output.value, latencyMs: output.latencyMs };
      if (itemIndex !== undefined) record.itemIndex = itemIndex;
      options.onInvoke?.(record);
      return output.value;
    };
    if (node.kind === 'map') {
      const results: unknown[] = [];
      for (const itemEvent of mapItemEvents(id, needs, stepEvent)) results.push(await invoke(itemEvent, itemEvent.index));
      ran.set(id, mapOutput(results));
    } else {
      ran.set(id, await invoke(stepEvent));
    }
  }

  const outputs = Object.fromEntries([...ran].sort(([a], [b]) => (a < b ? -1 : 1)));
  return { outputs, final: finalOutput(ir, ran), branches, skipped: [...skipped].sort() };
}

/** A branch runs only if its choice ran and picked it; any other step runs if any of its needs ran. */
function isSkipped(ir: IR, id: string, needs: string[], ran: Map<string, unknown>, branches: Record<string, string>): boolean {
  if (needs.length === 0) return false;
  for (const need of needs) {
    if ((ir.graph.node(need) as StepNode).kind === 'choice' && (!ran.has(need) || branches[need] !== id)) return true;
  }
  return !needs.some((need) => ran.has(need));
}

async function call(stepId: string, run: () => unknown, context: HandlerContext): Promise<{ value: unknown; latencyMs: number }> {
  const startedAt = performance.now();
  let value: unknown;
  try {
    value = await run();
  } catch (error) {
    if (error instanceof DagcUserError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new DagcUserError([runtimeDiagnostics.handlerFailed(context.itemIndex === undefined ? stepId : `${stepId}[${context.itemIndex}]`, detail)]);
  }
  const latencyMs = performance.now() - startedAt;
  return { value: overTheWire(stepId, value), latencyMs };
}

function finalOutput(ir: IR, ran: Map<string, unknown>): unknown {
  const sinks = ir.graph.sinks().sort();
  if (sinks.length === 1) return ran.get(sinks[0]!) ?? null;
  return Object.fromEntries(sinks.filter((id) => ran.has(id)).map((id) => [id, ran.get(id)]));
}

/** Each handler gets its own copy, as it would after deserializing; a handler that mutates its event harms no one. */
function fresh(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}


function appFile(app: string): string {
  try {
    if (statSync(app).isDirectory()) return path.join(app, 'app.yaml');
  } catch {
    // Not there: loadSpec reports the missing file with its own diagnostic.
  }
  return app;
}

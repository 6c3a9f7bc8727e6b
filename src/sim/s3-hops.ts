// What an edge's data costs as the emitted runtime moves it (src/codegen/functions/data-flow.ts decides, per
// step, where the step's output is stored; src/runtime/lambda/refs.ts stores and reads it):
//  - a function step whose output leaves its state through S3 on any edge writes it once per run — one PUT
//    however many steps read it — and every step after it reads that object, so each function step reading
//    it GETs it, on the edges the data-passing pass left inline too (the state then carries a pointer);
//  - a join or a choice writes nothing (it hands on what it was handed); a function step after one GETs when
//    its own edge out of the join or choice goes through S3;
//  - a join or a choice reads nothing: the GET is its reader's.
// A PUT is on every path out of its writer (it finishes before the writer does), so every edge out of a
// writer carries its latency; its request is counted on one edge, the one to the writer's first successor
// by id, which is taken whenever the writer runs (a writer is a function step, never a choice).
// The estimator (plan-steps.ts) and the optimum's cost floor (src/baselines/structural-floor.ts) both price
// S3 with it, so they agree plan by plan.
import { edgeKey, type DataPassingMode, type Deployment } from '../ir/deployment.ts';
import { GraphMemo } from '../ir/graph-memo.ts';
import { invokesFunction, type IR } from '../ir/types.ts';
import { defaultDataPassingMode } from '../passes/data-passing-default.ts';
import { OVERHEADS } from '../model/platform.ts';
import type { EstimateSkeleton } from './estimate-skeleton.ts';

export interface S3Hop {
  /** Requests the edge makes each time it is taken. */
  puts: number;
  gets: number;
  transferMs: number;
}

export interface HopContext {
  ir: IR;
  deployment: Deployment;
  /** Whether the deployment sets any edge's mode (else each edge has its default: no key to build). */
  hasEdgeModes: boolean;
  /** Per step id: whether its output is stored in S3 (filled as asked). */
  writers: Map<string, boolean>;
}

export function hopContext(ir: IR, deployment: Deployment): HopContext {
  return { ir, deployment, hasEdgeModes: Object.keys(deployment.edges).length > 0, writers: new Map() };
}

/** The edge's mode: the deployment's, else inline when its data fits the state payload limit, else S3. */
export function edgeMode(ctx: HopContext, from: string, to: string, bytes: number): DataPassingMode {
  return (ctx.hasEdgeModes ? ctx.deployment.edges[edgeKey(from, to)] : undefined) ?? defaultDataPassingMode(bytes);
}

/** Whether a step's output is stored in S3: a function step with some edge out of it through S3. */
export function writesToS3(ctx: HopContext, step: string): boolean {
  let writes = ctx.writers.get(step);
  if (writes === undefined) {
    writes = false;
    if (invokesFunction(ctx.ir.graph.node(step))) {
      const out = outputsOf(ctx.ir, step);
      if (!ctx.hasEdgeModes) writes = defaultDataPassingMode(out.maxBytes) === 's3';
      else for (let k = 0; k < out.successors.length && !writes; k += 1) writes = edgeMode(ctx, step, out.successors[k]!, out.bytesTo[k]!) === 's3';
    }
    ctx.writers.set(step, writes);
  }
  return writes;
}

/** The edge from → to carrying `bytes`: its S3 requests and its transfer time. */
export function s3Hop(ctx: HopContext, from: string, to: string, bytes: number): S3Hop {
  const reads = invokesFunction(ctx.ir.graph.node(to));
  let put = false;
  let get = false;
  if (invokesFunction(ctx.ir.graph.node(from))) {
    put = writesToS3(ctx, from);
    get = put && reads;
  } else {
    get = reads && edgeMode(ctx, from, to, bytes) === 's3';
  }
  return { puts: put && to === outputsOf(ctx.ir, from).successors[0] ? 1 : 0, gets: get ? 1 : 0, transferMs: hopTransferMs(put, get, bytes) };
}

/** The hop's latency: inline transfer, or the PUT and/or GET with their throughput. */
function hopTransferMs(put: boolean, get: boolean, bytes: number): number {
  if (!put && !get) return (bytes / OVERHEADS.inlineBytesPerSecond) * 1000;
  return (put ? OVERHEADS.s3PutMs : 0) + (get ? OVERHEADS.s3GetMs : 0) + (((put ? bytes : 0) + (get ? bytes : 0)) / OVERHEADS.s3BytesPerSecond) * 1000;
}

/** Every in-edge's hop of one deployment, by the skeleton's in-edge rows (estimate-skeleton.ts). */
export interface WorkflowHops {
  transferMs: Float64Array;
  puts: Uint8Array;
  gets: Uint8Array;
}

/**
 * s3Hop for every edge at once, read off the skeleton's arrays instead of the graph: the same rule and the same
 * numbers (test/sim/s3-hops.test.ts holds them equal), O(V + E) with no object per edge. Whether a step writes to
 * S3 is decided once per step here, where s3Hop keeps it in the context's map.
 */
export function workflowHops(ctx: HopContext, skeleton: EstimateSkeleton): WorkflowHops {
  const { order, invokes, predStart, predFrom, predBytes, predIsFirstOut, succStart, succTo, succBytes, maxOutBytes } = skeleton;
  const n = order.length;
  const writes = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    if (invokes[i] === 0) continue;
    if (!ctx.hasEdgeModes) {
      writes[i] = defaultDataPassingMode(maxOutBytes[i]!) === 's3' ? 1 : 0;
      continue;
    }
    for (let k = succStart[i]!; k < succStart[i + 1]! && writes[i] === 0; k += 1) writes[i] = edgeMode(ctx, order[i]!, order[succTo[k]!]!, succBytes[k]!) === 's3' ? 1 : 0;
  }
  const edges = predFrom.length;
  const hops: WorkflowHops = { transferMs: new Float64Array(edges), puts: new Uint8Array(edges), gets: new Uint8Array(edges) };
  for (let to = 0; to < n; to += 1) {
    const reads = invokes[to] === 1;
    for (let k = predStart[to]!; k < predStart[to + 1]!; k += 1) {
      const from = predFrom[k]!;
      const bytes = predBytes[k]!;
      let put = false;
      let get = false;
      if (invokes[from] === 1) {
        put = writes[from] === 1;
        get = put && reads;
      } else {
        get = reads && edgeMode(ctx, order[from]!, order[to]!, bytes) === 's3';
      }
      hops.transferMs[k] = hopTransferMs(put, get, bytes);
      hops.puts[k] = put && predIsFirstOut[k] === 1 ? 1 : 0;
      hops.gets[k] = get ? 1 : 0;
    }
  }
  return hops;
}

interface Outputs {
  /** In id order. */
  successors: readonly string[];
  bytesTo: readonly number[];
  maxBytes: number;
}

const outputsMemo = new GraphMemo<Outputs>();

/** A step's successors and out-edge bytes, per graph (graph-memo.ts): every estimate of a graph asks for the same ones. */
function outputsOf(ir: IR, step: string): Outputs {
  return outputsMemo.get(ir, step, () => {
    const successors = [...(ir.graph.successors(step) ?? [])].sort();
    const bytesTo = successors.map((next) => ir.graph.edge(step, next).bytes);
    return { successors, bytesTo, maxBytes: Math.max(0, ...bytesTo) };
  });
}

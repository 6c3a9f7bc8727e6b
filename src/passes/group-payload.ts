// What a fused run's merged state costs in S3 hops, for the frontier's fused leaf (structural-options.ts
// fusionCurves). A fusion group is one Task state, so it receives all its members' inputs from outside the run in
// one payload; inputs that each fit a member's own state may pass the 256 KB state limit together, and the
// data-passing pass after sizing then sends the largest through S3 (data-passing.ts: largest first until the rest
// fits). The members' leaves are probed alone and carry no hop, so without this the frontier priced a run of 8 of
// sebs-excamera's rebase steps (8 × 64 KB from reencode) as inline, picked it, and the plan paid an S3 PUT and GET
// ($5.40 per 1M) and their latency that the frontier never weighed against shorter runs that fit.
// Mirrors the estimator's bill (src/sim/s3-hops.ts): a writer PUTs its output once however many edges read it, so a
// source that already writes to S3 adds no PUT; the group reads each source's object once (its in-edges from one
// source merge into one hop: src/sim/fused-view.ts). Latency: the PUT and GET round trips and the bytes at the S3
// throughput of one vCPU or more (a lower bound: less below 1 vCPU), less the inline transfer they replace.
// Complexity: O(inputs log inputs) per run.
import { edgeKey } from '../ir/deployment.ts';
import { OVERHEADS, pricesFor, STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';
import { inputsThroughS3, worstCaseBytes } from './data-passing.ts';
import type { SizingContext } from './frontier-sizing.ts';

export interface MergedInputHops {
  /** Sources whose data the merged payload sends through S3 that did not go through S3 before. */
  sources: string[];
  costUsd: number;
  latencyMs: number;
}

const NONE: MergedInputHops = { sources: [], costUsd: 0, latencyMs: 0 };

export function mergedInputHops(ctx: Pick<SizingContext, 'ir' | 'base'>, steps: readonly string[]): MergedInputHops {
  const { ir, base } = ctx;
  const inside = new Set(steps);
  const inputs: Array<{ from: string; key: string; bytes: number }> = [];
  let totalBytes = 0;
  for (const to of steps) {
    for (const from of ir.graph.predecessors(to) ?? []) {
      if (inside.has(from)) continue;
      const bytes = worstCaseBytes(ir, from, to);
      inputs.push({ from, key: edgeKey(from, to), bytes });
      totalBytes += bytes;
    }
  }
  const limit = STEP_FUNCTIONS_LIMITS.statePayloadBytes;
  if (totalBytes <= limit) return NONE;
  // The data-passing pass's own rule (forced inputs, then the largest until the rest fits); forced ones were in S3 already.
  const moved = new Map<string, number>();
  for (const input of inputsThroughS3(inputs, totalBytes, (key) => base.edges[key] === 's3')) {
    if (base.edges[input.key] !== 's3') moved.set(input.from, (moved.get(input.from) ?? 0) + input.bytes);
  }
  if (moved.size === 0) return NONE;
  const prices = pricesFor(ir.region);
  let costUsd = 0;
  let latencyMs = 0;
  const sources = [...moved.keys()].sort();
  for (const from of sources) {
    const bytes = moved.get(from)!;
    const writes = (ir.graph.successors(from) ?? []).some((to) => base.edges[edgeKey(from, to)] === 's3');
    costUsd += (writes ? 0 : prices.s3PutUsd) + prices.s3GetUsd;
    const s3Ms = (writes ? 0 : OVERHEADS.s3PutMs) + OVERHEADS.s3GetMs + ((writes ? 1 : 2) * bytes * 1000) / OVERHEADS.s3BytesPerSecond;
    latencyMs += Math.max(0, s3Ms - (bytes * 1000) / OVERHEADS.inlineBytesPerSecond);
  }
  return { sources, costUsd, latencyMs };
}

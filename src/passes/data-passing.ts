// Data passing (SONIC): how each edge's data moves.
//  - in-process: both ends in one fusion group — the value stays in the
//    Lambda's memory (set by fusion; never over a limit);
//  - inline: in the Step Functions state. Every Lambda input a state hands
//    over is one payload of at most 256 KB (statePayloadBytes): all of a
//    state's inline inputs together, a map's at its widest draw, must fit;
//  - S3: the writer PUTs, the state carries a pointer, the reader GETs
//    (latency, throughput and request prices from the platform table).
// Inline is both faster and cheaper than S3 whenever it fits (no PUT/GET
// round trips, no request charges), so the choice is decided by the limits:
// per receiving state, the inputs are kept inline largest-last — the
// largest moves to S3 until the rest fits — so no emitted payload is ever
// over its limit. Runs before sizing (the search then prices the S3 hops)
// and again after it, when fusion has merged states (a fused group receives
// the inputs of all its members in one payload).
// Complexity: O(E log E).
import { edgeKey, type DataPassingMode, type Deployment } from '../ir/deployment.ts';
import type { IR } from '../ir/types.ts';
import { maxWidth, meanWidth } from '../ir/width.ts';
import { STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';
import { DecisionLog } from './decision-log.ts';
import { defaultDataPassingMode } from './data-passing-default.ts';
import type { Pass } from './pass.ts';

export const DATA_PASSING = 'data-passing';
const MAX_EDGE_DECISIONS = 200;

/** The bytes an edge can carry in one execution at the widest draw of a map that writes it. */
export function worstCaseBytes(ir: IR, from: string, to: string, bytes = ir.graph.edge(from, to).bytes): number {
  const node = ir.graph.node(from);
  return node.kind === 'map' ? (bytes * maxWidth(node.width)) / Math.max(meanWidth(node.width), 1e-9) : bytes;
}

/**
 * The inputs of one receiving state that go through S3: the ones the deployment forces there, and the largest of the
 * rest (ties by edge key) until what stays inline fits the state payload limit — so the inputs left inline are the
 * smallest. `totalBytes`: the inputs' sum. Sorts `inputs` by size, then key (largest last); the set holds them largest
 * first. Shared with the
 * frontier's price of a fused run's merged input (group-payload.ts), so both apply one rule.
 */
export function inputsThroughS3<T extends { key: string; bytes: number }>(inputs: T[], totalBytes: number, forced: (key: string) => boolean): Set<T> {
  inputs.sort((a, b) => a.bytes - b.bytes || (a.key < b.key ? -1 : 1));
  let inlineBytes = totalBytes;
  const viaS3 = new Set<T>();
  for (let i = inputs.length - 1; i >= 0; i -= 1) {
    const input = inputs[i]!;
    if (inlineBytes <= STEP_FUNCTIONS_LIMITS.statePayloadBytes && !forced(input.key)) continue;
    viaS3.add(input);
    inlineBytes -= input.bytes;
  }
  return viaS3;
}

export interface DataPassingResult {
  edges: Record<string, DataPassingMode>;
  decisions: ReturnType<DecisionLog['list']>;
}

/**
 * changesOnly: return only the edges whose mode is not their per-edge default (defaultDataPassingMode), which is
 * what the search's deployments carry (dataPassingPass). A state whose inputs fit whole has none: each input's
 * bytes are at most its worst case, at most the state's total, within the limit — so its inputs are never
 * visited twice, and a 10k-step workflow builds a handful of keys instead of one per edge.
 */
export function chooseDataPassing(ir: IR, deployment: Deployment, options: { changesOnly?: boolean } = {}): DataPassingResult {
  const changesOnly = options.changesOnly === true;
  const log = new DecisionLog(DATA_PASSING);
  const limit = STEP_FUNCTIONS_LIMITS.statePayloadBytes;
  const groupOf = new Map<string, string>();
  for (const [id, group] of Object.entries(deployment.groups ?? {})) for (const step of group.steps) groupOf.set(step, id);
  const stateOf = (step: string) => groupOf.get(step) ?? step;
  const edges: Record<string, DataPassingMode> = {};
  // Per receiving state, its inputs from other states, in the graph's order: the states are judged in id order
  // and a state's inputs by size then edge key (below), so neither the modes nor the log depend on that order.
  const inputsOf = new Map<string, Array<{ key: string; bytes: number; edgeBytes: number }>>();
  let inProcess = 0;
  for (const w of ir.graph.nodes()) {
    for (const v of ir.graph.predecessors(w) ?? []) {
      const key = edgeKey(v, w);
      if (stateOf(v) === stateOf(w)) {
        edges[key] = 'in-process';
        inProcess += 1;
        continue;
      }
      let list = inputsOf.get(stateOf(w));
      if (!list) inputsOf.set(stateOf(w), (list = []));
      const edgeBytes = ir.graph.edge(v, w).bytes;
      list.push({ key, bytes: worstCaseBytes(ir, v, w, edgeBytes), edgeBytes });
    }
  }
  let s3 = 0;
  let inline = 0;
  for (const state of [...inputsOf.keys()].sort()) {
    const inputs = inputsOf.get(state)!;
    let totalBytes = 0;
    let forcedAny = false;
    for (const input of inputs) {
      totalBytes += input.bytes;
      if (deployment.edges[input.key] === 's3') forcedAny = true;
    }
    // Most states fit whole: every input inline, no sort.
    if (totalBytes <= limit && !forcedAny) {
      if (!changesOnly) for (const input of inputs) edges[input.key] = 'inline';
      inline += inputs.length;
      continue;
    }
    const viaS3 = inputsThroughS3(inputs, totalBytes, (key) => deployment.edges[key] === 's3');
    for (let i = inputs.length - 1; i >= 0; i -= 1) {
      const input = inputs[i]!;
      if (!viaS3.has(input)) {
        if (!changesOnly || defaultDataPassingMode(input.edgeBytes) !== 'inline') edges[input.key] = 'inline';
        inline += 1;
        continue;
      }
      const forced = deployment.edges[input.key] === 's3';
      if (!changesOnly || defaultDataPassingMode(input.edgeBytes) !== 's3') edges[input.key] = 's3';
      s3 += 1;
      if (s3 <= MAX_EDGE_DECISIONS) {
        log.record('passed', input.key, forced ? 'through S3, as the plan set it' : "through S3: the receiving state's inline inputs would pass the Step Functions payload limit", {
          bytes: input.bytes,
          stateInputBytes: totalBytes,
          statePayloadLimitBytes: limit,
        });
      }
    }
  }
  log.record('analysis', 'app', 'data passing: in-process inside fusion groups, inline while every state payload fits 256 KB, S3 for the rest', { inlineEdges: inline, s3Edges: s3, inProcessEdges: inProcess });
  return { edges, decisions: log.list() };
}

/**
 * final: write every edge's mode (what codegen renders). Before sizing only the modes that differ from the
 * estimator's per-edge default are written: the search's deployments then carry a handful of edges, not one
 * entry per edge of a 10k-step workflow in every estimate's memo key.
 */
export function dataPassingPass(final: boolean): Pass {
  return {
    name: DATA_PASSING,
    summary: 'in-process inside fusion groups, inline while each state payload fits 256 KB, S3 for the rest',
    run(state) {
      const chosen = chooseDataPassing(state.ir, state.deployment, { changesOnly: !final });
      return { ir: state.ir, deployment: { ...state.deployment, edges: chosen.edges }, decisions: chosen.decisions };
    },
  };
}

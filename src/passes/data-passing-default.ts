// Data passing, default rule made explicit: every edge passes its data inline
// through Step Functions when it fits the state payload limit, else through
// S3 — exactly what the estimator assumes for an edge the deployment leaves
// open. Writing it into the deployment lets codegen render every edge without
// deciding anything. A data-passing pass that chooses jointly with memory
// (inline vs S3 by latency and cost) replaces this rule in a later issue.
// Complexity: O(E).
import { edgeKey, type DataPassingMode } from '../ir/deployment.ts';
import { STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';
import { DecisionLog } from './decision-log.ts';
import type { Pass } from './pass.ts';

export const DATA_PASSING = 'data-passing';
const MAX_EDGE_DECISIONS = 200;

/** The mode an edge gets when the deployment leaves it open (the estimator assumes the same). */
export function defaultDataPassingMode(bytes: number): DataPassingMode {
  return bytes <= STEP_FUNCTIONS_LIMITS.statePayloadBytes ? 'inline' : 's3';
}

export const dataPassingDefaultPass: Pass = {
  name: DATA_PASSING,
  summary: 'inline data passing for edges whose data fits the state payload limit, S3 for the rest',
  run(state) {
    const log = new DecisionLog(DATA_PASSING);
    const edges = { ...state.deployment.edges };
    let inline = 0;
    let s3 = 0;
    for (const { v, w } of [...state.ir.graph.edges()].sort((a, b) => (a.v === b.v ? (a.w < b.w ? -1 : 1) : a.v < b.v ? -1 : 1))) {
      const key = edgeKey(v, w);
      if (edges[key]) continue;
      const bytes = state.ir.graph.edge(v, w).bytes;
      const mode = defaultDataPassingMode(bytes);
      edges[key] = mode;
      if (mode === 'inline') inline += 1;
      else {
        s3 += 1;
        // Each S3 edge is logged up to a bound; the summary below counts them all.
        if (s3 <= MAX_EDGE_DECISIONS) log.record('passed', key, 'through S3: the data does not fit a Step Functions state', { bytes, statePayloadLimitBytes: STEP_FUNCTIONS_LIMITS.statePayloadBytes });
      }
    }
    log.record('analysis', 'app', 'default data passing: inline where it fits the state payload limit, else S3', { inlineEdges: inline, s3Edges: s3 });
    return { ir: state.ir, deployment: { ...state.deployment, edges }, decisions: log.list() };
  },
};

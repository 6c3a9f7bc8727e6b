// A closed-form estimator of cold starts for the prewarm pass's tests (test/passes/prewarm*.test.ts).
import type { Deployment } from '../../src/ir/deployment.ts';
import { topologicalOrder } from '../../src/ir/topological-order.ts';
import { invokesFunction, type IR } from '../../src/ir/types.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';

/**
 * A closed-form estimator of cold starts, so every number below is worked by hand: each invoking step takes
 * WORK_MS plus its cold start unless it is warmed (a warm-up ping or provisioned concurrency); a Batch step never
 * starts cold. The workflow's latency is its longest path, the same at every percentile. Cost: WORK_USD per
 * step, pingUsd per warmed-by step, provisionedUsd per provisioned environment.
 */
export const WORK_MS = 100;
/** Costs in dyadic fractions of a unit, so the sums below are exact in floating point. */
const WORK_USD = 1;

export function coldStartEstimator(coldMs: Record<string, number>, prices: { pingUsd: number; provisionedUsd: number }): EstimateFn & { seen: Deployment[] } {
  const seen: Deployment[] = [];
  const estimate = (ir: IR, deployment: Deployment): EstimateSummary => {
    seen.push(deployment);
    const finish = new Map<string, number>();
    let costUsd = 0;
    let lengthMs = 0;
    for (const id of topologicalOrder(ir)) {
      const node = ir.graph.node(id);
      const start = Math.max(0, ...(ir.graph.predecessors(id) ?? []).map((p) => finish.get(p)!));
      let ownMs = 0;
      if (invokesFunction(node)) {
        const step = deployment.steps[id] ?? {};
        const warm = step.warmedBy !== undefined || (step.prewarm ?? 0) > 0 || deployment.functions[node.functionName]?.batch !== undefined;
        ownMs = WORK_MS + (warm ? 0 : (coldMs[id] ?? 0));
        costUsd += WORK_USD + (step.warmedBy !== undefined ? prices.pingUsd : 0) + (step.prewarm ?? 0) * prices.provisionedUsd;
      }
      finish.set(id, start + ownMs);
      lengthMs = Math.max(lengthMs, start + ownMs);
    }
    return {
      latencyMs: { p50: lengthMs, p90: lengthMs, p95: lengthMs, p99: lengthMs, max: lengthMs },
      costUsd,
      breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 },
    };
  };
  return Object.assign(estimate, { seen });
}

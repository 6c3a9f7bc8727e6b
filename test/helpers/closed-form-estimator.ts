// A closed-form EstimateFn for tests (and for the benches until the Monte
// Carlo estimator lands): every step takes its function's fitted median
// duration, serialMs + parallelMs / min(memory / 1769, maxUsefulVcpu); a map's
// items run side by side (in waves of maxConcurrency when bounded); the
// end-to-end latency is the longest path, the same at every percentile; the
// cost is GB-seconds × a price per architecture, weighted by how often a step
// runs (choice probabilities) and, for a map, by its mean width.
// Deterministic and exact, so tests can compute optima by hand or brute force.
import { constantCalibration } from './constant-calibration.ts';
import { criticalPath } from '../../src/ir/critical-path.ts';
import { topologicalOrder } from '../../src/ir/topological-order.ts';
import type { Deployment } from '../../src/ir/deployment.ts';
import { invokesFunction, type Architecture, type IR, type InvokingNode } from '../../src/ir/types.ts';
import { meanWidth } from '../../src/ir/width.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';

/** Test prices (us-east-1 list prices per GB-second in 2024), only for this closed form. */
export const TEST_PRICE_PER_GB_SECOND_USD: Record<Architecture, number> = { x86_64: 0.0000166667, arm64: 0.0000133334 };
const MB_PER_VCPU = 1769;

export function fittedMedianMs(profile: FunctionProfile | undefined, memoryMb: number, architecture: Architecture): number {
  const model = profile?.architectures[architecture]?.model;
  if (!model) throw new Error(`closed-form estimator: no fitted model for ${profile?.function ?? '?'} on ${architecture}`);
  return model.serialMs + model.parallelMs / Math.min(memoryMb / MB_PER_VCPU, model.maxUsefulVcpu);
}

export interface CountingEstimateFn extends EstimateFn {
  calls(): number;
}

export function closedFormEstimator(profiles: ReadonlyMap<string, FunctionProfile>): CountingEstimateFn {
  let calls = 0;
  const estimate = (ir: IR, deployment: Deployment): EstimateSummary => {
    calls++;
    const order = topologicalOrder(ir);
    const latency = new Map<string, number>();
    let costUsd = 0;
    const runProbability = runProbabilities(ir, order);
    for (const id of order) {
      const node = ir.graph.node(id);
      if (!invokesFunction(node)) {
        latency.set(id, 0);
        continue;
      }
      const config = deployment.functions[node.functionName];
      if (!config) throw new Error(`closed-form estimator: no deployment for ${node.functionName}`);
      const durationMs = fittedMedianMs(profiles.get(node.functionName), config.memoryMb, config.architecture);
      latency.set(id, durationMs * waves(node));
      const invocations = node.kind === 'map' ? meanWidth(node.width) : 1;
      costUsd += runProbability.get(id)! * invocations * (config.memoryMb / 1024) * (durationMs / 1000) * TEST_PRICE_PER_GB_SECOND_USD[config.architecture];
    }
    const lengthMs = criticalPath(ir, (id) => latency.get(id)!, order).lengthMs;
    return {
      latencyMs: { p50: lengthMs, p90: lengthMs, p95: lengthMs, p99: lengthMs, max: lengthMs },
      costUsd,
      breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 },
    };
  };
  // It charges no orchestration latency: the optimizer's closed forms are told so, to agree with it.
  return Object.assign(estimate, { calls: () => calls, calibration: constantCalibration({ taskMs: 0 }) });
}

function waves(node: InvokingNode): number {
  if (node.kind !== 'map' || node.maxConcurrency === 0) return 1;
  return Math.ceil(meanWidth(node.width) / node.maxConcurrency);
}

/** A step runs when any way into it is taken: the sum over in-edges, capped at 1 (exact for the shapes tests build). */
function runProbabilities(ir: IR, order: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const id of order) {
    const preds = ir.graph.predecessors(id) ?? [];
    if (preds.length === 0) {
      result.set(id, 1);
      continue;
    }
    let p = 0;
    for (const pred of preds) {
      const from = ir.graph.node(pred);
      p += result.get(pred)! * (from.kind === 'choice' ? (from.branchProbabilities[id] ?? 0) : 1);
    }
    result.set(id, Math.min(1, p));
  }
  return result;
}

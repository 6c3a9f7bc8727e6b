// Orchestration type: Standard or Express, per workflow. Standard bills every
// state transition ($25 per million); Express bills a request and 64 MB for
// the execution's duration, so a workflow of short functions and maps pays
// far less under Express. Express cannot be used when:
//  - a step needs a `.sync` integration (an AWS Batch job for a GPU step:
//    Express does not support the run-a-job pattern);
//  - the workflow's pessimistic duration exceeds Express's 5-minute limit:
//    judged on the slowest execution of the estimate (its max), not the mean;
// and it runs at least once rather than exactly once, so a plan that chooses
// it states that every step must be idempotent (logged, shown by explain).
// The choice is made jointly with memory: memory sizing runs under each
// candidate type (the leaves' costs differ) and the cheapest plan that meets
// the SLO and the type's limits wins; the loser's cost is logged beside it.
// Complexity: O(functions) for the candidates; the sizing runs are the cost.
import type { Deployment, Orchestration } from '../ir/deployment.ts';
import type { IR, Slo } from '../ir/types.ts';
import { STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';
import type { DecisionLog } from './decision-log.ts';
import { latencyAt, type EstimateSummary } from './estimator-port.ts';

export const ORCHESTRATION = 'orchestration';

export interface OrchestrationCandidates {
  candidates: Orchestration[];
  /** Why Express is out, when it is. */
  expressExcluded?: string;
}

/** The types worth sizing under, Express first (it is usually the cheaper). */
export function orchestrationCandidates(ir: IR, deployment: Deployment): OrchestrationCandidates {
  const batch = Object.keys(deployment.functions).filter((fn) => deployment.functions[fn]!.batch).sort();
  if (batch.length > 0) return { candidates: ['standard'], expressExcluded: `${batch.join(', ')} run as AWS Batch jobs through submitJob.sync, which Express workflows do not support` };
  return { candidates: ['express', 'standard'] };
}

/** Whether a plan's estimate keeps within Express's limit on its slowest execution. */
export function fitsExpress(summary: EstimateSummary): boolean {
  return summary.latencyMs.max <= STEP_FUNCTIONS_LIMITS.expressMaxDurationMs;
}

export interface SizedUnder<T> {
  orchestration: Orchestration;
  summary: EstimateSummary;
  payload: T;
  /** Which search made the plan, when several plans of one type compete ("memory alone"): the log names each rejected one by it. */
  origin?: string;
}

/** The cheapest sized plan that meets the SLO and its type's limits; when none meets the SLO, the fastest. Logs the decision with the rejected type's numbers. */
export function chooseOrchestration<T>(sized: ReadonlyArray<SizedUnder<T>>, slo: Slo, log: DecisionLog, excluded?: string): SizedUnder<T> {
  const allowed = sized.filter((s) => s.orchestration !== 'express' || fitsExpress(s.summary));
  const meets = (s: SizedUnder<T>) => latencyAt(s.summary, slo.percentile) <= slo.latencyMs;
  const pool = allowed.length > 0 ? allowed : [...sized];
  const feasible = pool.filter(meets).sort((a, b) => a.summary.costUsd - b.summary.costUsd);
  const chosen = feasible[0] ?? [...pool].sort((a, b) => latencyAt(a.summary, slo.percentile) - latencyAt(b.summary, slo.percentile))[0]!;
  const rejected: Array<{ option: string; reason: string; numbers: Record<string, number> }> = sized
    .filter((s) => s.orchestration !== chosen.orchestration)
    .map((s) => ({
      option: s.origin ? `${s.orchestration} (${s.origin})` : s.orchestration,
      reason: s.orchestration === 'express' && !fitsExpress(s.summary) ? `its slowest execution (${Math.round(s.summary.latencyMs.max)} ms) exceeds Express's 5-minute limit` : !meets(s) && meets(chosen) ? 'misses the SLO' : 'dearer at the SLO',
      numbers: { costUsd: s.summary.costUsd, latencyMs: latencyAt(s.summary, slo.percentile), maxLatencyMs: s.summary.latencyMs.max },
    }));
  if (excluded) rejected.push({ option: 'express', reason: excluded, numbers: {} });
  const idempotency = chosen.orchestration === 'express' ? ': executions run at least once, so every step must be idempotent' : '';
  log.record('passed', 'app', `${chosen.orchestration} workflow${idempotency}`, { costUsd: chosen.summary.costUsd, latencyMs: latencyAt(chosen.summary, slo.percentile), maxLatencyMs: chosen.summary.latencyMs.max }, rejected);
  return chosen;
}

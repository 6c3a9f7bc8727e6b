// The numbers of two plans side by side: the workflow's cost (per execution,
// per million executions, and by what AWS bills), its predicted p50/p95/p99,
// whether each plan meets its own SLO, and per function its memory,
// architecture, the latency of its slowest step at the SLO's percentile and
// its cost. A plan.json carries per-function numbers only at the SLO's
// percentile, so that is what the per-function rows compare. Pure: two Plan
// values in, one value out; nothing read, nothing decided about gating.
import type { Plan } from '../codegen/plan.ts';
import type { CostBreakdown } from '../passes/estimator-port.ts';
import { numberDelta, type NumberDelta } from './number-delta.ts';

const PER_MILLION = 1_000_000;

export const BREAKDOWN_PARTS: ReadonlyArray<keyof CostBreakdown> = ['lambdaComputeUsd', 'lambdaRequestsUsd', 'stepFunctionsUsd', 's3Usd', 'provisionedConcurrencyUsd', 'batchUsd'];

export interface WorkflowDelta {
  costPerExecutionUsd: NumberDelta;
  costPerMillionExecutionsUsd: NumberDelta;
  latencyMs: { p50: NumberDelta; p95: NumberDelta; p99: NumberDelta };
  /** Each part of the bill, per million executions. */
  breakdownPerMillionExecutionsUsd: Record<keyof CostBreakdown, NumberDelta>;
}

export interface SloSide {
  percentile: string;
  latencyMs: number;
  /** The plan's predicted latency at that percentile. */
  predictedMs: number;
  meets: boolean;
}

export interface SloComparison {
  old: SloSide;
  new: SloSide;
  /** The objective itself changed (percentile or latency). */
  changed: boolean;
  /** The old plan met its SLO and the new one misses its own: always a regression. */
  newlyMissed: boolean;
}

export interface FunctionDelta {
  function: string;
  presence: 'both' | 'added' | 'removed';
  memoryMb: { old: number | null; new: number | null };
  architecture: { old: string | null; new: string | null };
  /** The function's slowest step run alone, at each plan's SLO percentile. */
  stepLatencyMs: NumberDelta;
  costPerExecutionUsd: NumberDelta;
  costPerMillionExecutionsUsd: NumberDelta;
}

export interface PlanNumbers {
  workflow: WorkflowDelta;
  slo: SloComparison;
  functions: FunctionDelta[];
}

export function comparePlanNumbers(oldPlan: Plan, newPlan: Plan): PlanNumbers {
  return { workflow: workflowDelta(oldPlan, newPlan), slo: sloComparison(oldPlan, newPlan), functions: functionDeltas(oldPlan, newPlan) };
}

function workflowDelta(oldPlan: Plan, newPlan: Plan): WorkflowDelta {
  const a = oldPlan.predicted;
  const b = newPlan.predicted;
  const breakdown = {} as Record<keyof CostBreakdown, NumberDelta>;
  // An absent part (batchUsd in a workflow without accelerator steps) costs nothing.
  for (const part of BREAKDOWN_PARTS) breakdown[part] = numberDelta((a.cost.breakdown[part] ?? 0) * PER_MILLION, (b.cost.breakdown[part] ?? 0) * PER_MILLION);
  return {
    costPerExecutionUsd: numberDelta(a.cost.perExecutionUsd, b.cost.perExecutionUsd),
    costPerMillionExecutionsUsd: numberDelta(a.cost.perMillionExecutionsUsd, b.cost.perMillionExecutionsUsd),
    latencyMs: { p50: numberDelta(a.latencyMs.p50, b.latencyMs.p50), p95: numberDelta(a.latencyMs.p95, b.latencyMs.p95), p99: numberDelta(a.latencyMs.p99, b.latencyMs.p99) },
    breakdownPerMillionExecutionsUsd: breakdown,
  };
}

function sloSide(plan: Plan): SloSide {
  return { percentile: plan.slo.percentile, latencyMs: plan.slo.latencyMs, predictedMs: plan.predicted.latencyMs[plan.slo.percentile], meets: plan.predicted.meetsSlo };
}

function sloComparison(oldPlan: Plan, newPlan: Plan): SloComparison {
  const a = sloSide(oldPlan);
  const b = sloSide(newPlan);
  return { old: a, new: b, changed: a.percentile !== b.percentile || a.latencyMs !== b.latencyMs, newlyMissed: a.meets && !b.meets };
}

function functionDeltas(oldPlan: Plan, newPlan: Plan): FunctionDelta[] {
  const names = [...new Set([...Object.keys(oldPlan.functions), ...Object.keys(newPlan.functions)])].sort();
  return names.map((name) => {
    const a = oldPlan.functions[name];
    const b = newPlan.functions[name];
    const perExecution = (perMillion: number | undefined) => (perMillion === undefined ? null : perMillion / PER_MILLION);
    return {
      function: name,
      presence: a && b ? 'both' : a ? 'removed' : 'added',
      memoryMb: { old: a?.memoryMb ?? null, new: b?.memoryMb ?? null },
      architecture: { old: a?.architecture ?? null, new: b?.architecture ?? null },
      stepLatencyMs: numberDelta(a?.stepLatencyMs, b?.stepLatencyMs),
      costPerExecutionUsd: numberDelta(perExecution(a?.costPerMillionExecutionsUsd), perExecution(b?.costPerMillionExecutionsUsd)),
      costPerMillionExecutionsUsd: numberDelta(a?.costPerMillionExecutionsUsd, b?.costPerMillionExecutionsUsd),
    };
  });
}

// plan.json: what dagc decided for an app and what it predicts, rendered from
// the optimizer's result. It decides nothing. Versioned (schemaVersion) and
// validated against plan.schema.json; no absolute paths, no secrets, no
// timestamps, so the same inputs give the same bytes.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { Deployment, StepDeployment, DataPassingMode } from '../ir/deployment.ts';
import type { IR, Percentile } from '../ir/types.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { Decision } from '../passes/decision-log.ts';
import type { CostBreakdown, EstimateSummary, LatencySummary } from '../passes/estimator-port.ts';

export const PLAN_SCHEMA_VERSION = 1;
const EXECUTIONS_PER_MILLION = 1_000_000;

export interface PlanPrediction {
  latencyMs: LatencySummary;
  meetsSlo: boolean;
  cost: { perExecutionUsd: number; perMillionExecutionsUsd: number; breakdown: CostBreakdown };
}

export interface Plan {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  app: string;
  /** app.yaml, relative to the plan's folder. */
  appFile: string;
  region: string;
  slo: { percentile: Percentile; latencyMs: number };
  strategy: string;
  estimator: { method: string; samples: number; seed: number };
  orchestration: Deployment['orchestration'];
  functions: Record<string, { memoryMb: number; architecture: string; todayMemoryMb: number; todayArchitecture: string }>;
  steps: Record<string, StepDeployment>;
  edges: Record<string, DataPassingMode>;
  structure: { seriesParallel: boolean; addedEdges: Array<{ from: string; to: string }> };
  predicted: PlanPrediction;
  today: PlanPrediction;
  /** Cost saved per million executions against today's settings (negative: the plan costs more, e.g. to meet the SLO). */
  savingPerMillionExecutionsUsd: number;
  profiles: Array<{ function: string; sourceKind: string; sha256: string }>;
  decisions: Decision[];
}

export interface PlanInput {
  ir: IR;
  appFile: string;
  strategy: string;
  estimator: Plan['estimator'];
  deployment: Deployment;
  today: Deployment;
  predicted: EstimateSummary;
  todaySummary: EstimateSummary;
  addedEdges: Array<{ from: string; to: string }>;
  profiles: ReadonlyMap<string, { profile: FunctionProfile; bytes: string }>;
  decisions: Decision[];
}

export function buildPlan(input: PlanInput): Plan {
  const slo = input.ir.slo!;
  const functions: Plan['functions'] = {};
  for (const name of [...input.ir.functions.keys()].sort()) {
    const chosen = input.deployment.functions[name]!;
    const today = input.today.functions[name]!;
    functions[name] = { memoryMb: chosen.memoryMb, architecture: chosen.architecture, todayMemoryMb: today.memoryMb, todayArchitecture: today.architecture };
  }
  const predicted = prediction(input.predicted, slo.percentile, slo.latencyMs);
  const today = prediction(input.todaySummary, slo.percentile, slo.latencyMs);
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    app: input.ir.name,
    appFile: input.appFile,
    region: input.ir.region,
    slo: { percentile: slo.percentile, latencyMs: slo.latencyMs },
    strategy: input.strategy,
    estimator: input.estimator,
    orchestration: input.deployment.orchestration,
    functions,
    steps: input.deployment.steps,
    edges: input.deployment.edges,
    structure: { seriesParallel: input.addedEdges.length === 0, addedEdges: input.addedEdges },
    predicted,
    today,
    savingPerMillionExecutionsUsd: today.cost.perMillionExecutionsUsd - predicted.cost.perMillionExecutionsUsd,
    profiles: [...input.profiles.keys()].sort().map((fn) => {
      const { profile, bytes } = input.profiles.get(fn)!;
      return { function: fn, sourceKind: profile.source.kind, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
    decisions: input.decisions,
  };
}

function prediction(summary: EstimateSummary, percentile: Percentile, sloMs: number): PlanPrediction {
  return {
    latencyMs: summary.latencyMs,
    meetsSlo: summary.latencyMs[percentile] <= sloMs,
    cost: { perExecutionUsd: summary.costUsd, perMillionExecutionsUsd: summary.costUsd * EXECUTIONS_PER_MILLION, breakdown: summary.breakdown },
  };
}

const require = createRequire(import.meta.url);
export const planSchema = require('./plan.schema.json') as Record<string, unknown>;
const validatePlanSchema = new Ajv({ allErrors: true, strict: true }).compile(planSchema);

/** Schema problems of a plan as "path: message" lines; empty when valid. */
export function planSchemaErrors(plan: unknown): string[] {
  if (validatePlanSchema(plan)) return [];
  return (validatePlanSchema.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

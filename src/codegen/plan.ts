// plan.json: what dagc decided for an app and what it predicts, rendered from
// the optimizer's result. It decides nothing. Versioned (schemaVersion) and
// validated against plan.schema.json; no absolute paths, no secrets, no
// timestamps, sorted keys and rounded numbers (stable-json.ts), so the same
// inputs give the same bytes.
import type { ChosenCalibration } from '../calibrate/app-calibration.ts';
import type { PlatformCalibration } from '../model/calibration.ts';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { DAGC_VERSION } from './dagc-version.ts';
import type { BatchJobDeployment, DataPassingMode, Deployment, FusionGroup, StepDeployment } from '../ir/deployment.ts';
import type { Percentile } from '../ir/types.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { Decision } from '../passes/decision-log.ts';
import type { CostBreakdown, EstimateSummary, LatencySummary, MonteCarloError } from '../passes/estimator-port.ts';
import type { OptimizationResult } from '../passes/optimize.ts';

// 2: structure.addedEdges (complete bipartite staging edges) became structure.joins.
// 3: fusion groups (groups), in-process edges, map modes, warm-up pings and Batch jobs for accelerator functions.
//    Later, still 3 because optional: dagcVersion (the release that wrote the plan).
export const PLAN_SCHEMA_VERSION = 3;
const EXECUTIONS_PER_MILLION = 1_000_000;

export interface PlanPrediction {
  latencyMs: LatencySummary;
  meetsSlo: boolean;
  /** The sampling error of the SLO's percentile (absent in older plans). */
  monteCarlo?: MonteCarloError;
  cost: { perExecutionUsd: number; perMillionExecutionsUsd: number; breakdown: CostBreakdown };
}

export interface PlanFunction {
  memoryMb: number;
  architecture: string;
  todayMemoryMb: number;
  todayArchitecture: string;
  /** The function's slowest step run alone, at the SLO's percentile. */
  stepLatencyMs: number;
  costPerMillionExecutionsUsd: number;
  todayStepLatencyMs?: number;
  todayCostPerMillionExecutionsUsd?: number;
  /** Set when the function runs as an AWS Batch job rather than on Lambda. */
  batch?: BatchJobDeployment;
}

export interface Plan {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  /** The dagc release that wrote the plan (package.json's version); optional because plans written before it was recorded lack it. */
  dagcVersion?: string;
  app: string;
  /** app.yaml, relative to the plan's folder. */
  appFile: string;
  region: string;
  slo: { percentile: Percentile; latencyMs: number };
  strategy: string;
  estimator: { method: string; samples: number; seed: number };
  orchestration: Deployment['orchestration'];
  functions: Record<string, PlanFunction>;
  steps: Record<string, StepDeployment>;
  edges: Record<string, DataPassingMode>;
  /** Fusion groups (one Lambda each); absent when nothing is fused. */
  groups?: Record<string, FusionGroup>;
  /**
   * seriesParallel: emitted as written. Otherwise the DAG runs as a series of
   * Parallel states: each join waits for every step of `after` and releases
   * every step of `before` (its id keys the edges into and out of it in `edges`).
   */
  structure: { seriesParallel: boolean; joins: Array<{ id: string; after: string[]; before: string[] }> };
  predicted: PlanPrediction;
  /** Today's settings from the spec; null when they cannot run (todayProblem says why). */
  today: PlanPrediction | null;
  todayProblem?: string;
  /** Cost saved per million executions against today's settings (negative: the plan costs more, e.g. to meet the SLO). */
  savingPerMillionExecutionsUsd: number | null;
  profiles: Array<{ function: string; sourceKind: string; sha256: string }>;
  decisions: Decision[];
  /**
   * The cost–latency frontier the optimizer estimated (fastest first, each point
   * the whole-workflow estimate at the SLO's percentile and the expected cost
   * of one execution), at most MAX_PLAN_FRONTIER_POINTS. Absent for baselines,
   * which compute none. `dagc report` draws it.
   */
  frontier?: PlanFrontierPoint[];
  /** The calibration the estimates used, when one was given (--calibration, app.yaml platform:); absent: the shipped defaults. */
  calibration?: PlanCalibration;
}

export interface PlanCalibration {
  /** Where it came from: `--calibration FILE` or app.yaml's platform section. */
  origin: string;
  values: PlatformCalibration;
}

export interface PlanFrontierPoint {
  latencyMs: number;
  /** Expected cost of one execution. */
  costUsd: number;
}

/** A plan stays small and reviewable: a longer frontier is thinned to this many points. */
export const MAX_PLAN_FRONTIER_POINTS = 200;

export interface PlanInput {
  result: OptimizationResult;
  appFile: string;
  estimator: Plan['estimator'];
  profiles: ReadonlyMap<string, { profile: FunctionProfile; bytes: string }>;
  calibration?: ChosenCalibration;
}

export function buildPlan({ result, appFile, estimator, profiles, calibration }: PlanInput): Plan {
  const { ir } = result;
  const slo = { percentile: result.slo.percentile, latencyMs: result.slo.latencyMs };
  const functions: Plan['functions'] = {};
  for (const name of [...ir.functions.keys()].sort()) {
    const chosen = result.deployment.functions[name]!;
    const today = result.today.deployment.functions[name]!;
    const estimates = result.functions[name]!;
    functions[name] = {
      memoryMb: chosen.memoryMb,
      architecture: chosen.architecture,
      todayMemoryMb: today.memoryMb,
      todayArchitecture: today.architecture,
      stepLatencyMs: estimates.chosen.latencyMs,
      costPerMillionExecutionsUsd: estimates.chosen.costUsd * EXECUTIONS_PER_MILLION,
      ...(estimates.today ? { todayStepLatencyMs: estimates.today.latencyMs, todayCostPerMillionExecutionsUsd: estimates.today.costUsd * EXECUTIONS_PER_MILLION } : {}),
      ...(chosen.batch ? { batch: chosen.batch } : {}),
    };
  }
  const predicted = prediction(result.summary, slo.percentile, slo.latencyMs);
  const today = result.today.summary ? prediction(result.today.summary, slo.percentile, slo.latencyMs) : null;
  const plan: Plan = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    dagcVersion: DAGC_VERSION,
    app: ir.name,
    appFile,
    region: ir.region,
    slo,
    strategy: result.strategy,
    estimator,
    orchestration: result.deployment.orchestration,
    functions,
    steps: result.deployment.steps,
    edges: result.deployment.edges,
    ...(result.deployment.groups && Object.keys(result.deployment.groups).length > 0 ? { groups: result.deployment.groups } : {}),
    structure: { seriesParallel: result.joins.length === 0, joins: result.joins.map((j) => ({ id: j.id, after: j.after, before: j.before })) },
    predicted,
    today,
    savingPerMillionExecutionsUsd: today ? today.cost.perMillionExecutionsUsd - predicted.cost.perMillionExecutionsUsd : null,
    profiles: [...profiles.keys()].sort().map((fn) => {
      const { profile, bytes } = profiles.get(fn)!;
      return { function: fn, sourceKind: profile.source.kind, sha256: profileSha256(bytes) };
    }),
    decisions: result.decisions,
  };
  if (result.frontier.length > 0) plan.frontier = thinFrontier(result.frontier.map((row) => ({ latencyMs: row.latencyMs, costUsd: row.costUsd })), MAX_PLAN_FRONTIER_POINTS);
  if (result.today.problem) plan.todayProblem = result.today.problem.message;
  if (calibration) plan.calibration = { origin: calibration.origin, values: calibration.calibration };
  return plan;
}

/**
 * At most maxPoints of a frontier (sorted fastest first), evenly spaced by
 * index and always keeping both ends: a pure function of its input, so the
 * same frontier gives the same plan bytes.
 */
export function thinFrontier(points: readonly PlanFrontierPoint[], maxPoints: number): PlanFrontierPoint[] {
  if (points.length <= maxPoints) return [...points];
  const kept: PlanFrontierPoint[] = [];
  for (let i = 0; i < maxPoints; i += 1) kept.push(points[Math.round((i * (points.length - 1)) / (maxPoints - 1))]!);
  return kept;
}

/** The fingerprint a plan keeps of each profile it was made from (plan.profiles[].sha256). */
export function profileSha256(bytes: string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function prediction(summary: EstimateSummary, percentile: Percentile, sloMs: number): PlanPrediction {
  return {
    latencyMs: summary.latencyMs,
    meetsSlo: summary.latencyMs[percentile] <= sloMs,
    ...(summary.monteCarlo ? { monteCarlo: summary.monteCarlo } : {}),
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

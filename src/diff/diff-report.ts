// `dagc diff` as a library call: two plans (as read, with the file each came
// from) and the gate's limits in, one DiffReport out — the numbers, the
// deployment changes, the comparability notes and the gate's verdict. The
// report is plain data: --json prints it as it is (stable-json: sorted keys),
// the text and markdown renderers only lay it out. Nothing here reads files.
import type { Plan } from '../codegen/plan.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { comparabilityNotes } from './comparability.ts';
import { deploymentChanges, type DeploymentChange } from './deployment-changes.ts';
import { evaluateGate, type GateVerdict } from './gate.ts';
import type { GateLimits } from './gate-limits.ts';
import { comparePlanNumbers, type FunctionDelta, type SloComparison, type WorkflowDelta } from './plan-diff.ts';

export interface PlanIdentity {
  file: string;
  app: string;
  /** null: the plan was written before plans recorded it. */
  dagcVersion: string | null;
  strategy: string;
  region: string;
  estimator: Plan['estimator'];
  profiles: Plan['profiles'];
}

export interface DiffNote {
  code: string;
  message: string;
  hint?: string;
}

export interface DiffReport {
  old: PlanIdentity;
  new: PlanIdentity;
  workflow: WorkflowDelta;
  slo: SloComparison;
  functions: FunctionDelta[];
  changes: DeploymentChange[];
  notes: DiffNote[];
  gate: GateVerdict & { limits: { maxCostIncrease: string | null; maxP95Increase: string | null } };
}

export interface PlanSource {
  plan: Plan;
  /** As the user named it: reports show it, so no absolute path leaks in by itself. */
  file: string;
}

export function diffPlans(oldSource: PlanSource, newSource: PlanSource, limits: GateLimits = {}): DiffReport {
  const numbers = comparePlanNumbers(oldSource.plan, newSource.plan);
  return {
    old: identity(oldSource),
    new: identity(newSource),
    ...numbers,
    changes: deploymentChanges(oldSource.plan, newSource.plan),
    notes: comparabilityNotes(oldSource.plan, newSource.plan).map(note),
    gate: { ...evaluateGate(numbers, limits), limits: { maxCostIncrease: limits.maxCostIncrease?.text ?? null, maxP95Increase: limits.maxP95Increase?.text ?? null } },
  };
}

function identity({ plan, file }: PlanSource): PlanIdentity {
  return { file, app: plan.app, dagcVersion: plan.dagcVersion ?? null, strategy: plan.strategy, region: plan.region, estimator: plan.estimator, profiles: plan.profiles };
}

function note(diagnostic: Diagnostic): DiffNote {
  return { code: diagnostic.code, message: diagnostic.message, ...(diagnostic.hint ? { hint: diagnostic.hint } : {}) };
}

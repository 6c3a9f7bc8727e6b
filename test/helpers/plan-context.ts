// A PlanContext (src/sim/plan-steps.ts) as an estimate builds one, for tests that plan steps or workflows
// directly: us-east-1 prices, the shipped calibration's dispatch tables, each edge's hop read off the deployment.
import type { Deployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';
import { pricesFor } from '../../src/model/platform.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { dispatchTables } from '../../src/sim/dispatch-tables.ts';
import { estimateSkeleton } from '../../src/sim/estimate-skeleton.ts';
import { planStep, type PlanContext, type PlannedStep } from '../../src/sim/plan-steps.ts';
import { hopContext } from '../../src/sim/s3-hops.ts';

export function planContext(ir: IR, deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>, extra: Partial<PlanContext> = {}): PlanContext {
  return {
    ir,
    deployment,
    profiles,
    prices: pricesFor(ir.region),
    coldProbability: 0.1,
    hops: hopContext(ir, deployment),
    dispatch: dispatchTables(DEFAULT_CALIBRATION, deployment.orchestration),
    untimedEntries: false,
    ...extra,
  };
}

/** planStep for the step with this id. */
export function planOf(context: PlanContext, id: string): PlannedStep {
  const skeleton = estimateSkeleton(context.ir);
  return planStep(context, skeleton, skeleton.index.get(id)!);
}

// Builds a plan folder whose deployment a test chooses (fusion groups, bundle
// sizes, edge modes, map modes) from a committed fixture plan, and renders it
// with the real emitter: the optimizer does not choose these yet, and the
// equivalence tests must see each of them active.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeRenderedPlan } from '../../src/codegen/emit-plan.ts';
import { loadPlannedApp } from '../../src/codegen/plan-deployment.ts';
import type { Plan } from '../../src/codegen/plan.ts';
import { projectRoot } from './run-cli.ts';

export interface PlanChanges {
  groups?: Plan['groups'];
  steps?: Plan['steps'];
  edges?: Plan['edges'];
  /** Run every Batch-job function on Lambda instead (dagc run --local cannot run a Batch job: DAGC0425). */
  batchOnLambda?: boolean;
  /** Deploy as this workflow type (dagc calibrate reads histories only of Standard machines, as AWS keeps only theirs). */
  orchestration?: Plan['orchestration'];
}

export async function forcedPlan(app: string, changes: PlanChanges): Promise<string> {
  const plan = JSON.parse(readFileSync(path.join(projectRoot, 'plans', app, 'plan.json'), 'utf8')) as Plan;
  const dir = mkdtempSync(path.join(tmpdir(), `dagc-forced-${app}-`));
  plan.appFile = path.relative(dir, path.join(projectRoot, 'fixtures', app, 'app.yaml'));
  if (changes.groups) {
    // The test's groups replace the plan's: no step stays a member of a group that is gone.
    plan.groups = changes.groups;
    for (const [id, step] of Object.entries(plan.steps)) {
      if (step.fusionGroup !== undefined && !(step.fusionGroup in changes.groups)) {
        const { fusionGroup: _gone, ...rest } = step;
        plan.steps[id] = rest;
      }
    }
  }
  plan.steps = { ...plan.steps, ...(changes.steps ?? {}) };
  plan.edges = { ...plan.edges, ...(changes.edges ?? {}) };
  if (changes.orchestration) plan.orchestration = changes.orchestration;
  if (changes.batchOnLambda) for (const fn of Object.values(plan.functions)) delete fn.batch;
  writeFileSync(path.join(dir, 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
  const planned = loadPlannedApp(dir);
  await writeRenderedPlan(dir, planned.ir, planned.deployment);
  return dir;
}

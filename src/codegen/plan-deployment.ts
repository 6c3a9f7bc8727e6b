// A plan read back as something to run or re-estimate: the app it was made
// for (appFile, relative to the plan's folder) and the Deployment it chose.
// A plan that no longer fits its app — a function added, removed or renamed
// since dagc optimize wrote it — is a user error (DAGC0304): re-estimating it
// would silently price a different workflow. Profiles that changed since the
// plan are not an error (that is what re-simulating is for) but are named, so
// a CI log shows why the numbers moved.
import { readTextLimited } from '../io/read-limited.ts';
import { LIMITS } from '../spec/limits.ts';
import path from 'node:path';
import { DagcUserError, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { optimizerDiagnostics } from '../diagnostics/optimizer.ts';
import type { Deployment, FunctionDeployment } from '../ir/deployment.ts';
import { loadApp } from '../ir/load-app.ts';
import type { IR } from '../ir/types.ts';
import { profilePath } from '../model/profile.ts';
import { profileSha256, type Plan } from './plan.ts';
import { readPlan } from './read-plan.ts';

export interface PlannedApp {
  plan: Plan;
  planFile: string;
  ir: IR;
  deployment: Deployment;
  warnings: Diagnostic[];
  /** Functions whose profile bytes differ from the ones the plan was made from, sorted. */
  changedProfiles: string[];
}

export function loadPlannedApp(location: string): PlannedApp {
  const { plan, file: planFile } = readPlan(location);
  const appFile = path.resolve(path.dirname(planFile), plan.appFile);
  const { ir, warnings } = loadApp(appFile);
  const planned = Object.keys(plan.functions).sort();
  const declared = [...ir.functions.keys()].sort();
  const onlyInPlan = planned.filter((fn) => !ir.functions.has(fn));
  const onlyInApp = declared.filter((fn) => !(fn in plan.functions));
  if (onlyInPlan.length > 0 || onlyInApp.length > 0) throw new DagcUserError([optimizerDiagnostics.stalePlan(planFile, appFile, onlyInPlan, onlyInApp)]);
  return { plan, planFile, ir, deployment: deploymentOfPlan(plan), warnings, changedProfiles: changedProfiles(plan, ir) };
}

/** The Deployment a plan chose, as the optimizer had it. */
export function deploymentOfPlan(plan: Plan): Deployment {
  const functions: Record<string, FunctionDeployment> = {};
  for (const name of Object.keys(plan.functions).sort()) {
    const chosen = plan.functions[name]!;
    functions[name] = { memoryMb: chosen.memoryMb, architecture: chosen.architecture === 'arm64' ? 'arm64' : 'x86_64' };
    if (chosen.batch) functions[name]!.batch = { ...chosen.batch };
  }
  const deployment: Deployment = { functions, steps: structuredClone(plan.steps), edges: { ...plan.edges }, orchestration: plan.orchestration };
  if (plan.groups) deployment.groups = structuredClone(plan.groups);
  return deployment;
}

function changedProfiles(plan: Plan, ir: IR): string[] {
  const changed: string[] = [];
  for (const { function: fn, sha256 } of plan.profiles) {
    let bytes: string;
    try {
      bytes = readTextLimited(profilePath(ir, fn), { what: 'profile', maxBytes: LIMITS.profileBytes });
    } catch {
      changed.push(fn);
      continue;
    }
    if (profileSha256(bytes) !== sha256) changed.push(fn);
  }
  return changed.sort();
}

// Reads a plan.json (or the folder holding one) back, checking it against the
// plan schema: a file that is not a plan is a user error (DAGC0303, exit 2),
// and so is a plan of another schema version (DAGC0305, with how to fix it),
// and one whose fusion groups and steps disagree about who is in which group:
// the schema cannot say that, and the emitter would otherwise render such a
// plan with steps silently missing.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DagcUserError, isUserError } from '../diagnostics/diagnostic.ts';
import { errorCode, readTextLimited } from '../io/read-limited.ts';
import { LIMITS } from '../spec/limits.ts';
import { optimizerDiagnostics } from '../diagnostics/optimizer.ts';
import { PLAN_SCHEMA_VERSION, planSchemaErrors, type Plan } from './plan.ts';

export function readPlan(location: string): { plan: Plan; file: string } {
  const file = existsSync(location) && statSync(location).isDirectory() ? path.join(location, 'plan.json') : location;
  let value: unknown;
  try {
    value = JSON.parse(readTextLimited(file, { what: 'plan', maxBytes: LIMITS.planBytes }));
  } catch (error) {
    if (isUserError(error)) throw error;
    const code = errorCode(error);
    const detail = code === 'ENOENT' ? 'no such file' : code !== undefined ? `unreadable (${code})` : `not JSON (${(error as Error).message})`;
    throw new DagcUserError([optimizerDiagnostics.notAPlan(file, detail)]);
  }
  // Only something shaped like a plan (profiles carry a schemaVersion too) is "a plan of another version".
  const shape = (value ?? {}) as { schemaVersion?: unknown; appFile?: unknown; predicted?: unknown };
  const version = shape.schemaVersion;
  const looksLikePlan = typeof shape.appFile === 'string' && typeof shape.predicted === 'object';
  if (looksLikePlan && typeof version === 'number' && version !== PLAN_SCHEMA_VERSION) throw new DagcUserError([optimizerDiagnostics.otherPlanVersion(file, version, PLAN_SCHEMA_VERSION)]);
  const problems = planSchemaErrors(value);
  if (problems.length === 0) problems.push(...groupMembershipProblems(value as Plan));
  if (problems.length > 0) throw new DagcUserError([optimizerDiagnostics.notAPlan(file, problems.slice(0, 5).join('; '))]);
  return { plan: value as Plan, file };
}

/** Every step that names a fusion group is one of its members, and every member is a step that names it. */
export function groupMembershipProblems(plan: Pick<Plan, 'steps' | 'groups'>): string[] {
  const problems: string[] = [];
  const groups = plan.groups ?? {};
  for (const id of Object.keys(plan.steps).sort()) {
    const group = plan.steps[id]!.fusionGroup;
    if (group === undefined) continue;
    if (!Object.hasOwn(groups, group)) problems.push(`$.steps.${id}.fusionGroup names '${group}', which $.groups does not list`);
    else if (!groups[group]!.steps.includes(id)) problems.push(`$.steps.${id}.fusionGroup names '${group}', whose $.groups.${group}.steps do not include '${id}'`);
  }
  for (const group of Object.keys(groups).sort()) {
    for (const id of groups[group]!.steps) {
      const step = Object.hasOwn(plan.steps, id) ? plan.steps[id] : undefined;
      if (step?.fusionGroup !== group) problems.push(`$.groups.${group}.steps lists '${id}', which ${step ? `names ${step.fusionGroup === undefined ? 'no fusion group' : `group '${step.fusionGroup}'`}` : 'is not a step of $.steps'}`);
    }
  }
  return problems;
}

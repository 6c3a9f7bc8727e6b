// Reads a plan.json (or the folder holding one) back, checking it against the
// plan schema: a file that is not a plan is a user error (DAGC0303, exit 2),
// and so is a plan of another schema version (DAGC0305, with how to fix it).
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
  if (problems.length > 0) throw new DagcUserError([optimizerDiagnostics.notAPlan(file, problems.slice(0, 5).join('; '))]);
  return { plan: value as Plan, file };
}

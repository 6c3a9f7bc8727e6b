// Reads a plan.json (or the folder holding one) back, checking it against the
// plan schema: a file that is not a plan is a user error (DAGC0303, exit 2).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { optimizerDiagnostics } from '../diagnostics/optimizer.ts';
import { planSchemaErrors, type Plan } from './plan.ts';

export function readPlan(location: string): { plan: Plan; file: string } {
  const file = existsSync(location) && statSync(location).isDirectory() ? path.join(location, 'plan.json') : location;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(error as Error).message})`;
    throw new DagcUserError([optimizerDiagnostics.notAPlan(file, detail)]);
  }
  const problems = planSchemaErrors(value);
  if (problems.length > 0) throw new DagcUserError([optimizerDiagnostics.notAPlan(file, problems.slice(0, 5).join('; '))]);
  return { plan: value as Plan, file };
}

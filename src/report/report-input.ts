// What a report is drawn from: the plan, the app it was made for, the IR as
// Step Functions will run it (restructured with joins when the DAG is not
// series-parallel — the same deterministic restructuring the optimizer did,
// so the drawn graph is the emitted one), the Deployment the plan chose and
// the profiles the curves are drawn from. A missing profile is not fatal: the
// report says so where that function's curves would be (DAGC0522). Joins that
// differ from the ones the plan recorded are named (DAGC0524).
// Reads files; everything after it is a pure function of this value.
import { existsSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { reportDiagnostics } from '../diagnostics/report.ts';
import { loadPlannedApp } from '../codegen/plan-deployment.ts';
import type { Plan } from '../codegen/plan.ts';
import type { Deployment } from '../ir/deployment.ts';
import { toSeriesParallel } from '../ir/series-parallelize.ts';
import type { IR } from '../ir/types.ts';
import { profilePath, readProfile } from '../model/profile.ts';
import type { FunctionProfile } from '../model/profile-types.ts';

export interface ReportInput {
  plan: Plan;
  /** Where the plan was read from. */
  planFile: string;
  /** The workflow as emitted: the spec's DAG, with the plan's joins when it was restructured. */
  ir: IR;
  deployment: Deployment;
  /** By function name; functions without a profile file are in missingProfiles instead. */
  profiles: ReadonlyMap<string, FunctionProfile>;
  missingProfiles: string[];
  /** Functions whose profile changed since the plan was made (the curves show today's profile). */
  changedProfiles: string[];
  warnings: Diagnostic[];
}

export function loadReportInput(location: string): ReportInput {
  const planned = loadPlannedApp(location);
  const { plan, deployment } = planned;
  const restructured = plan.structure.seriesParallel ? { ir: planned.ir, joins: [] } : toSeriesParallel(planned.ir);
  const ir = restructured.ir;
  const profiles = new Map<string, FunctionProfile>();
  const missingProfiles: string[] = [];
  for (const fn of [...planned.ir.functions.keys()].sort()) {
    const file = profilePath(planned.ir, fn);
    if (existsSync(file)) profiles.set(fn, readProfile(file));
    else missingProfiles.push(fn);
  }
  const warnings = [...planned.warnings];
  if (missingProfiles.length > 0) warnings.push(reportDiagnostics.missingProfiles(missingProfiles));
  // The joins are re-derived (the same deterministic restructuring the optimizer ran); if this dagc derives others, the drawing is not the plan's.
  const derived = restructured.joins.map((j) => `${j.id}:${j.after.join(',')}>${j.before.join(',')}`).join(' ');
  const recorded = plan.structure.joins.map((j) => `${j.id}:${j.after.join(',')}>${j.before.join(',')}`).join(' ');
  if (derived !== recorded) warnings.push(reportDiagnostics.otherJoins(planned.planFile));
  if (planned.changedProfiles.length > 0) warnings.push(reportDiagnostics.changedProfiles(planned.changedProfiles));
  return { plan, planFile: planned.planFile, ir, deployment, profiles, missingProfiles, changedProfiles: planned.changedProfiles, warnings };
}

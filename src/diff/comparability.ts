// Whether two plans can be compared like for like. A diff of plans made from
// different profiles, by different dagc versions, for different apps or
// regions, with different estimator settings or platform calibrations (DAGC0596) still shows numbers, but part
// of each change is then not the plan's doing; these notes (DAGC0510–0515,
// warnings) say so next to the numbers instead of comparing apples with
// pears silently. They never stop the gate: a re-profiled slower function or a
// dagc upgrade that prices a workflow higher is exactly what a cost gate must
// still catch, and the note tells the reviewer where the change came from.
import type { Plan } from '../codegen/plan.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diffDiagnostics } from '../diagnostics/diff.ts';
import { calibrateDiagnostics } from '../diagnostics/calibrate.ts';
import { stableStringify } from '../model/stable-json.ts';

const originOf = (plan: Plan): string => plan.calibration?.origin ?? 'shipped defaults';

export function comparabilityNotes(oldPlan: Plan, newPlan: Plan): Diagnostic[] {
  const notes: Diagnostic[] = [];
  if (oldPlan.app !== newPlan.app) notes.push(diffDiagnostics.differentApps(oldPlan.app, newPlan.app));
  if (oldPlan.region !== newPlan.region) notes.push(diffDiagnostics.differentRegions(oldPlan.region, newPlan.region));
  const versionNote = dagcVersionNote(oldPlan.dagcVersion, newPlan.dagcVersion);
  if (versionNote) notes.push(versionNote);
  const profilesNote = profileNote(oldPlan, newPlan);
  if (profilesNote) notes.push(profilesNote);
  const estimatorText = (plan: Plan) => `${plan.estimator.method}, ${plan.estimator.samples} samples, seed ${plan.estimator.seed}`;
  if (estimatorText(oldPlan) !== estimatorText(newPlan)) notes.push(diffDiagnostics.differentEstimator(estimatorText(oldPlan), estimatorText(newPlan)));
  // Compared by value: the same calibration reached by another path (a file, inline) is the same estimate.
  const calibrationText = (plan: Plan) => (plan.calibration ? stableStringify(plan.calibration.values) : 'defaults');
  if (calibrationText(oldPlan) !== calibrationText(newPlan)) notes.push(calibrateDiagnostics.differentCalibrations(originOf(oldPlan), originOf(newPlan)));
  return notes;
}

function dagcVersionNote(oldVersion: string | undefined, newVersion: string | undefined): Diagnostic | undefined {
  if (oldVersion === undefined && newVersion === undefined) return diffDiagnostics.unknownDagcVersion('both', undefined);
  if (oldVersion === undefined) return diffDiagnostics.unknownDagcVersion('old', newVersion);
  if (newVersion === undefined) return diffDiagnostics.unknownDagcVersion('new', oldVersion);
  return oldVersion === newVersion ? undefined : diffDiagnostics.differentDagcVersion(oldVersion, newVersion);
}

/** Profiles are compared by the sha256 each plan kept of the bytes it was made from (plan.profiles). */
function profileNote(oldPlan: Plan, newPlan: Plan): Diagnostic | undefined {
  const a = new Map(oldPlan.profiles.map((p) => [p.function, p.sha256]));
  const b = new Map(newPlan.profiles.map((p) => [p.function, p.sha256]));
  const changed = [...a.keys()].filter((fn) => b.has(fn) && b.get(fn) !== a.get(fn)).sort();
  const onlyOld = [...a.keys()].filter((fn) => !b.has(fn)).sort();
  const onlyNew = [...b.keys()].filter((fn) => !a.has(fn)).sort();
  if (changed.length + onlyOld.length + onlyNew.length === 0) return undefined;
  return diffDiagnostics.differentProfiles(changed, onlyOld, onlyNew);
}

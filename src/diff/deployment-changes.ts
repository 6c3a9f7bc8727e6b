// What the optimizer decided differently between two plans, as a flat list
// of changes a reviewer reads top to bottom: orchestration, SLO, structure,
// functions added or removed, memory, architecture, Batch jobs, fusion groups,
// bundling, data passing, map mode, prewarming, warm-up pings. Each change is
// rendered to words here once (old and new as the reader would say them,
// unset fields at their documented default), so the text, markdown and JSON
// outputs agree. Order is fixed (aspect, then subject), never insertion order.
import type { Plan } from '../codegen/plan.ts';
import type { FusionGroup, StepDeployment } from '../ir/deployment.ts';
import { ms } from './format.ts';

export const CHANGE_ASPECTS = [
  'orchestration',
  'slo',
  'structure',
  'function',
  'memory',
  'architecture',
  'batch',
  'fusion',
  'bundling',
  'data passing',
  'map mode',
  'prewarm',
  'warm-up',
] as const;

export type ChangeAspect = (typeof CHANGE_ASPECTS)[number];

export interface DeploymentChange {
  aspect: ChangeAspect;
  /** What changed: 'workflow', 'function X', 'step X', 'edge a->b' or 'group G'. */
  subject: string;
  old: string;
  new: string;
}

const ABSENT = '—';

export function deploymentChanges(oldPlan: Plan, newPlan: Plan): DeploymentChange[] {
  const changes: DeploymentChange[] = [];
  const add = (aspect: ChangeAspect, subject: string, a: string, b: string) => {
    if (a !== b) changes.push({ aspect, subject, old: a, new: b });
  };
  add('orchestration', 'workflow', oldPlan.orchestration, newPlan.orchestration);
  add('slo', 'workflow', sloText(oldPlan), sloText(newPlan));
  add('structure', 'workflow', structureText(oldPlan), structureText(newPlan));
  functionChanges(oldPlan, newPlan, add);
  groupChanges(oldPlan, newPlan, add);
  stepChanges(oldPlan, newPlan, add);
  for (const edge of union(Object.keys(oldPlan.edges), Object.keys(newPlan.edges))) {
    add('data passing', `edge ${edge}`, oldPlan.edges[edge] ?? ABSENT, newPlan.edges[edge] ?? ABSENT);
  }
  const rank = (aspect: ChangeAspect) => CHANGE_ASPECTS.indexOf(aspect);
  return changes.sort((x, y) => rank(x.aspect) - rank(y.aspect) || compareText(x.subject, y.subject));
}

type Add = (aspect: ChangeAspect, subject: string, a: string, b: string) => void;

function functionChanges(oldPlan: Plan, newPlan: Plan, add: Add): void {
  for (const name of union(Object.keys(oldPlan.functions), Object.keys(newPlan.functions))) {
    const a = oldPlan.functions[name];
    const b = newPlan.functions[name];
    const subject = `function ${name}`;
    if (!a || !b) {
      add('function', subject, a ? `${a.memoryMb} MB ${a.architecture}` : 'absent', b ? `${b.memoryMb} MB ${b.architecture}` : 'removed');
      continue;
    }
    add('memory', subject, `${a.memoryMb} MB`, `${b.memoryMb} MB`);
    add('architecture', subject, a.architecture, b.architecture);
    const batch = (fn: typeof a) => (fn.batch ? `AWS Batch ${fn.batch.instanceType} (${fn.batch.vcpus} vCPU, ${fn.batch.gpus} GPU)` : 'Lambda');
    add('batch', subject, batch(a), batch(b));
  }
}

function groupChanges(oldPlan: Plan, newPlan: Plan, add: Add): void {
  const a = oldPlan.groups ?? {};
  const b = newPlan.groups ?? {};
  const text = (group: FusionGroup | undefined) => (group ? `${group.steps.join(' + ')} in one Lambda, ${group.memoryMb} MB ${group.architecture}` : ABSENT);
  for (const id of union(Object.keys(a), Object.keys(b))) add('fusion', `group ${id}`, text(a[id]), text(b[id]));
}

function stepChanges(oldPlan: Plan, newPlan: Plan, add: Add): void {
  for (const id of union(Object.keys(oldPlan.steps), Object.keys(newPlan.steps))) {
    const a: StepDeployment = oldPlan.steps[id] ?? {};
    const b: StepDeployment = newPlan.steps[id] ?? {};
    const subject = `step ${id}`;
    add('fusion', subject, a.fusionGroup ? `group ${a.fusionGroup}` : 'not fused', b.fusionGroup ? `group ${b.fusionGroup}` : 'not fused');
    add('bundling', subject, bundleText(a.bundleSize), bundleText(b.bundleSize));
    add('map mode', subject, mapText(a.map), mapText(b.map));
    add('prewarm', subject, prewarmText(a.prewarm), prewarmText(b.prewarm));
    add('warm-up', subject, a.warmedBy ? `warmed by ${a.warmedBy}` : 'none', b.warmedBy ? `warmed by ${b.warmedBy}` : 'none');
  }
}

function sloText(plan: Plan): string {
  return `${plan.slo.percentile} ≤ ${ms(plan.slo.latencyMs)}`;
}

function structureText(plan: Plan): string {
  const joins = plan.structure.joins.length;
  return plan.structure.seriesParallel ? 'series-parallel, as written' : `${joins + 1} stages joined by ${joins} join${joins === 1 ? '' : 's'}`;
}

/** Unset bundleSize is 1: a plan that writes 1 and one that leaves it out decide the same. */
function bundleText(bundleSize: number | undefined): string {
  const n = bundleSize ?? 1;
  return n === 1 ? '1 item per invocation' : `${n} items per invocation`;
}

function mapText(map: StepDeployment['map']): string {
  if (!map) return "inline, the spec's MaxConcurrency";
  return `${map.mode}, MaxConcurrency ${map.maxConcurrency === 0 ? `the ${map.mode} map's limit` : map.maxConcurrency}`;
}

function prewarmText(prewarm: number | undefined): string {
  return prewarm ? `${prewarm} provisioned` : 'none';
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort(compareText);
}

/** Code-unit order, independent of the machine's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

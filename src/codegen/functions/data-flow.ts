// Where every step output of a plan lives and who reads it: the static facts
// that the ASL and the generated entry points must agree on (docs/codegen.md).
//
// - Units: what one Lambda invocation (or Batch job) runs — an unfused task,
//   one chunk of an unfused map, or a whole fusion group.
// - Reads: the outputs a unit takes from the state (needs outside the unit;
//   a choice passes its own input on, so reading a choice reads its needs).
// - Writes: how a unit stores each output that leaves it: 's3' when the plan
//   puts any edge out of that step on S3, else inline (in-process edges stay
//   inside the unit and are never written).
// - Schedules: which unit writes the chunk list of each unfused map (the unit
//   that produces the map's items; a map fed by a map inherits the producer,
//   since a map has as many results as items; 'start' = the workflow input).
// - Pruning: after a Task, outputs that no later step reads are dropped from
//   the state (so it stays under 256 KB), and the S3 objects among them that
//   this unit read are deleted (IAM lets a Lambda delete only what it reads).
//   An output is dead at unit u when every unit that reads it is u or runs
//   before u in the staged structure; it is dropped where it first becomes
//   dead. Sink outputs are never dropped: they are the execution's result.
// Cost: O(V · (V + E)) for the ancestor sets; fine for the fixtures' sizes
// (hundreds of steps), to be replaced by bitsets when plans reach thousands.
import type { Deployment } from '../../ir/deployment.ts';
import type { Restructured } from '../../ir/series-parallelize.ts';
import { topologicalOrder } from '../../ir/topological-order.ts';
import { invokesFunction, type IR, type StepNode } from '../../ir/types.ts';

export type UnitKind = 'task' | 'map' | 'group' | 'batch';

export interface Unit {
  id: string;
  kind: UnitKind;
  /** Steps it runs, in order (one for task/map/batch). */
  steps: string[];
  /** deployedLambdas key (undefined for batch). */
  lambdaKey?: string;
}

export interface MapSchedule {
  map: string;
  bundleSize: number;
}

export interface DataFlow {
  units: Map<string, Unit>;
  unitOf: Map<string, string>;
  reads: Map<string, string[]>;
  writes: Map<string, Record<string, 'inline' | 's3'>>;
  /** unit → producing step → the maps whose chunk lists it writes when that step's output has items. */
  schedules: Map<string, Record<string, MapSchedule[]>>;
  /** Maps whose items are the workflow input's (the start state computes their chunks). */
  startSchedules: MapSchedule[];
  drop: Map<string, string[]>;
  delete: Map<string, string[]>;
  /** Steps whose outputs make up the execution's result. */
  resultSteps: string[];
}

const END = '\u0000end';

export function dataFlow(ir: IR, deployment: Deployment, staged: Restructured): DataFlow {
  const node = (id: string): StepNode => ir.graph.node(id) as StepNode;
  const needs = (id: string): string[] => [...(ir.graph.predecessors(id) ?? [])].sort();
  const units = new Map<string, Unit>();
  const unitOf = new Map<string, string>();
  for (const [id, group] of Object.entries(deployment.groups ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    units.set(id, { id, kind: 'group', steps: [...group.steps], lambdaKey: id });
    for (const step of group.steps) unitOf.set(step, id);
  }
  for (const id of [...ir.graph.nodes()].sort()) {
    const n = node(id);
    if (!invokesFunction(n) || unitOf.has(id)) continue;
    const batch = deployment.functions[n.functionName]?.batch !== undefined;
    units.set(id, { id, kind: batch ? 'batch' : n.kind === 'map' ? 'map' : 'task', steps: [id], ...(batch ? {} : { lambdaKey: n.functionName }) });
    unitOf.set(id, id);
  }

  // Outputs a step's input is made of: its invoking needs, and through a choice that choice's sources.
  const sourceCache = new Map<string, string[]>();
  const sources = (id: string): string[] => {
    const cached = sourceCache.get(id);
    if (cached) return cached;
    const found = new Set<string>();
    for (const need of needs(id)) {
      if (invokesFunction(node(need))) found.add(need);
      else for (const s of sources(need)) found.add(s);
    }
    const list = [...found].sort();
    sourceCache.set(id, list);
    return list;
  };

  const reads = new Map<string, string[]>();
  const consumers = new Map<string, Set<string>>();
  for (const unit of units.values()) {
    const members = new Set(unit.steps);
    const read = new Set<string>();
    for (const step of unit.steps) for (const s of sources(step)) if (!members.has(s)) read.add(s);
    reads.set(unit.id, [...read].sort());
    for (const s of read) (consumers.get(s) ?? consumers.set(s, new Set()).get(s)!).add(unit.id);
  }
  const resultSteps = new Set<string>();
  for (const sink of ir.graph.sinks()) {
    if (invokesFunction(node(sink))) resultSteps.add(sink);
    else for (const s of sources(sink)) resultSteps.add(s);
  }
  for (const s of resultSteps) (consumers.get(s) ?? consumers.set(s, new Set()).get(s)!).add(END);

  const writes = new Map<string, Record<string, 'inline' | 's3'>>();
  for (const unit of units.values()) {
    const members = new Set(unit.steps);
    const record: Record<string, 'inline' | 's3'> = {};
    for (const step of unit.steps) {
      if (!invokesFunction(node(step))) continue;
      const leaves = [...(consumers.get(step) ?? [])].some((c) => c !== unit.id);
      if (!leaves) continue;
      const s3 = Object.entries(deployment.edges).some(([key, mode]) => mode === 's3' && key.startsWith(`${step}->`) && !members.has(key.slice(step.length + 2)));
      record[step] = s3 ? 's3' : 'inline';
    }
    writes.set(unit.id, record);
  }

  const { schedules, startSchedules } = mapSchedules(ir, deployment, units, unitOf, needs);
  const { drop, deleted } = pruning(staged, units, unitOf, consumers, reads, writes);
  return { units, unitOf, reads, writes, schedules, startSchedules, drop, delete: deleted, resultSteps: [...resultSteps].sort() };
}

function mapSchedules(ir: IR, deployment: Deployment, units: Map<string, Unit>, unitOf: Map<string, string>, needs: (id: string) => string[]) {
  const schedules = new Map<string, Record<string, MapSchedule[]>>();
  const startSchedules: MapSchedule[] = [];
  const producers = (map: string, seen: Set<string>): string[] => {
    const found: string[] = [];
    const from = (id: string): void => {
      const n = ir.graph.node(id) as StepNode;
      if (n.kind === 'map' && units.get(unitOf.get(id)!)?.kind === 'map') {
        if (!seen.has(id)) {
          seen.add(id);
          found.push(...producers(id, seen));
        }
      } else if (n.kind === 'choice' || n.kind === 'join') {
        const ins = needs(id);
        if (ins.length === 1) from(ins[0]!);
        else if (ins.length === 0) found.push('start');
      } else found.push(id);
    };
    const ins = needs(map);
    if (ins.length === 0) found.push('start');
    for (const need of ins) from(need);
    return found;
  };
  for (const unit of [...units.values()].filter((u) => u.kind === 'map')) {
    const map = unit.steps[0]!;
    const schedule = { map, bundleSize: Math.max(1, deployment.steps[map]?.bundleSize ?? 1) };
    for (const producer of [...new Set(producers(map, new Set([map])))].sort()) {
      if (producer === 'start') {
        startSchedules.push(schedule);
        continue;
      }
      const writer = unitOf.get(producer)!;
      const record = schedules.get(writer) ?? schedules.set(writer, {}).get(writer)!;
      (record[producer] ??= []).push(schedule);
    }
  }
  return { schedules, startSchedules };
}

function pruning(
  staged: Restructured,
  units: Map<string, Unit>,
  unitOf: Map<string, string>,
  consumers: Map<string, Set<string>>,
  reads: Map<string, string[]>,
  writes: Map<string, Record<string, 'inline' | 's3'>>,
) {
  const graph = staged.ir.graph;
  const order = topologicalOrder(staged.ir);
  const ancestors = new Map<string, Set<string>>();
  for (const id of order) {
    const set = new Set<string>();
    for (const p of graph.predecessors(id) ?? []) {
      set.add(p);
      for (const a of ancestors.get(p)!) set.add(a);
    }
    ancestors.set(id, set);
  }
  const storedIn = new Map<string, 'inline' | 's3'>();
  for (const record of writes.values()) for (const [step, mode] of Object.entries(record)) storedIn.set(step, mode);

  const dead = new Map<string, Set<string>>();
  const pruning = [...units.values()].filter((u) => u.kind === 'task' || u.kind === 'group');
  for (const unit of pruning) {
    const before = new Set(unit.steps);
    for (const step of unit.steps) for (const a of ancestors.get(step) ?? []) before.add(a);
    const set = new Set<string>();
    for (const [entry, readers] of consumers) {
      if (!before.has(entry) || unit.steps.includes(entry) || readers.has(END)) continue;
      if ([...readers].every((r) => units.get(r)!.steps.every((s) => before.has(s)))) set.add(entry);
    }
    dead.set(unit.id, set);
  }
  // droppedBy(n): outputs no copy of the state holds any more once n is done.
  const droppedBy = new Map<string, Set<string>>();
  for (const id of order) {
    const unit = unitOf.get(id);
    if (unit !== undefined && dead.has(unit)) {
      droppedBy.set(id, dead.get(unit)!);
      continue;
    }
    droppedBy.set(id, intersect((graph.predecessors(id) ?? []).map((p) => droppedBy.get(p)!)));
  }
  const drop = new Map<string, string[]>();
  const deleted = new Map<string, string[]>();
  for (const unit of pruning) {
    const members = new Set(unit.steps);
    const outside = unit.steps.flatMap((s) => (graph.predecessors(s) ?? []).filter((p) => !members.has(p)));
    const already = intersect(outside.map((p) => droppedBy.get(p)!));
    const list = [...dead.get(unit.id)!].filter((e) => !already.has(e)).sort();
    drop.set(unit.id, list);
    const read = new Set(reads.get(unit.id) ?? []);
    deleted.set(unit.id, list.filter((e) => read.has(e) && storedIn.get(e) === 's3'));
  }
  return { drop, deleted };
}

function intersect(sets: Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  const [first, ...rest] = sets;
  return new Set([...first!].filter((x) => rest.every((s) => s.has(x))));
}

// Runs one unit of a plan inside a Lambda invocation and returns the next
// state (or, for a map chunk, the chunk's result reference):
//  - a task: one handler call;
//  - a map chunk: the chunk's items, at most itemConcurrency at once;
//  - a fusion group: stage by stage — a member once the stage before it (the
//    members its needs inside the group are in, and theirs) has settled —
//    the members of one stage concurrently, values passed in memory; a map
//    member runs all its items here.
// Every result crosses a "wire" (JSON) exactly as in the reference run, so a
// fused plan computes what the unfused one does. Failures keep the step name
// and the item index; a bundle reports every failed item, not the first.
import { groupStages } from '../../ir/group-stages.ts';
import { mapItemEvents, mapOutput, overTheWire } from '../data-contract.ts';
import { handlerContext, type Handler } from '../handler-loader.ts';
import { runPool } from './item-pool.ts';
import type { LambdaConfig, UnitConfig } from './lambda-config.ts';
import { deleteRefs, storeValue } from './refs.ts';
import { STATE_LIMIT_BYTES, type InlineRef, type Ref, type S3Ref, type StateBag, type UnitPayload } from './state-bag.ts';
import { StepValues } from './step-values.ts';

export class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DagcStepFailed';
  }
}

export interface Runner {
  config: LambdaConfig;
  handlers: Record<string, Handler>;
  remainingMs?: () => number;
}

export async function runUnit(runner: Runner, payload: UnitPayload): Promise<StateBag | InlineRef | S3Ref> {
  const unit = runner.config.units[payload.unit];
  if (!unit) throw new Error(`dagc runtime: this Lambda (${runner.config.key}) does not run '${payload.unit}'`);
  const values = new StepValues(runner.config, payload.state);
  if (unit.kind === 'map' && payload.chunk !== undefined) return runChunk(runner, unit, values, payload.chunk);
  await runMembers(runner, unit, values);
  return nextState(runner, payload.unit, unit, values, payload.state);
}

async function runChunk(runner: Runner, unit: UnitConfig, values: StepValues, chunk: number[]): Promise<InlineRef | S3Ref> {
  const step = unit.steps[0]!;
  const info = runner.config.steps[step]!;
  const events = mapItemEvents(step, info.needs, await values.input(step));
  const results = await callItems(runner, step, chunk.map((i) => events[i]!), values.seed);
  const key = `${runner.config.prefix}/${values.seed}/${info.name}/chunk-${chunk[0] ?? 0}.json`;
  return storeValue(unit.writes[step] ?? 'inline', key, results);
}

async function runMembers(runner: Runner, unit: UnitConfig, values: StepValues): Promise<void> {
  const members = new Set(unit.steps);
  const insideNeeds = (step: string) => runner.config.steps[step]!.needs.filter((n) => members.has(n));
  // Stages, as the estimator's fused model runs them (src/ir/group-stages.ts): a member's stage is one more than the
  // latest of its needs inside the group, and it starts once the whole stage before has settled — so only one
  // stage's members are alive at once, the memory the plan sized the group for (the largest stage's footprints) and the
  // vCPU share it priced. A member still fails with a need that failed; the other members of its stage run.
  const stageOf = groupStages(unit.steps, insideNeeds);
  const byStage: string[][] = [];
  for (const step of unit.steps) (byStage[stageOf.get(step)!] ??= []).push(step);
  const done = new Map<string, Promise<void>>();
  let previous: Promise<unknown> = Promise.resolve();
  for (const steps of byStage) {
    const running = (steps ?? []).map((step) => {
      const info = runner.config.steps[step]!;
      const run = previous
        .then(() => Promise.all(insideNeeds(step).map((n) => done.get(n)!)))
        .then(async () => {
          if (info.kind === 'choice' || info.kind === 'join' || values.skipped(step)) return;
          const input = await values.input(step);
          if (info.kind === 'map') {
            const events = mapItemEvents(step, info.needs, input);
            values.local.set(step, mapOutput(await callItems(runner, step, events, values.seed)));
          } else {
            values.local.set(step, await call(runner, step, input, values.seed));
          }
        });
      done.set(step, run);
      return run;
    });
    previous = Promise.allSettled(running);
  }
  // In the group's own order, so a failure message lists its members as before.
  const outcomes = await Promise.allSettled(unit.steps.map((step) => done.get(step)!));
  const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason as Error).message);
  if (failures.length > 0) throw new StepFailure(failures.join('; '));
}

async function callItems(runner: Runner, step: string, events: Array<{ index: number }>, seed: string): Promise<unknown[]> {
  const outcomes = await runPool(events.length, runner.config.itemConcurrency, (i) => call(runner, step, events[i]!, seed, events[i]!.index));
  const failures = outcomes.flatMap((o) => (o.ok ? [] : [(o.error as Error).message]));
  if (failures.length > 0) throw new StepFailure(failures.join('; '));
  return outcomes.map((o) => (o as { value: unknown }).value);
}

async function call(runner: Runner, step: string, event: unknown, seed: string, itemIndex?: number): Promise<unknown> {
  const fnName = runner.config.steps[step]!.fn!;
  const fn = runner.config.functions[fnName]!;
  const context = handlerContext({ name: fnName, memoryMb: fn.memoryMb, timeoutMs: fn.timeoutMs, architectures: [] }, seed, step, itemIndex);
  if (runner.remainingMs) context.getRemainingTimeInMillis = runner.remainingMs;
  const where = itemIndex === undefined ? `step '${step}'` : `step '${step}' item ${itemIndex}`;
  let value: unknown;
  try {
    value = await runner.handlers[fnName]!(structuredClone(event), context);
  } catch (error) {
    throw new StepFailure(`${where} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return overTheWire(step, value);
  } catch (error) {
    throw new StepFailure(`${where} returned a value that is not JSON: ${(error as Error).message}`);
  }
}

async function nextState(runner: Runner, unitId: string, unit: UnitConfig, values: StepValues, bag: StateBag): Promise<StateBag> {
  const out: Record<string, Ref> = { ...bag.out };
  const deleted = unit.delete.map((step) => out[runner.config.steps[step]!.name]).filter((r): r is Ref => r !== undefined);
  for (const step of unit.drop) delete out[runner.config.steps[step]!.name];
  const sched = { ...bag.sched };
  await Promise.all(
    Object.entries(unit.writes).map(async ([step, mode]) => {
      if (!values.local.has(step)) return;
      const name = runner.config.steps[step]!.name;
      out[name] = await storeValue(mode, `${runner.config.prefix}/${values.seed}/${name}.json`, values.local.get(step));
    }),
  );
  for (const [step, maps] of Object.entries(unit.schedules)) {
    const value = values.local.get(step) as { items?: unknown } | undefined;
    if (!value || !Array.isArray(value.items)) continue;
    for (const { map, bundleSize } of maps) sched[runner.config.steps[map]!.name] = partition(value.items.length, bundleSize);
  }
  await deleteRefs(deleted);
  const next: StateBag = { exec: bag.exec, in: bag.in, out, sched };
  const bytes = Buffer.byteLength(JSON.stringify(next));
  if (bytes > STATE_LIMIT_BYTES) {
    const largest = Object.entries(out).sort(([, a], [, b]) => JSON.stringify(b).length - JSON.stringify(a).length)[0]?.[0] ?? 'none';
    throw new StepFailure(`after '${unitId}' the state is ${bytes} bytes, over Step Functions' 256 KB limit (largest: ${largest}); pass that output through S3 (plan.json $.edges)`);
  }
  return next;
}

export function partition(count: number, size: number): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < count; start += size) chunks.push(Array.from({ length: Math.min(size, count - start) }, (_, i) => start + i));
  return chunks;
}

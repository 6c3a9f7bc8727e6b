// The SeBS-Flow traces as a calibration corpus: which workflow and memory size
// a trace file is (from its name, `<benchmark>__aws_<year>_<mode>_<memory MB>.csv`),
// and the rule that turns a set of them into a PlatformCalibration — the one
// the shipped defaults are fitted with (scripts/fit-orchestration-defaults.ts)
// and bench/fidelity-traces.ts's leave-one-out refits.
// The rule: warm values from the warm files' warm gaps, cold values from the
// burst files' cold gaps (a warm file's few cold starts are left out: they are
// single environments placed into a warm workflow, not the burst's waves).
// A part nothing measured is derived, never left at a placeholder, and says so
// in its source: a cold value without cold gaps is the warm one; a Parallel
// branch's stagger without parallel gaps is a map item's (both are Step
// Functions starting sibling work at once); Express is Standard's (the traces
// are Standard only; taking it equal means no plan counts on an Express
// speed-up nobody measured), each with observations 0. Task dispatch by kind
// (after a Task, after a Map, a Map's first and next item): warm from the warm
// files' gaps of that kind, cold from the burst files'; a kind these files do
// not measure (warm or cold) is the pooled Task dispatch (warm or cold), and
// says so. The cold Task dispatch outside a wave (isolatedColdTaskDispatch)
// is fitted from the warm files' cold Task gaps — single environments placed
// into a warm workflow — and without enough of them is the warm value.
// Complexity: O(rows log rows) over the files.
import path from 'node:path';
import { DEFAULT_CALIBRATION, DISPATCH_KINDS, fitLatency, type DispatchKind, type GapObservation, type MeasuredLatency, type PlatformCalibration, type WarmCold } from '../model/calibration.ts';
import { calibrationFromObservations, KIND_NAMES } from './calibration-from-observations.ts';
import type { SebsWorkflow } from './sebs-flow-definition.ts';
import { gapsFromTraceFile } from './trace-gaps.ts';

export interface TraceFileName {
  benchmark: string;
  year: number;
  mode: 'warm' | 'burst';
  memoryMb: number;
}

/** The parts of a SeBS-Flow trace file name; undefined when it does not follow the pattern. */
export function parseTraceFileName(file: string): TraceFileName | undefined {
  const match = /^(.+)__aws_(\d{4})_(warm|burst)_(\d+)\.csv$/.exec(path.basename(file));
  if (!match) return undefined;
  return { benchmark: match[1]!, year: Number(match[2]), mode: match[3] as 'warm' | 'burst', memoryMb: Number(match[4]) };
}

export interface CorpusEntry {
  file: string;
  workflow: SebsWorkflow;
  mode: 'warm' | 'burst';
}

function derived(from: MeasuredLatency, how: string): MeasuredLatency {
  return { shiftMs: from.shiftMs, medianMs: from.medianMs, sigma: from.sigma, source: `${how} (${from.source})`, observations: 0 };
}

/** The calibration with every part marked as measured by nothing (observations 0), values kept as placeholders. */
function unmeasured(calibration: PlatformCalibration): PlatformCalibration {
  const mark = (l: MeasuredLatency): MeasuredLatency => ({ ...l, observations: 0, source: 'not measured by these files' });
  const pair = (p: Record<'standard' | 'express', MeasuredLatency>) => ({ standard: mark(p.standard), express: mark(p.express) });
  const o = calibration.orchestration;
  return {
    ...calibration,
    orchestration: {
      taskDispatch: { standard: { warm: mark(o.taskDispatch.standard.warm), cold: mark(o.taskDispatch.standard.cold) }, express: { warm: mark(o.taskDispatch.express.warm), cold: mark(o.taskDispatch.express.cold) } },
      mapIterationStart: pair(o.mapIterationStart),
      parallelBranchStart: pair(o.parallelBranchStart),
    },
  };
}

/** The calibration a set of SeBS-Flow traces gives (Standard fitted, the rest derived as the header says). */
export function calibrationFromSebsTraces(entries: readonly CorpusEntry[]): PlatformCalibration {
  const warm: GapObservation[] = [];
  const cold: GapObservation[] = [];
  const isolatedGapsMs: number[] = [];
  const names = (mode: 'warm' | 'burst') => entries.filter((e) => e.mode === mode).map((e) => path.basename(e.file)).sort();
  for (const entry of [...entries].sort((a, b) => (path.basename(a.file) < path.basename(b.file) ? -1 : 1))) {
    const { observations } = gapsFromTraceFile(entry.file, entry.workflow);
    for (const o of observations) {
      if (entry.mode === 'warm' && !o.cold) warm.push(o);
      if (entry.mode === 'burst' && o.cold) cold.push(o);
      if (entry.mode === 'warm' && o.cold && o.kind === 'task') isolatedGapsMs.push(o.gapMs);
    }
  }
  const warmSource = `fit: SeBS-Flow AWS traces ${names('warm').join(', ')} (warm gaps)`;
  const coldSource = `fit: SeBS-Flow AWS traces ${names('burst').join(', ')} (cold gaps, Init Duration subtracted)`;
  // Fitted against a fallback that measured nothing: a part these files do not measure must be derived here,
  // never taken from the shipped defaults (which are this rule's own output on all the files: a leave-one-out
  // fit would learn from the file it leaves out).
  const none = unmeasured(DEFAULT_CALIBRATION);
  const fromWarm = calibrationFromObservations(warm, warmSource, none).orchestration;
  const fromCold = calibrationFromObservations(cold, coldSource, none).orchestration;
  const fitted = (value: MeasuredLatency) => value.observations > 0;
  const taskWarm = fromWarm.taskDispatch.standard.warm;
  const mapWarm = fromWarm.mapIterationStart.standard;
  const branchWarm = fitted(fromWarm.parallelBranchStart.standard) ? fromWarm.parallelBranchStart.standard : derived(mapWarm, 'no warm Parallel gaps: the warm Map item stagger');
  const taskCold = fitted(fromCold.taskDispatch.standard.cold) ? fromCold.taskDispatch.standard.cold : derived(taskWarm, 'no cold gaps: the warm value');
  const mapCold = fitted(fromCold.coldMapIterationStart!.standard) ? fromCold.coldMapIterationStart!.standard : derived(mapWarm, 'no cold gaps: the warm value');
  const branchColdFit = fromCold.coldParallelBranchStart!.standard;
  const branchCold = fitted(branchColdFit) ? branchColdFit : fitted(mapCold) ? derived(mapCold, 'no cold Parallel gaps: the cold Map item stagger') : derived(branchWarm, 'no cold gaps: the warm value');
  const express = (value: MeasuredLatency) => derived(value, 'estimate: Standard\'s value, no Express trace');
  const dispatchByKind: Partial<Record<DispatchKind, Record<'standard' | 'express', WarmCold>>> = {};
  for (const kind of DISPATCH_KINDS) {
    const warmFit = fromWarm.dispatchByKind![kind]!.standard.warm;
    const coldFit = fromCold.dispatchByKind![kind]!.standard.cold;
    const kindWarm = fitted(warmFit) ? warmFit : derived(taskWarm, `no warm ${KIND_NAMES[kind]}: the pooled warm Task dispatch`);
    const kindCold = fitted(coldFit) ? coldFit : derived(taskCold, `no cold ${KIND_NAMES[kind]}: the pooled cold Task dispatch`);
    dispatchByKind[kind] = { standard: { warm: kindWarm, cold: kindCold }, express: { warm: express(kindWarm), cold: express(kindCold) } };
  }
  const isolatedFit = fitLatency(isolatedGapsMs, `${warmSource.replace('(warm gaps)', '(their cold gaps, Init Duration subtracted)')}: ${isolatedGapsMs.length} isolated cold standard Task dispatches`, taskWarm);
  const isolated = isolatedFit === taskWarm ? derived(taskWarm, `${isolatedGapsMs.length > 0 ? `only ${isolatedGapsMs.length}` : 'no'} cold Task gaps in the warm files, too few to fit: the warm value`) : isolatedFit;
  const all = [...names('warm'), ...names('burst')];
  return {
    version: 1,
    source: `fitted from ${all.length} SeBS-Flow AWS trace file(s) (${all.join(', ')}); Express taken equal to Standard`,
    orchestration: {
      taskDispatch: { standard: { warm: taskWarm, cold: taskCold }, express: { warm: express(taskWarm), cold: express(taskCold) } },
      mapIterationStart: { standard: mapWarm, express: express(mapWarm) },
      parallelBranchStart: { standard: branchWarm, express: express(branchWarm) },
      coldMapIterationStart: { standard: mapCold, express: express(mapCold) },
      coldParallelBranchStart: { standard: branchCold, express: express(branchCold) },
      dispatchByKind,
      isolatedColdTaskDispatch: { standard: isolated, express: express(isolated) },
    },
  };
}

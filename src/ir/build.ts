// Builds the graph IR from a validated spec: units parsed to bytes and ms,
// relative paths resolved, edges implied by `needs` carrying the bytes their
// source emits (a map's per-item output times its mean width). O(steps + needs).
import path from 'node:path';
import { Graph } from '@dagrejs/graphlib';
import type { LoadedSpec } from '../spec/load.ts';
import type { MapSpec, SloSpec, StepSpec } from '../spec/types.ts';
import { parseBytes, parseDurationMs } from '../spec/units.ts';
import type { EdgeData, FunctionInfo, IR, Percentile, Slo, StepNode, WidthDistribution } from './types.ts';
import { meanWidth } from './width.ts';
import { toMemoryGrid } from './memory-grid.ts';

/** Lambda's defaults when the spec says nothing (AWS Lambda console defaults). */
const DEFAULT_MEMORY_MB = 128;
const DEFAULT_TIMEOUT_MS = 3_000;
const DEFAULT_REGION = 'us-east-1';

export function buildIr(loaded: LoadedSpec): IR {
  const { spec, sourceMap, baseDir } = loaded;
  const functions = new Map<string, FunctionInfo>();
  for (const name of Object.keys(spec.functions).sort()) {
    const fn = spec.functions[name]!;
    const info: FunctionInfo = {
      name,
      memoryMb: fn.memory ?? DEFAULT_MEMORY_MB,
      timeoutMs: fn.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDurationMs(fn.timeout)!,
      architectures: fn.architectures ?? ['x86_64'],
      position: sourceMap.positionOf(['functions', name], { key: true }),
    };
    if (fn.handler !== undefined) info.handlerPath = path.resolve(baseDir, fn.handler);
    if (fn.payload !== undefined) info.payloadPath = path.resolve(baseDir, fn.payload);
    if (fn.accelerator !== undefined) info.accelerator = fn.accelerator;
    if (fn.minMemory !== undefined) info.minMemoryMb = fn.minMemory;
    if (fn.maxMemory !== undefined) info.maxMemoryMb = fn.maxMemory;
    const grid = fn.memoryGrid ?? spec.memoryGrid;
    if (grid !== undefined) info.memoryGrid = toMemoryGrid(grid);
    functions.set(name, info);
  }

  const graph = new Graph<undefined, StepNode, EdgeData>({ directed: true });
  const stepIds = Object.keys(spec.steps).sort();
  for (const id of stepIds) {
    graph.setNode(id, stepNode(id, spec.steps[id]!, sourceMap.positionOf(['steps', id], { key: true })));
  }
  for (const id of stepIds) {
    for (const need of [...(spec.steps[id]!.needs ?? [])].sort()) {
      const from = graph.node(need);
      graph.setEdge(need, id, { bytes: edgeBytes(from) });
    }
  }

  const ir: IR = { name: spec.name, sourceFile: loaded.file, baseDir, region: spec.region ?? DEFAULT_REGION, functions, graph };
  if (loaded.calibration) ir.calibration = loaded.calibration;
  const slo = parseSlo(spec.slo);
  if (slo) ir.slo = slo;
  return ir;
}

function stepNode(id: string, step: StepSpec, position: StepNode['position']): StepNode {
  const outputBytes = step.output === undefined ? 0 : parseBytes(step.output)!;
  if (step.choice) return { id, kind: 'choice', outputBytes, branchProbabilities: sortedRecord(step.choice), ...(position ? { position } : {}) };
  const functionName = step.function!;
  if (step.map) {
    return { id, kind: 'map', functionName, outputBytes, width: widthOf(step.map), maxConcurrency: step.map.maxConcurrency ?? 0, ...(position ? { position } : {}) };
  }
  return { id, kind: 'task', functionName, outputBytes, ...(position ? { position } : {}) };
}

function widthOf(map: MapSpec): WidthDistribution {
  const width = map.width;
  if (typeof width === 'number') return { kind: 'fixed', width };
  if ('min' in width) return { kind: 'uniform', min: width.min, max: width.max };
  return { kind: 'discrete', values: [...width.values], probabilities: [...width.probabilities] };
}

function edgeBytes(from: StepNode): number {
  return from.kind === 'map' ? Math.round(from.outputBytes * meanWidth(from.width)) : from.outputBytes;
}

export function parseSlo(slo: SloSpec | undefined): Slo | undefined {
  if (!slo) return undefined;
  for (const percentile of ['p50', 'p90', 'p95', 'p99'] as Percentile[]) {
    const text = slo[percentile];
    if (text !== undefined) return { percentile, latencyMs: parseDurationMs(text)! };
  }
  return undefined;
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

// Checks that the values in a schema-valid spec are ones AWS and dagc can
// work with, beyond their shape: Lambda's timeout range in whole seconds, a
// positive SLO within a workflow's lifetime, output sizes a function can
// produce, map widths and width lists within the limits the estimator is
// built for, today's memory and the memory grid inside the min/max the user set, and a region
// that exists. Limits and why: src/spec/limits.ts. O(functions + steps).
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { inputDiagnostics } from '../diagnostics/input.ts';
import { specDiagnostics } from '../diagnostics/spec.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';
import { LIMITS } from './limits.ts';
import { AWS_REGIONS } from './regions.ts';
import type { SourceMap } from './source-map.ts';
import type { AppSpec, WidthSpec } from './types.ts';
import { formatBytes, parseBytes, parseDurationMs } from './units.ts';

export function checkValues(spec: AppSpec, sourceMap: SourceMap): Diagnostic[] {
  return [...checkFunctionValues(spec, sourceMap), ...checkStepValues(spec, sourceMap), ...checkAppValues(spec, sourceMap)];
}

function checkFunctionValues(spec: AppSpec, sourceMap: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, fn] of Object.entries(spec.functions)) {
    const at = (key: string) => sourceMap.positionOf(['functions', name, key]);
    const timeoutMs = fn.timeout === undefined ? undefined : parseDurationMs(fn.timeout);
    if (timeoutMs !== undefined && timeoutMs <= LIMITS.timeoutMaxMs && (timeoutMs < LIMITS.timeoutMinMs || timeoutMs % 1000 !== 0)) {
      diagnostics.push(
        specDiagnostics.outOfRange(at('timeout'), `timeout of function '${name}'`, `is ${fn.timeout}; Lambda timeouts are whole seconds from 1s to 900s`, `write a whole number of seconds, e.g. timeout: ${Math.min(900, Math.max(1, Math.ceil(timeoutMs / 1000)))}s`),
      );
    }
    if (fn.memory !== undefined && fn.minMemory !== undefined && fn.memory < fn.minMemory) {
      diagnostics.push(specDiagnostics.outOfRange(at('memory'), `memory of function '${name}'`, `(${fn.memory} MB) is below its minMemory (${fn.minMemory} MB)`, `raise memory to at least ${fn.minMemory}, or lower minMemory`));
    }
    const grid = fn.memoryGrid ?? spec.memoryGrid;
    if (Array.isArray(grid) && (fn.minMemory !== undefined || fn.maxMemory !== undefined) && !grid.some((mb) => mb >= (fn.minMemory ?? 0) && mb <= (fn.maxMemory ?? Infinity))) {
      const own = fn.memoryGrid !== undefined;
      diagnostics.push(modelDiagnostics.memoryGridOutsideBounds(own ? at('memoryGrid') : sourceMap.positionOf(['memoryGrid']), name, fn.minMemory, fn.maxMemory));
    }
    if (fn.memory !== undefined && fn.maxMemory !== undefined && fn.memory > fn.maxMemory) {
      diagnostics.push(specDiagnostics.outOfRange(at('memory'), `memory of function '${name}'`, `(${fn.memory} MB) is above its maxMemory (${fn.maxMemory} MB)`, `lower memory to at most ${fn.maxMemory}, or raise maxMemory`));
    }
  }
  return diagnostics;
}

function checkStepValues(spec: AppSpec, sourceMap: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [id, step] of Object.entries(spec.steps)) {
    const outputBytes = step.output === undefined ? undefined : parseBytes(step.output);
    if (outputBytes !== undefined && !(outputBytes <= LIMITS.outputBytes)) {
      diagnostics.push(
        specDiagnostics.outOfRange(sourceMap.positionOf(['steps', id, 'output']), `output of step '${id}'`, `is ${step.output}; one invocation's output is at most ${formatBytes(LIMITS.outputBytes)} (Lambda's memory and /tmp)`, 'split the output across map items, or give the size per item'),
      );
    }
    if (step.map !== undefined) diagnostics.push(...checkWidth(id, step.map.width, sourceMap));
  }
  return diagnostics;
}

function checkWidth(id: string, width: WidthSpec, sourceMap: SourceMap): Diagnostic[] {
  const widthAt = (...rest: Array<string | number>) => sourceMap.positionOf(['steps', id, 'map', 'width', ...rest]);
  const tooWide = (value: number, ...rest: Array<string | number>): Diagnostic =>
    specDiagnostics.outOfRange(widthAt(...rest), `map width of step '${id}'`, `is ${value}; dagc handles at most ${LIMITS.mapWidth.toLocaleString('en-US')} items a map`, 'split the items across several maps, or check the number');
  if (typeof width === 'number') return width > LIMITS.mapWidth ? [tooWide(width)] : [];
  if ('min' in width) return [width.min, width.max].flatMap((value, index) => (value > LIMITS.mapWidth ? [tooWide(value, index === 0 ? 'min' : 'max')] : []));
  if (width.values.length > LIMITS.widthValues) {
    return [specDiagnostics.badWidth(widthAt('values'), id, `${width.values.length} values; dagc takes at most ${LIMITS.widthValues.toLocaleString('en-US')} (use { min, max } for a wide range)`)];
  }
  const index = width.values.findIndex((value) => value > LIMITS.mapWidth);
  return index === -1 ? [] : [tooWide(width.values[index]!, 'values', index)];
}

function checkAppValues(spec: AppSpec, sourceMap: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [percentile, text] of Object.entries(spec.slo ?? {})) {
    const latencyMs = typeof text === 'string' ? parseDurationMs(text) : undefined;
    if (latencyMs === undefined) continue;
    if (!(latencyMs > 0 && latencyMs <= LIMITS.sloMaxMs)) {
      diagnostics.push(
        specDiagnostics.outOfRange(sourceMap.positionOf(['slo', percentile]), `slo ${percentile}`, `is ${text}; an SLO is more than 0 and at most a year (a Standard workflow's longest run)`, 'write the latency you need, e.g. slo: { p95: 2s }'),
      );
    }
  }
  if (spec.region !== undefined && typeof spec.region === 'string' && !AWS_REGIONS.includes(spec.region)) {
    diagnostics.push(inputDiagnostics.unknownRegion(sourceMap.positionOf(['region']), spec.region, AWS_REGIONS));
  }
  return diagnostics;
}

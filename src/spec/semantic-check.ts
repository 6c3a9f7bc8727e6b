// Checks what the schema cannot see: references between functions and steps,
// cycles (printed in order), steps that can never run, choice branches and
// their probabilities, width distributions, files that must exist, limits.
// Runs only on a spec that passed the schema, so shapes can be trusted.
// O(steps + needs).
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { specDiagnostics } from '../diagnostics/spec.ts';
import type { SourceMap } from './source-map.ts';
import type { AppSpec } from './types.ts';
import { parseDurationMs } from './units.ts';
import { findCycle } from './find-cycle.ts';
import { checkValues } from './value-check.ts';
import { appFileProblem } from './app-files.ts';
import { checkArrivals } from './arrivals.ts';

const PROBABILITY_TOLERANCE = 1e-9;
// Lambda's maximum timeout (AWS Lambda quotas, 2026). The spec phase checks it
// before the platform model (src/model) is consulted; the model table holds the
// same fact for the passes, and a test keeps the two equal.
const LAMBDA_MAX_TIMEOUT_MS = 900_000;

export function checkSemantics(spec: AppSpec, sourceMap: SourceMap, baseDir: string): Diagnostic[] {
  return [
    ...checkFunctions(spec, sourceMap, baseDir),
    ...checkSteps(spec, sourceMap),
    ...checkGraph(spec, sourceMap),
    ...checkSlo(spec, sourceMap),
    ...checkArrivals(spec.arrivals, sourceMap),
    ...checkValues(spec, sourceMap),
  ];
}

function checkSlo(spec: AppSpec, sourceMap: SourceMap): Diagnostic[] {
  const given = Object.keys(spec.slo ?? {});
  return given.length > 1 ? [specDiagnostics.sloPercentiles(sourceMap.positionOf(['slo']), given)] : [];
}

function checkFunctions(spec: AppSpec, sourceMap: SourceMap, baseDir: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const used = new Set(Object.values(spec.steps).map((step) => step.function));
  for (const [name, fn] of Object.entries(spec.functions)) {
    const at = (key: string) => sourceMap.positionOf(['functions', name, key]);
    for (const key of ['handler', 'payload'] as const) {
      const file = fn[key];
      const problem = file === undefined ? undefined : appFileProblem(baseDir, file, `${key} of '${name}'`, at(key));
      if (problem) diagnostics.push(problem);
    }
    if (fn.timeout !== undefined && (parseDurationMs(fn.timeout) ?? 0) > LAMBDA_MAX_TIMEOUT_MS) {
      diagnostics.push(specDiagnostics.outOfRange(at('timeout'), `timeout of function '${name}'`, `is ${fn.timeout}; Lambda allows at most 900s`, 'split the work into steps, or lower the timeout to 900s or less'));
    }
    if (fn.minMemory !== undefined && fn.maxMemory !== undefined && fn.minMemory > fn.maxMemory) {
      diagnostics.push(specDiagnostics.outOfRange(at('minMemory'), `minMemory of function '${name}'`, `(${fn.minMemory}) is above maxMemory (${fn.maxMemory})`, 'swap them or widen the range'));
    }
    if (!used.has(name)) diagnostics.push(specDiagnostics.unusedFunction(sourceMap.positionOf(['functions', name], { key: true }), name));
  }
  return diagnostics;
}

function checkSteps(spec: AppSpec, sourceMap: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const stepNames = Object.keys(spec.steps);
  const functionNames = Object.keys(spec.functions);
  const isStep = new Set(stepNames);
  const isFunction = new Set(functionNames);
  for (const [id, step] of Object.entries(spec.steps)) {
    const stepAt = sourceMap.positionOf(['steps', id], { key: true });
    if (step.function === undefined && step.choice === undefined) {
      diagnostics.push(specDiagnostics.stepKind(stepAt, id, 'has neither a function nor a choice', 'add function: <name>, or choice: { branchA: 0.5, branchB: 0.5 }'));
    }
    if (step.function !== undefined && step.choice !== undefined) {
      diagnostics.push(specDiagnostics.stepKind(stepAt, id, 'has both a function and a choice', 'split it: a step that runs the function, then a choice step that needs it'));
    }
    if (step.choice !== undefined && step.map !== undefined) {
      diagnostics.push(specDiagnostics.stepKind(stepAt, id, 'is a choice with a map', 'put the map on a step that runs a function'));
    }
    if (step.function !== undefined && !isFunction.has(step.function)) {
      diagnostics.push(specDiagnostics.unknownFunction(sourceMap.positionOf(['steps', id, 'function']), id, step.function, functionNames));
    }
    (step.needs ?? []).forEach((need, index) => {
      if (!isStep.has(need)) {
        diagnostics.push(specDiagnostics.unknownNeed(sourceMap.positionOf(['steps', id, 'needs', index]), id, need, stepNames));
      }
    });
    if (step.choice) diagnostics.push(...checkChoice(spec, id, step.choice, sourceMap));
    const width = step.map?.width;
    if (width !== undefined && typeof width === 'object') {
      const widthAt = sourceMap.positionOf(['steps', id, 'map', 'width']);
      if ('min' in width && width.min > width.max) diagnostics.push(specDiagnostics.badWidth(widthAt, id, `min ${width.min} is above max ${width.max}`));
      if ('values' in width) {
        if (width.values.length !== width.probabilities.length) {
          diagnostics.push(specDiagnostics.badWidth(widthAt, id, `${width.values.length} values but ${width.probabilities.length} probabilities`));
        }
        const sum = width.probabilities.reduce((a, b) => a + b, 0);
        if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) diagnostics.push(specDiagnostics.probabilitiesSum(widthAt, id, sum));
      }
    }
  }
  return diagnostics;
}

function checkChoice(spec: AppSpec, id: string, choice: Record<string, number>, sourceMap: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const stepNames = Object.keys(spec.steps);
  const sum = Object.values(choice).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) diagnostics.push(specDiagnostics.probabilitiesSum(sourceMap.positionOf(['steps', id, 'choice']), id, sum));
  for (const branch of Object.keys(choice)) {
    const branchAt = sourceMap.positionOf(['steps', id, 'choice', branch], { key: true });
    const branchStep = spec.steps[branch];
    if (!branchStep) diagnostics.push(specDiagnostics.branchNotAStep(branchAt, id, branch, stepNames));
    else if (!(branchStep.needs ?? []).includes(id)) diagnostics.push(specDiagnostics.branchDoesNotNeedChoice(branchAt, id, branch));
  }
  for (const [other, step] of Object.entries(spec.steps)) {
    if ((step.needs ?? []).includes(id) && !(other in choice)) {
      diagnostics.push(specDiagnostics.unreachable(sourceMap.positionOf(['steps', other], { key: true }), other, `it needs choice '${id}' but is not one of its branches`));
    }
  }
  return diagnostics;
}

function checkGraph(spec: AppSpec, sourceMap: SourceMap): Diagnostic[] {
  const needs = new Map<string, string[]>();
  for (const [id, step] of Object.entries(spec.steps)) needs.set(id, (step.needs ?? []).filter((n) => n in spec.steps));
  const cycle = findCycle(needs);
  if (!cycle) return [];
  const diagnostics = [specDiagnostics.cycle(sourceMap.positionOf(['steps', cycle[0]!], { key: true }), cycle)];
  // Everything downstream of the cycle waits forever.
  const inCycle = new Set(cycle);
  const blocked = new Set<string>(cycle);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, deps] of needs) {
      if (!blocked.has(id) && deps.some((d) => blocked.has(d))) {
        blocked.add(id);
        grew = true;
      }
    }
  }
  for (const id of [...blocked].sort()) {
    if (!inCycle.has(id)) diagnostics.push(specDiagnostics.unreachable(sourceMap.positionOf(['steps', id], { key: true }), id, 'it waits on a cycle'));
  }
  return diagnostics;
}

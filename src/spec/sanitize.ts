// Keeps the parts of a schema-invalid spec whose shape is sound, so the
// semantic checks can still run and the user sees every problem at once
// (schema and graph errors together) instead of fixing them in rounds.
// Anything malformed was already reported by the schema check.
import type { AppSpec, FunctionSpec, StepSpec, WidthSpec } from './types.ts';
import { parseBytes, parseDurationMs } from './units.ts';

export function sanitizeSpec(value: Record<string, unknown>): AppSpec {
  const functions: Record<string, FunctionSpec> = {};
  for (const [name, fn] of entries(value.functions)) {
    if (!isRecord(fn)) continue;
    const clean: FunctionSpec = {};
    if (typeof fn.handler === 'string') clean.handler = fn.handler;
    if (typeof fn.payload === 'string') clean.payload = fn.payload;
    if (typeof fn.timeout === 'string' && parseDurationMs(fn.timeout) !== undefined) clean.timeout = fn.timeout;
    if (typeof fn.minMemory === 'number') clean.minMemory = fn.minMemory;
    if (typeof fn.maxMemory === 'number') clean.maxMemory = fn.maxMemory;
    functions[name] = clean;
  }
  const steps: Record<string, StepSpec> = {};
  for (const [id, step] of entries(value.steps)) {
    if (!isRecord(step)) continue;
    const clean: StepSpec = {};
    if (typeof step.function === 'string') clean.function = step.function;
    if (Array.isArray(step.needs)) clean.needs = step.needs.filter((n): n is string => typeof n === 'string');
    if (isRecord(step.choice)) {
      clean.choice = Object.fromEntries(Object.entries(step.choice).filter(([, p]) => typeof p === 'number')) as Record<string, number>;
    }
    if (isRecord(step.map)) clean.map = { width: saneWidth(step.map.width) };
    if (typeof step.output === 'string' && parseBytes(step.output) !== undefined) clean.output = step.output;
    steps[id] = clean;
  }
  const spec: AppSpec = { name: typeof value.name === 'string' ? value.name : 'app', functions, steps };
  if (isRecord(value.slo)) spec.slo = value.slo as AppSpec['slo'];
  return spec;
}

/** The width when its shape is one the schema allows, else a neutral 1. */
function saneWidth(width: unknown): WidthSpec {
  if (typeof width === 'number' && Number.isInteger(width) && width >= 1) return width;
  if (isRecord(width) && typeof width.min === 'number' && typeof width.max === 'number') return { min: width.min, max: width.max };
  if (isRecord(width) && Array.isArray(width.values) && Array.isArray(width.probabilities)) {
    return { values: width.values.filter(isNumber), probabilities: width.probabilities.filter(isNumber) };
  }
  return 1;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}

function entries(value: unknown): Array<[string, unknown]> {
  return isRecord(value) ? Object.entries(value) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

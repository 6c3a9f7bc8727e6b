// Checks a memory grid as the user wrote it — app.yaml `memoryGrid` (for the
// app or one function) or `--memory-grid` — and says precisely what is wrong
// and where: an unknown word, a size that is not a whole MB from 128 to
// 10,240 (Lambda's range), a size listed twice, an empty list. The schema
// (app.schema.json) describes the same shape for editors; its oneOf errors
// would only say "has a form that is not allowed", so schema-check.ts hands
// memoryGrid values to this module instead. O(sizes).
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.ts';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';
import type { SourceMap } from './source-map.ts';
import type { MemoryGridSpec } from './types.ts';

export const MEMORY_GRID_WORDS = ['default', 'measured', 'all'] as const;
/** Lambda's memory range (AWS Lambda quotas, 2026); the platform table holds the same numbers for the passes. */
const MIN_MB = 128;
const MAX_MB = 10240;

/** Problems of the memoryGrid values in a parsed app.yaml (top level and per function), positioned. */
export function appMemoryGridProblems(value: Record<string, unknown>, sourceMap: SourceMap): Diagnostic[] {
  const problems: Diagnostic[] = [];
  if ('memoryGrid' in value) problems.push(...memoryGridProblems(value.memoryGrid, 'memoryGrid', (path) => sourceMap.positionOf(['memoryGrid', ...path])));
  const functions = value.functions;
  if (functions !== null && typeof functions === 'object' && !Array.isArray(functions)) {
    for (const [name, fn] of Object.entries(functions as Record<string, unknown>)) {
      if (fn === null || typeof fn !== 'object' || Array.isArray(fn) || !('memoryGrid' in fn)) continue;
      const grid = (fn as Record<string, unknown>).memoryGrid;
      problems.push(...memoryGridProblems(grid, `memoryGrid of function '${name}'`, (path) => sourceMap.positionOf(['functions', name, 'memoryGrid', ...path])));
    }
  }
  return problems;
}

/** Every problem of one grid value; `at` positions a path inside it ([] = the value, [i] = its i-th size). */
export function memoryGridProblems(value: unknown, where: string, at: (path: number[]) => SourcePosition | undefined): Diagnostic[] {
  if (typeof value === 'string') return (MEMORY_GRID_WORDS as readonly string[]).includes(value) ? [] : [modelDiagnostics.memoryGridForm(at([]), where, value)];
  if (!Array.isArray(value)) return [modelDiagnostics.memoryGridForm(at([]), where, JSON.stringify(value) ?? String(value))];
  if (value.length === 0) return [modelDiagnostics.memoryGridEmpty(at([]), where)];
  const problems: Diagnostic[] = [];
  const seen = new Set<number>();
  value.forEach((size, i) => {
    if (!isLambdaMemory(size)) problems.push(modelDiagnostics.memoryGridSize(at([i]), where, typeof size === 'number' ? `${size}` : `'${String(size)}'`));
    else if (seen.has(size)) problems.push(modelDiagnostics.memoryGridDuplicate(at([i]), where, size));
    else seen.add(size);
  });
  return problems;
}

/** `--memory-grid measured|all|default|128,512,1769` as a grid; throws the diagnostics of a bad value. */
export function parseMemoryGridFlag(text: string): MemoryGridSpec {
  const trimmed = text.trim();
  const value: unknown = /^[a-z]+$/.test(trimmed) ? trimmed : trimmed.split(',').map((part) => (/^\s*\d+(\.\d+)?\s*$/.test(part) ? Number(part) : part.trim()));
  const problems = memoryGridProblems(value, '--memory-grid', () => undefined);
  if (problems.length > 0) throw new DagcUserError(problems);
  return value as MemoryGridSpec;
}

function isLambdaMemory(size: unknown): size is number {
  return typeof size === 'number' && Number.isInteger(size) && size >= MIN_MB && size <= MAX_MB;
}

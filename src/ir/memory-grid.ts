// A memory grid as the IR carries it (FunctionInfo.memoryGrid), from what the
// user wrote (src/spec/memory-grid-check.ts checked it): a function's own grid
// wins over the app's, and `--memory-grid` over both (withMemoryGrid). Which
// sizes a grid means for a function is decided where the options are built
// (src/passes/memory-options.ts), since `measured` depends on its profile.
import type { MemoryGridSpec } from '../spec/types.ts';
import type { IR, MemoryGrid } from './types.ts';

export function toMemoryGrid(spec: MemoryGridSpec): MemoryGrid {
  if (Array.isArray(spec)) return { kind: 'list', sizesMb: [...spec].sort((a, b) => a - b) };
  return { kind: spec };
}

/** The IR with every function's grid replaced: what `--memory-grid` does. Functions are copied, not mutated. */
export function withMemoryGrid(ir: IR, grid: MemoryGrid): IR {
  const functions = new Map([...ir.functions].map(([name, info]) => [name, { ...info, memoryGrid: grid }]));
  return { ...ir, functions };
}

/** The grid in the user's words, for messages: "measured", "[512, 1024] MB". */
export function describeMemoryGrid(grid: MemoryGrid | undefined): string {
  if (!grid) return 'default';
  return grid.kind === 'list' ? `[${grid.sizesMb.join(', ')}] MB` : grid.kind;
}

// Reads the numeric options of `dagc profile` into values or diagnostics.
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { profilerDiagnostics } from '../diagnostics/profiler.ts';

/** "128,256,512" → [128, 256, 512], sorted and without repeats, within the platform's bounds. */
export function parseMemoryList(text: string, minMemoryMb: number, maxMemoryMb: number): number[] {
  const parts = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) throw new DagcUserError([profilerDiagnostics.badMemoryList(text, 'no sizes given')]);
  const sizes = new Set<number>();
  for (const part of parts) {
    if (!/^\d+$/.test(part)) throw new DagcUserError([profilerDiagnostics.badMemoryList(text, `'${part}' is not a whole number of MB`)]);
    const memoryMb = Number(part);
    if (memoryMb < minMemoryMb || memoryMb > maxMemoryMb) {
      throw new DagcUserError([profilerDiagnostics.badMemoryList(text, `${memoryMb} MB is outside Lambda's ${minMemoryMb}–${maxMemoryMb} MB`)]);
    }
    sizes.add(memoryMb);
  }
  return [...sizes].sort((a, b) => a - b);
}

const MAX_INVOCATIONS_PER_SIZE = 1000;

export function parseInvocations(text: string): number {
  const count = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(count >= 1 && count <= MAX_INVOCATIONS_PER_SIZE)) throw new DagcUserError([profilerDiagnostics.badInvocations(text)]);
  return count;
}

// Reads a worker's resident memory from /proc/<pid>/status: VmHWM (peak) for
// "Max Memory Used" and VmRSS to enforce the memory limit. Linux only; on
// other systems both read as 0 and the limit is left to --max-old-space-size.
import { readFileSync } from 'node:fs';

export interface MemorySample {
  rssMb: number;
  peakMb: number;
}

function fieldKb(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

export function sampleMemory(pid: number): MemorySample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rssMb: fieldKb(status, 'VmRSS') / 1024, peakMb: fieldKb(status, 'VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

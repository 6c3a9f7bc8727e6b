// Reads a worker's memory from /proc/<pid>/status: VmRSS (resident now) and
// VmHWM (the resident high-water mark since the process started). Lambda's
// `Max Memory Used` is the environment's peak, which is what VmHWM keeps, so a
// spike between two polls is still reported. Linux only; elsewhere both read
// as undefined and the emulator reports 0 MB and enforces no memory limit.
import { readFileSync } from 'node:fs';

export interface MemorySample {
  rssKb: number;
  hwmKb: number;
}

export function readMemory(pid: number): MemorySample | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const rssKb = field(status, 'VmRSS');
  const hwmKb = field(status, 'VmHWM');
  if (rssKb === undefined || hwmKb === undefined) return undefined;
  return { rssKb, hwmKb };
}

function field(status: string, name: string): number | undefined {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : undefined;
}

/** Lambda prints whole megabytes; a partly used megabyte counts as used. */
export function kbToReportedMb(kb: number): number {
  return Math.ceil(kb / 1024);
}

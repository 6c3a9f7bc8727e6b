// Injected faults for tests: each is consumed by the next matching
// invocation(s). throttle → 429 TooManyRequestsException; serviceError → 500
// ServiceException; timeout → the handler hangs until the real timeout fires;
// crash → the environment's process is killed mid-invocation.
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { emulatorDiagnostics } from '../diagnostics/emulator.ts';

export type FaultKind = 'throttle' | 'serviceError' | 'timeout' | 'crash';

export interface Fault {
  kind: FaultKind;
  /** Only invocations of this function; all functions when absent. */
  functionName?: string;
  /** How many invocations it hits; 1 when absent. */
  count?: number;
  /** crash only: ms into the invocation before the kill (default 0). */
  afterMs?: number;
}

const KINDS: readonly FaultKind[] = ['throttle', 'serviceError', 'timeout', 'crash'];

export function parseFault(value: unknown): Fault {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind as FaultKind)) throw new DagcUserError([emulatorDiagnostics.badFault(`kind ${JSON.stringify(kind)}`)]);
  const fault: Fault = { kind: kind as FaultKind };
  if (typeof record.functionName === 'string') fault.functionName = record.functionName;
  if (record.count !== undefined) {
    if (typeof record.count !== 'number' || !Number.isInteger(record.count) || record.count < 1) throw new DagcUserError([emulatorDiagnostics.badFault('count must be a positive integer')]);
    fault.count = record.count;
  }
  if (typeof record.afterMs === 'number' && record.afterMs >= 0) fault.afterMs = record.afterMs;
  return fault;
}

export class FaultQueue {
  private readonly pending: Array<Fault & { remaining: number }> = [];

  add(fault: Fault): void {
    this.pending.push({ ...fault, remaining: fault.count ?? 1 });
  }

  /** Takes the first fault that applies to this function, if any. */
  take(functionName: string): Fault | undefined {
    const index = this.pending.findIndex((fault) => fault.functionName === undefined || fault.functionName === functionName);
    if (index < 0) return undefined;
    const fault = this.pending[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.pending.splice(index, 1);
    return fault;
  }

  clear(): void {
    this.pending.length = 0;
  }

  list(): Fault[] {
    return this.pending.map(({ remaining, ...fault }) => ({ ...fault, count: remaining }));
  }
}

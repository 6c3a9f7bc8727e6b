// Faults a test can ask the emulator to inject into upcoming invocations:
// throttle → 429 TooManyRequestsException; serviceError → 500
// ServiceException; timeout → the event is never delivered, so the invocation
// runs into its configured timeout; crash → the worker is killed mid-
// invocation. Each fault applies to one function or to all, `count` times
// (default once; Infinity until cleared); the oldest matching fault is used first.
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

/** Checks a fault given as JSON (the admin route) or by a caller. */
export function parseFault(value: unknown): Fault {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind as FaultKind)) throw new DagcUserError([emulatorDiagnostics.badFault(`kind ${JSON.stringify(kind)}`)]);
  const fault: Fault = { kind: kind as FaultKind };
  if (record.functionName !== undefined) {
    if (typeof record.functionName !== 'string') throw new DagcUserError([emulatorDiagnostics.badFault('functionName must be a string')]);
    fault.functionName = record.functionName;
  }
  if (record.count !== undefined) {
    const count = record.count;
    if (typeof count !== 'number' || !(Number.isInteger(count) || count === Infinity) || count < 1) {
      throw new DagcUserError([emulatorDiagnostics.badFault('count must be a positive integer')]);
    }
    fault.count = count;
  }
  if (record.afterMs !== undefined) {
    if (typeof record.afterMs !== 'number' || !(record.afterMs >= 0)) throw new DagcUserError([emulatorDiagnostics.badFault('afterMs must be a number ≥ 0')]);
    fault.afterMs = record.afterMs;
  }
  return fault;
}

export class FaultQueue {
  private readonly pending: Array<Fault & { remaining: number }> = [];

  add(fault: Fault): void {
    const checked = parseFault(fault);
    this.pending.push({ ...checked, remaining: checked.count ?? 1 });
  }

  /** Takes the first fault that applies to this function, consuming one use of it. */
  take(functionName: string): Fault | undefined {
    const index = this.pending.findIndex((fault) => fault.functionName === undefined || fault.functionName === functionName);
    if (index < 0) return undefined;
    const fault = this.pending[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.pending.splice(index, 1);
    const { remaining: _remaining, ...taken } = fault;
    return taken;
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** What is still pending; `count` is what remains (null for a fault that never runs out). */
  list(): Array<Omit<Fault, 'count'> & { count: number | null }> {
    return this.pending.map(({ remaining, ...fault }) => ({ ...fault, count: remaining === Infinity ? null : remaining }));
  }
}

// Faults a test can ask the emulator to inject into upcoming invocations:
// throttling (429 TooManyRequestsException), a service error (500
// ServiceException), a forced timeout (the event is never delivered, so the
// invocation runs into its configured timeout) and a crashed environment (the
// worker is killed mid-invocation). Each fault applies to one function or to
// all, `times` times (default once) or until cleared; the oldest matching
// fault is used first.

export type FaultKind = 'throttle' | 'service-error' | 'timeout' | 'crash';

export interface FaultSpec {
  kind: FaultKind;
  /** Only invocations of this function; all functions when absent. */
  functionName?: string;
  /** How many invocations it hits; 'always' until clearFaults(). Default 1. */
  times?: number | 'always';
  /** For 'crash': how long after the invocation starts the worker is killed (default 0). */
  afterMs?: number;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];

  inject(spec: FaultSpec): void {
    const remaining = spec.times === 'always' ? Infinity : spec.times ?? 1;
    if (!Number.isInteger(remaining) && remaining !== Infinity) throw new RangeError(`fault times must be a whole number or 'always', not ${spec.times}`);
    if (remaining > 0) this.faults.push({ spec: { ...spec }, remaining });
  }

  /** The fault that hits this invocation, consuming one use of it. */
  take(functionName: string): FaultSpec | undefined {
    const index = this.faults.findIndex((fault) => fault.spec.functionName === undefined || fault.spec.functionName === functionName);
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault.spec;
  }

  clear(): void {
    this.faults = [];
  }

  pending(): Array<FaultSpec & { remaining: number | 'always' }> {
    return this.faults.map((fault) => ({ ...fault.spec, remaining: fault.remaining === Infinity ? 'always' : fault.remaining }));
  }
}

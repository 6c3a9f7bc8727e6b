// The decision log: every choice a pass made, the alternatives it rejected and
// the numbers that decided, in the order made. `dagc explain` prints it and
// plan.json carries it, so a reviewer can see why a plan is what it is.

export type RemarkKind = 'passed' | 'missed' | 'analysis';

export interface RejectedOption {
  option: string;
  reason: string;
  numbers?: Record<string, number>;
}

export interface Decision {
  pass: string;
  kind: RemarkKind;
  /** What the decision is about: a function, a step, an edge, or the app. */
  subject: string;
  /** What was chosen, in words: "memory 1769 MB on arm64". */
  chosen: string;
  /** The numbers that decided it, with units in their names. */
  numbers: Record<string, number>;
  rejected: RejectedOption[];
}

export class DecisionLog {
  private readonly entries: Decision[] = [];

  constructor(private readonly pass: string) {}

  record(kind: RemarkKind, subject: string, chosen: string, numbers: Record<string, number> = {}, rejected: RejectedOption[] = []): void {
    const roundedRejected = rejected.map((r) => (r.numbers ? { ...r, numbers: roundNumbers(r.numbers) } : r));
    this.entries.push({ pass: this.pass, kind, subject, chosen, numbers: roundNumbers(numbers), rejected: roundedRejected });
  }

  list(): Decision[] {
    return [...this.entries];
  }
}

/** Numbers in the log are rounded so the plan's bytes do not depend on float noise in the last digits. */
function roundNumbers(numbers: Record<string, number>): Record<string, number> {
  const rounded: Record<string, number> = {};
  for (const key of Object.keys(numbers).sort()) rounded[key] = Number(numbers[key]!.toPrecision(10));
  return rounded;
}

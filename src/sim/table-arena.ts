// The flat array the sampling loop draws plain tasks' durations and inits
// from (compiled-workflow.ts): each distinct table once, found by offset. A
// lognormal table (noise.ts: the standard normal's quantiles and a sigma) is
// stored as its ratios exp(sigma · z), computed once here instead of once per
// draw in the loop — the same doubles, since the loop computed exactly that
// product and exp — which took a third of a large estimate's sampling time
// (two exps per draw of a size between two measured ones).
// Kept across the estimates of one graph and context (plan-workflow.ts), so
// a table is copied in once, not once per estimate (a 10k-function workflow
// has 30k of them), and in shared memory, so the sampling pool's helper
// thread reads it without a copy. It only grows: what it holds is bounded by
// the distinct tables of the workflow's profiles (functions × measured sizes).
// Complexity: O(table size) the first time a table is asked for, O(1) after.
import type { TablePart } from '../model/noise.ts';

const INITIAL_CAPACITY = 1024;

export class TableArena {
  private data = new Float64Array(new SharedArrayBuffer(INITIAL_CAPACITY * 8));
  private used = 0;
  private readonly plain = new Map<readonly number[], number>();
  /** Lognormal tables: by the standard quantiles' array, then by sigma. */
  private readonly exponentiated = new Map<readonly number[], Map<number, number>>();

  /** Where this table's entries start. */
  offsetOf(entries: readonly number[]): number {
    let offset = this.plain.get(entries);
    if (offset === undefined) {
      offset = this.append(entries.length, (k) => entries[k]!);
      this.plain.set(entries, offset);
    }
    return offset;
  }

  /** Where this part's ratios start: its entries, or exp(logSigma · entry) for each entry of a lognormal table. */
  offsetOfPart(part: TablePart): number {
    const logSigma = part.logSigma;
    if (logSigma === undefined) return this.offsetOf(part.entries);
    let bySigma = this.exponentiated.get(part.entries);
    if (!bySigma) this.exponentiated.set(part.entries, (bySigma = new Map()));
    let offset = bySigma.get(logSigma);
    if (offset === undefined) {
      const entries = part.entries;
      offset = this.append(entries.length, (k) => Math.exp(logSigma * entries[k]!));
      bySigma.set(logSigma, offset);
    }
    return offset;
  }

  /** Every table so far (a view: later tables go after it, so offsets already handed out stay valid). */
  view(): Float64Array {
    return this.data.subarray(0, this.used);
  }

  private append(length: number, entry: (k: number) => number): number {
    if (this.used + length > this.data.length) {
      let capacity = this.data.length * 2;
      while (capacity < this.used + length) capacity *= 2;
      const grown = new Float64Array(new SharedArrayBuffer(capacity * 8));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    const offset = this.used;
    for (let k = 0; k < length; k += 1) this.data[offset + k] = entry(k);
    this.used += length;
    return offset;
  }
}

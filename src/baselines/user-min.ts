// User-Min: what an engineer who buys cheap does — every function at the
// smallest memory size that fits its footprint (its smallest candidate), on
// today's architecture when that one has data. The SLO is ignored.
// Complexity: O(functions × candidates).
import type { Strategy } from '../passes/strategy.ts';
import { boundStrategy } from './user-max.ts';

export const USER_MIN = 'user-min';

// Candidates are sorted by memory, then by the spec's architecture order, so the first is the smallest on today's architecture.
export const userMin: Strategy = (input) => boundStrategy(USER_MIN, input, (options) => options[0]!);

// How likely each outcome of a Choice is. ASL says nothing about it, so each
// outcome (every rule, and the Default) is equally likely unless the author
// wrote a share into a Comment: 'dagc:p=0.3' in a rule's Comment,
// 'dagc:default=0.2' in the Choice state's Comment. Outcomes without a share
// split what is left equally. Outcomes that lead to the same state add up.
import { isRecord, type AslState, type Transition } from './asl-scope.ts';

const TOLERANCE = 1e-9;

export interface OutcomeShares {
  /** Probability per transition, in the order given. */
  shares: number[];
  /** Whether any share came from a Comment. */
  given: boolean;
  /** Why the given shares were ignored, when they were. */
  problem?: string;
}

export function outcomeShares(state: AslState, outcomes: Transition[]): OutcomeShares {
  const equal = outcomes.map(() => 1 / Math.max(outcomes.length, 1));
  const declared = outcomes.map((t) => declaredShare(state, t));
  if (declared.every((d) => d === undefined)) return { shares: equal, given: false };
  const bad = declared.find((d) => typeof d === 'string');
  if (typeof bad === 'string') return { shares: equal, given: false, problem: bad };
  const known = declared.filter((d): d is number => typeof d === 'number');
  const sum = known.reduce((a, b) => a + b, 0);
  if (sum > 1 + TOLERANCE) return { shares: equal, given: false, problem: `the shares in Comments sum to ${round(sum)}, more than 1` };
  const open = declared.filter((d) => d === undefined).length;
  if (open === 0 && Math.abs(sum - 1) > TOLERANCE) return { shares: equal, given: false, problem: `every outcome has a share but they sum to ${round(sum)}, not 1` };
  const rest = open === 0 ? 0 : (1 - sum) / open;
  return { shares: declared.map((d) => (typeof d === 'number' ? d : rest)), given: true };
}

/** A number in [0, 1], a problem as a string, or undefined when none is written. */
function declaredShare(state: AslState, transition: Transition): number | string | undefined {
  const comment =
    transition.outcome === 'default'
      ? state.raw.Comment
      : typeof transition.outcome === 'number' && Array.isArray(state.raw.Choices) && isRecord(state.raw.Choices[transition.outcome])
        ? (state.raw.Choices[transition.outcome] as Record<string, unknown>).Comment
        : undefined;
  if (typeof comment !== 'string') return undefined;
  const pattern = transition.outcome === 'default' ? /dagc:default=(\S*)/ : /dagc:p=(\S*)/;
  const match = pattern.exec(comment);
  if (!match) return undefined;
  const value = Number(match[1]);
  if (!/^(0|1|0?\.\d+|1\.0*)$/.test(match[1]!) || !(value >= 0 && value <= 1)) return `'${match[0]}' is not a probability between 0 and 1`;
  return value;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

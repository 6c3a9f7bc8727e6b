// A choice step as ASL: a Pass state that draws, then a Choice state that
// tests the draw. The draw is the one of src/runtime/choice-draw.ts, computed
// by Step Functions itself: States.Hash(SHA-256) of "<seed>\0<choice id>"
// (seed = the execution's name) gives the hex digest, whose first 12 hex
// digits are the 48-bit u·2^48. "u < cumulative probability" is then
// "digest < threshold" as strings, where the threshold is ceil(c·2^48) in 12
// lowercase hex digits: equal-length hex compares like the number, and the
// longer digest with an equal prefix is not less, as u = c is not less.
// No Lambda is invoked for a choice, so no environment is warmed for it.
import { BAG_FIELDS } from '../../runtime/lambda/state-bag.ts';
import { escapeFormat, type AslState } from './task-states.ts';

const TWO_48 = 2 ** 48;

export function drawState(choiceStep: string, choiceState: string, next: string): AslState {
  const template = `{}\u0000${escapeFormat(choiceStep)}`;
  return {
    Type: 'Pass',
    Parameters: { 'u.$': `States.Hash(States.Format('${template}', $.${BAG_FIELDS.exec}), 'SHA-256')` },
    ResultPath: `$.${BAG_FIELDS.draws}.${choiceState}`,
    Next: next,
  };
}

/** Branches in drawBranch's order (sorted ids, positive probability); the last one is the Default. */
export function choiceState(choiceState: string, probabilities: Record<string, number>, nextOf: (branch: string) => string): AslState {
  const branches = Object.keys(probabilities).sort().filter((b) => probabilities[b]! > 0);
  const variable = `$.${BAG_FIELDS.draws}.${choiceState}.u`;
  let cumulative = 0;
  const choices: AslState[] = [];
  for (const branch of branches.slice(0, -1)) {
    cumulative += probabilities[branch]!;
    if (cumulative >= 1) break;
    choices.push({ Variable: variable, StringLessThan: thresholdHex(cumulative), Next: nextOf(branch) });
  }
  const fallback = branches.at(-1) ?? Object.keys(probabilities).sort()[0]!;
  if (choices.length === 0) choices.push({ Variable: variable, IsPresent: true, Next: nextOf(fallback) });
  return { Type: 'Choice', Choices: choices, Default: nextOf(fallback) };
}

/** u < c ⇔ floor(u·2^48) < ceil(c·2^48) for 0 < c < 1 (c·2^48 is exact in binary floating point). */
export function thresholdHex(cumulative: number): string {
  return Math.ceil(cumulative * TWO_48).toString(16).padStart(12, '0');
}

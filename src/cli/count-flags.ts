// The counting flags every estimating command shares: --samples (bounded, so a
// typo of a few zeros cannot run for an hour and fill memory) and --seed (the
// estimator's generator is 32-bit); and optimize's --out-of-sample-retries. Bounds and their reasons: src/spec/limits.ts.
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { optimizerDiagnostics } from '../diagnostics/optimizer.ts';
import { LIMITS } from '../spec/limits.ts';

export function parseSamplesFlag(text: string): number {
  return wholeNumber(text, '--samples', 1, LIMITS.samples, `a whole number from 1 to ${LIMITS.samples.toLocaleString('en-US')}`, '2000');
}

export function parseSeedFlag(text: string): number {
  return wholeNumber(text, '--seed', 0, LIMITS.seedMax, `a whole number from 0 to ${LIMITS.seedMax}`, '1');
}

/** At most this many re-searches: each draws 4× the samples of the one before, so a fifth would pass LIMITS.samples from any start. */
export const MAX_OUT_OF_SAMPLE_RETRIES = 4;

export function parseRetriesFlag(text: string): number {
  return wholeNumber(text, '--out-of-sample-retries', 0, MAX_OUT_OF_SAMPLE_RETRIES, `a whole number from 0 to ${MAX_OUT_OF_SAMPLE_RETRIES}`, '2');
}

function wholeNumber(text: string, flag: string, min: number, max: number, expected: string, example: string): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new DagcUserError([optimizerDiagnostics.badNumber(flag, text, expected, example)]);
  return value;
}

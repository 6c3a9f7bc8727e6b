// How dagc diff writes numbers, shared by the text, markdown and gate lines
// so the same number never reads two ways. Fixed decimals (no locale), a
// real minus sign for decreases, "—" for a side that is absent.
import type { NumberDelta } from './number-delta.ts';

export const NONE = '—';

/** Dollars per million executions: cents are the unit people budget in. */
export function usd(amount: number | null): string {
  return amount === null ? NONE : `$${amount.toFixed(2)}`;
}

/** Dollars per execution: fractions of a cent, so eight decimals, trailing zeros dropped. */
export function usdPerExecution(amount: number | null): string {
  if (amount === null) return NONE;
  const fixed = amount.toFixed(8).replace(/0+$/, '');
  return `$${/\.\d\d/.test(fixed) ? fixed : amount.toFixed(2)}`;
}

export function ms(latencyMs: number | null): string {
  if (latencyMs === null) return NONE;
  return Math.abs(latencyMs) >= 1000 ? `${(latencyMs / 1000).toFixed(2)}s` : `${Math.round(latencyMs)}ms`;
}

function sign(value: number): string {
  return value < 0 ? '−' : '+';
}

export function signedUsd(amount: number): string {
  return `${sign(amount)}$${Math.abs(amount).toFixed(2)}`;
}

export function signedUsdPerExecution(amount: number): string {
  return `${sign(amount)}${usdPerExecution(Math.abs(amount))}`;
}

export function signedMs(latencyMs: number): string {
  return `${sign(latencyMs)}${ms(Math.abs(latencyMs))}`;
}

export function signedPercent(relative: number): string {
  return `${sign(relative)}${Math.abs(relative * 100).toFixed(1)}%`;
}

/** "+$61.68 (+12.3%)", "−12ms (−0.6%)", "unchanged", or "—" when a side is absent. */
export function deltaText(d: NumberDelta, signed: (value: number) => string): string {
  if (d.delta === null) return NONE;
  if (d.delta === 0) return 'unchanged';
  return d.relative === null ? signed(d.delta) : `${signed(d.delta)} (${signedPercent(d.relative)})`;
}

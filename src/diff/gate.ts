// The gate: is the new plan a regression against the old one? Three checks.
//  - SLO: a plan that met its SLO and whose successor misses its own is a
//    regression, always, with or without flags (the SLO is the contract; the
//    new SLO counts when it changed). A plan that already missed and still
//    misses is reported but is not a new regression.
//  - cost: the workflow's cost per 1M executions may rise by at most
//    --max-cost-increase (relative to the old cost, or in dollars per 1M).
//  - p95: the workflow's predicted p95 may rise by at most --max-p95-increase.
// Equal to the limit passes; only beyond it fails (with a 1e-9 relative
// allowance, so plans rounded to 10 digits cannot fail on float noise).
// The verdict is one line, the last one every output format prints.
import type { CostLimit, GateLimits, P95Limit } from './gate-limits.ts';
import { ms, signedMs, signedPercent, signedUsd, usd } from './format.ts';
import type { NumberDelta } from './number-delta.ts';
import type { PlanNumbers } from './plan-diff.ts';

export interface GateCheck {
  gate: 'slo' | 'cost' | 'p95';
  passed: boolean;
  message: string;
}

export interface GateVerdict {
  passed: boolean;
  checks: GateCheck[];
  /** The messages of the failed checks, in check order. */
  regressions: string[];
  /** One line: "dagc diff: FAIL: …" or "dagc diff: OK: …". */
  verdict: string;
}

const ALLOWANCE = 1e-9;

export function evaluateGate(numbers: PlanNumbers, limits: GateLimits): GateVerdict {
  const checks: GateCheck[] = [sloCheck(numbers)];
  if (limits.maxCostIncrease) checks.push(costCheck(numbers.workflow.costPerMillionExecutionsUsd, limits.maxCostIncrease));
  if (limits.maxP95Increase) checks.push(p95Check(numbers.workflow.latencyMs.p95, limits.maxP95Increase));
  const regressions = checks.filter((c) => !c.passed).map((c) => c.message);
  const passed = regressions.length === 0;
  const ungated = limits.maxCostIncrease || limits.maxP95Increase ? '' : '; no cost or p95 limit given (--max-cost-increase, --max-p95-increase)';
  const verdict = passed ? `dagc diff: OK: ${checks.map((c) => c.message).join('; ')}${ungated}` : `dagc diff: FAIL: ${regressions.join('; ')}`;
  return { passed, checks, regressions, verdict };
}

function sloCheck(numbers: PlanNumbers): GateCheck {
  const { old: a, new: b, changed, newlyMissed } = numbers.slo;
  const objective = `${b.percentile} ≤ ${ms(b.latencyMs)}`;
  const was = changed ? ` (was ${a.percentile} ≤ ${ms(a.latencyMs)})` : '';
  if (newlyMissed) return { gate: 'slo', passed: false, message: `the new plan misses its SLO ${objective}${was}: predicted ${b.percentile} ${ms(b.predictedMs)}; the old plan met its SLO` };
  if (!b.meets) return { gate: 'slo', passed: true, message: `SLO ${objective}${was} still missed (predicted ${ms(b.predictedMs)}; the old plan missed too, so not a new regression)` };
  return { gate: 'slo', passed: true, message: `SLO ${objective}${was} met (predicted ${b.percentile} ${ms(b.predictedMs)})` };
}

function costCheck(cost: NumberDelta, limit: CostLimit): GateCheck {
  const a = cost.old!;
  const b = cost.new!;
  const rise = b - a;
  const over = limit.relative !== undefined ? exceedsRelative(a, b, limit.relative) : rise > limit.perMillionExecutionsUsd! + ALLOWANCE * Math.max(1, Math.abs(a));
  const change = `${signedUsd(rise)}${a > 0 ? ` (${signedPercent(rise / a)})` : ''}, ${usd(a)} → ${usd(b)}`;
  return { gate: 'cost', passed: !over, message: `cost per 1M executions ${change}, ${over ? 'over' : 'within'} --max-cost-increase ${limit.text}` };
}

function p95Check(p95: NumberDelta, limit: P95Limit): GateCheck {
  const a = p95.old!;
  const b = p95.new!;
  const rise = b - a;
  const over = limit.relative !== undefined ? exceedsRelative(a, b, limit.relative) : rise > limit.latencyMs! + ALLOWANCE * Math.max(1, Math.abs(a));
  const change = `${signedMs(rise)}${a > 0 ? ` (${signedPercent(rise / a)})` : ''}, ${ms(a)} → ${ms(b)}`;
  return { gate: 'p95', passed: !over, message: `p95 ${change}, ${over ? 'over' : 'within'} --max-p95-increase ${limit.text}` };
}

/** From zero any rise is beyond every percentage. */
function exceedsRelative(oldValue: number, newValue: number, limit: number): boolean {
  if (oldValue <= 0) return newValue > oldValue;
  return (newValue - oldValue) / oldValue > limit + ALLOWANCE;
}

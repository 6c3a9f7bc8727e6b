// What the composeFrontier brute-force tests share: a step's curve from a list of (latency, cost) options (its
// Pareto points, each choice named after the step and the option's index), the Pareto set of a list of plans, and
// the fast-check arbitraries of an option list (integer latencies and costs, so every sum is exact).
import fc from 'fast-check';
import { leafPoint, type Curve } from '../../src/passes/frontier/curve.ts';

export interface Option {
  latencyMs: number;
  costUsd: number;
}

/** The step's curve: its options' Pareto points, latency ascending; a point's choice is `${name}${index}`. */
export function curveOf(name: string, options: Option[]): Curve<string> {
  const points = options.map((o, i) => leafPoint<string>(o.latencyMs, o.costUsd, `${name}${i}`)).sort((x, y) => x.latencyMs - y.latencyMs || x.costUsd - y.costUsd);
  return points.filter((p, i) => points.slice(0, i).every((q) => q.costUsd > p.costUsd));
}

/** The Pareto set of plans, latency ascending (ties: the cheaper). */
export function pareto(points: Option[]): Option[] {
  const sorted = [...points].sort((x, y) => x.latencyMs - y.latencyMs || x.costUsd - y.costUsd);
  const front: Option[] = [];
  for (const p of sorted) if (front.length === 0 || p.costUsd < front[front.length - 1]!.costUsd) front.push(p);
  return front;
}

export const optionArb = fc.record({ latencyMs: fc.integer({ min: 1, max: 60 }), costUsd: fc.integer({ min: 1, max: 60 }) });
export const listArb = fc.array(optionArb, { minLength: 1, maxLength: 4 });

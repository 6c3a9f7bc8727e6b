// composeFrontier with a Parallel state's branches offered fused (fuseParallel), against brute force written
// here: a ; (b | c) ; d where b and c either run apart (each at one of its options: the slower of the two, their
// costs added) or fused (one of the fused group's options), every combination with a's and d's options, then
// the Pareto set. Integer latencies and costs keep every sum exact.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { composeFrontier, MAX_FUSED_PARALLEL } from '../../../src/passes/frontier/compose.ts';
import { leafPoint, materialize, type Curve } from '../../../src/passes/frontier/curve.ts';
import { curveOf, listArb, pareto, type Option } from '../../helpers/curve-brute-force.ts';
import type { SpTree } from '../../../src/ir/sp-tree.ts';

type Pick = string;

const leaf = (step: string): SpTree => ({ kind: 'leaf', step });
const tree: SpTree = { kind: 'series', children: [leaf('a'), { kind: 'parallel', children: [leaf('b'), leaf('c')] }, leaf('d')] };

describe('composeFrontier: a Parallel state\'s branches offered fused', () => {
  it('equals the brute-force Pareto set over running the branches apart or fused, with every option of the other steps', () => {
    fc.assert(
      fc.property(listArb, listArb, listArb, listArb, listArb, (a, b, c, d, fused) => {
        const curves: Record<string, Curve<Pick>> = { a: curveOf('a', a), b: curveOf('b', b), c: curveOf('c', c), d: curveOf('d', d) };
        const asked: string[][] = [];
        const composed = composeFrontier<Pick>(tree, (step) => curves[step], '', {
          epsilon: 0,
          maxLatencyMs: Infinity,
          budget: { left: Infinity },
          fuseParallel: (steps) => {
            asked.push([...steps]);
            return curveOf('g', fused);
          },
        })!;
        assert.deepEqual(asked, [['b', 'c']]);
        const all: Option[] = [];
        for (const x of a) {
          for (const y of d) {
            for (const p of b) for (const q of c) all.push({ latencyMs: x.latencyMs + Math.max(p.latencyMs, q.latencyMs) + y.latencyMs, costUsd: x.costUsd + p.costUsd + q.costUsd + y.costUsd });
            for (const g of fused) all.push({ latencyMs: x.latencyMs + g.latencyMs + y.latencyMs, costUsd: x.costUsd + g.costUsd + y.costUsd });
          }
        }
        assert.deepEqual(composed.map((p) => ({ latencyMs: p.latencyMs, costUsd: p.costUsd })), pareto(all));
        // A fused point's choice names the group's option and neither branch's own.
        for (const point of composed) {
          const picks = materialize(point.choice);
          const groupPicks = picks.filter((p) => p.startsWith('g'));
          const branchPicks = picks.filter((p) => p.startsWith('b') || p.startsWith('c'));
          assert.ok(groupPicks.length === 1 ? branchPicks.length === 0 : branchPicks.length === 2, picks.join(','));
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('offers fusion only for a parallel of 2 to MAX_FUSED_PARALLEL single steps, and keeps the apart frontier when the hook declines', () => {
    const one = (step: string): Curve<Pick> => [leafPoint<Pick>(10, 10, step)];
    const wide: SpTree = { kind: 'parallel', children: Array.from({ length: MAX_FUSED_PARALLEL + 1 }, (_, i) => leaf(`s${i}`)) };
    const nested: SpTree = { kind: 'parallel', children: [leaf('x'), { kind: 'series', children: [leaf('y'), leaf('z')] }] };
    for (const shape of [wide, nested]) {
      const asked: string[][] = [];
      const composed = composeFrontier<Pick>(shape, one, '', { epsilon: 0, maxLatencyMs: Infinity, budget: { left: Infinity }, fuseParallel: (steps) => (asked.push([...steps]), [leafPoint<Pick>(1, 1, 'g')]) })!;
      assert.deepEqual(asked, []);
      assert.ok(composed.every((p) => !materialize(p.choice).includes('g')));
    }
    const declined = composeFrontier<Pick>({ kind: 'parallel', children: [leaf('x'), leaf('y')] }, one, '', { epsilon: 0, maxLatencyMs: Infinity, budget: { left: Infinity }, fuseParallel: () => undefined })!;
    assert.deepEqual(declined.map((p) => [p.latencyMs, p.costUsd]), [[10, 20]]);
  });
});

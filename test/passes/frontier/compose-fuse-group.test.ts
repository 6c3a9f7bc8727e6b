// composeFrontier with parts that are neither chains nor Parallel states of single steps offered fused
// (fuseGroup): a run through a Parallel state ((a | b); c, a fan-in) and a Parallel state whose branches are
// chains (a; b | c), against brute force written here. Integer latencies and costs keep every sum exact.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { composeFrontier, MAX_FUSED_GROUP } from '../../../src/passes/frontier/compose.ts';
import { leafPoint, materialize, type Curve } from '../../../src/passes/frontier/curve.ts';
import { curveOf, listArb, pareto, type Option } from '../../helpers/curve-brute-force.ts';
import type { SpTree } from '../../../src/ir/sp-tree.ts';

type Pick = string;

const leaf = (step: string): SpTree => ({ kind: 'leaf', step });
const unbounded = { epsilon: 0, maxLatencyMs: Infinity };

describe('composeFrontier: parts through a Parallel state offered fused (fuseGroup)', () => {
  it('equals the brute-force Pareto set of a fan-in (a | b); c run apart or as one group', () => {
    const tree: SpTree = { kind: 'series', children: [{ kind: 'parallel', children: [leaf('a'), leaf('b')] }, leaf('c')] };
    fc.assert(
      fc.property(listArb, listArb, listArb, listArb, (a, b, c, fused) => {
        const curves: Record<string, Curve<Pick>> = { a: curveOf('a', a), b: curveOf('b', b), c: curveOf('c', c) };
        const asked: string[][] = [];
        const chains: string[][] = [];
        const composed = composeFrontier<Pick>(tree, (step) => curves[step], '', {
          ...unbounded,
          budget: { left: Infinity },
          fuse: (steps) => (chains.push([...steps]), undefined),
          fuseGroup: (steps) => (asked.push([...steps]), curveOf('g', fused)),
        })!;
        // The run through the parallel is asked of fuseGroup, in the tree's order; no chain of leaves exists here.
        assert.deepEqual(asked, [['a', 'b', 'c']]);
        assert.deepEqual(chains, []);
        const all: Option[] = [];
        for (const p of a) for (const q of b) for (const r of c) all.push({ latencyMs: Math.max(p.latencyMs, q.latencyMs) + r.latencyMs, costUsd: p.costUsd + q.costUsd + r.costUsd });
        for (const g of fused) all.push({ latencyMs: g.latencyMs, costUsd: g.costUsd });
        assert.deepEqual(composed.map((p) => ({ latencyMs: p.latencyMs, costUsd: p.costUsd })), pareto(all));
        for (const point of composed) {
          const picks = materialize(point.choice);
          // Fused: the group's pick alone; apart: one pick for each of a, b and c.
          assert.ok(picks.some((p) => p.startsWith('g')) ? picks.length === 1 : picks.length === 3, picks.join(','));
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('equals the brute-force Pareto set of a Parallel state whose branch is a chain, (a; b | c), apart or fused', () => {
    const tree: SpTree = { kind: 'parallel', children: [{ kind: 'series', children: [leaf('a'), leaf('b')] }, leaf('c')] };
    fc.assert(
      fc.property(listArb, listArb, listArb, listArb, (a, b, c, fused) => {
        const curves: Record<string, Curve<Pick>> = { a: curveOf('a', a), b: curveOf('b', b), c: curveOf('c', c) };
        const asked: string[][] = [];
        const composed = composeFrontier<Pick>(tree, (step) => curves[step], '', {
          ...unbounded,
          budget: { left: Infinity },
          fuseParallel: () => assert.fail('a parallel with a chain branch is not a Parallel state of single steps'),
          fuseGroup: (steps) => (asked.push([...steps]), curveOf('g', fused)),
        })!;
        assert.deepEqual(asked, [['a', 'b', 'c']]);
        const all: Option[] = [];
        for (const p of a) for (const q of b) for (const r of c) all.push({ latencyMs: Math.max(p.latencyMs + q.latencyMs, r.latencyMs), costUsd: p.costUsd + q.costUsd + r.costUsd });
        for (const g of fused) all.push({ latencyMs: g.latencyMs, costUsd: g.costUsd });
        assert.deepEqual(composed.map((p) => ({ latencyMs: p.latencyMs, costUsd: p.costUsd })), pareto(all));
      }),
      { numRuns: 150, seed: 13 },
    );
  });

  it('asks every run of a series that goes through a part, the runs ending at each child growing leftwards, and chains of leaves of fuse as before', () => {
    // x ; (a | b) ; y ; z — runs ending at each child, going left: through the parallel they are fuseGroup's, of leaves alone fuse's.
    const tree: SpTree = { kind: 'series', children: [leaf('x'), { kind: 'parallel', children: [leaf('a'), leaf('b')] }, leaf('y'), leaf('z')] };
    const one = (step: string): Curve<Pick> => [leafPoint<Pick>(10, 10, step)];
    const groups: string[][] = [];
    const chains: string[][] = [];
    composeFrontier<Pick>(tree, one, '', { ...unbounded, budget: { left: Infinity }, fuse: (s) => (chains.push([...s]), undefined), fuseGroup: (s) => (groups.push([...s]), undefined) });
    assert.deepEqual(groups, [
      ['x', 'a', 'b'],
      ['a', 'b', 'y'],
      ['x', 'a', 'b', 'y'],
      ['a', 'b', 'y', 'z'],
      ['x', 'a', 'b', 'y', 'z'],
    ]);
    assert.deepEqual(chains, [['y', 'z']]);
  });

  it('never asks a part with a choice inside, one over MAX_FUSED_GROUP steps, or anything when fuseGroup is not given', () => {
    const one = (step: string): Curve<Pick> => [leafPoint<Pick>(10, 10, step)];
    const wideFanIn: SpTree = { kind: 'series', children: [{ kind: 'parallel', children: Array.from({ length: MAX_FUSED_GROUP }, (_, i) => leaf(`s${i}`)) }, leaf('r')] };
    const withChoice: SpTree = {
      kind: 'series',
      children: [{ kind: 'choice', choiceStep: 'q', branches: [{ probability: 0.5, tree: leaf('a') }, { probability: 0.5, tree: leaf('b') }] } as SpTree, leaf('r')],
    };
    for (const tree of [wideFanIn, withChoice]) {
      const asked: string[][] = [];
      composeFrontier<Pick>(tree, one, '', { ...unbounded, budget: { left: Infinity }, fuse: () => undefined, fuseGroup: (s) => (asked.push([...s]), [leafPoint<Pick>(1, 1, 'g')]) });
      assert.deepEqual(asked, []);
    }
    // Just under the cap is asked.
    const fits: SpTree = { kind: 'series', children: [{ kind: 'parallel', children: Array.from({ length: MAX_FUSED_GROUP - 1 }, (_, i) => leaf(`s${i}`)) }, leaf('r')] };
    const asked: string[][] = [];
    const composed = composeFrontier<Pick>(fits, one, '', { ...unbounded, budget: { left: Infinity }, fuse: () => undefined, fuseGroup: (s) => (asked.push([...s]), [leafPoint<Pick>(1, 1, 'g')]) })!;
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.length, MAX_FUSED_GROUP);
    assert.deepEqual(materialize(composed[0]!.choice), ['g']);
    // Without the hook, the fan-in composes apart only.
    const apart = composeFrontier<Pick>(fits, one, '', { ...unbounded, budget: { left: Infinity }, fuse: () => assert.fail('no run of leaves here') })!;
    assert.deepEqual(apart.map((p) => [p.latencyMs, p.costUsd]), [[20, 10 * MAX_FUSED_GROUP]]);
  });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { decompose } from '../../src/ir/decompose.ts';
import { loadAppIr } from '../../src/ir/load-app.ts';
import { criticalPathMs, hasAdjacentN, longestDepths, toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import { JOIN_PREFIX, type IR } from '../../src/ir/types.ts';
import { verify } from '../../src/ir/verify.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { projectRoot } from '../helpers/run-cli.ts';

const randomNeeds = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }).map((matrix) => {
    const needs: Record<string, string[]> = {};
    for (let i = 0; i < n; i += 1) needs[`s${i}`] = matrix[i]!.slice(0, i).flatMap((on, j) => (on ? [`s${j}`] : []));
    return needs;
  }),
);

function reaches(ir: IR, from: string, to: string): boolean {
  const stack = [from];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(ir.graph.successors(id) ?? []));
  }
  return false;
}

/** Joins only (no added step-to-step edges), one per stage boundary, at most 2V edges, the critical path never shorter. */
function assertLinearStaging(ir: IR, result: ReturnType<typeof toSeriesParallel>): void {
  const steps = ir.graph.nodeCount();
  assert.equal(result.ir.graph.nodeCount(), steps + result.joins.length);
  assert.ok(result.ir.graph.edgeCount() <= 2 * steps, `${result.ir.graph.edgeCount()} edges for ${steps} steps`);
  for (const e of result.ir.graph.edges()) assert.ok(e.v.startsWith(JOIN_PREFIX) !== e.w.startsWith(JOIN_PREFIX), `edge ${e.v} -> ${e.w} bypasses the joins`);
  for (const join of result.joins) assert.equal(result.ir.graph.node(join.id).kind, 'join');
  const latency = (step: string) => (step.startsWith(JOIN_PREFIX) ? 0 : 1 + (step.charCodeAt(step.length - 1) % 7));
  assert.ok(criticalPathMs(result.ir, latency) >= criticalPathMs(ir, latency));
}

describe('toSeriesParallel', () => {
  it('returns a series-parallel DAG keeping every dependency, and leaves SP inputs alone', () => {
    fc.assert(
      fc.property(randomNeeds, (needs) => {
        const ir = irOf(needs);
        const wasSp = decompose(ir).ok;
        const result = toSeriesParallel(ir);
        const redone = decompose(result.ir);
        assert.ok(redone.ok);
        assert.deepEqual(result.tree, redone.tree);
        assert.deepEqual(verify(result.ir), []);
        for (const edge of ir.graph.edges()) assert.ok(reaches(result.ir, edge.v, edge.w));
        if (wasSp) {
          assert.equal(result.ir, ir);
          assert.deepEqual(result.joins, []);
        } else {
          assertLinearStaging(ir, result);
        }
      }),
      { numRuns: 300, seed: 29 },
    );
  });

  it('stages wide random non-SP DAGs with one join per stage boundary and at most 2V edges', () => {
    // Layered like production workflows: each step needs 1–3 steps of the level before.
    const layered = fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 6 }).chain((widths) =>
      fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { minLength: widths.reduce((a, b) => a + b, 0), maxLength: widths.reduce((a, b) => a + b, 0) }).map((picks) => {
        const needs: Record<string, string[]> = {};
        let k = 0;
        widths.forEach((width, level) => {
          for (let i = 0; i < width; i += 1, k += 1) {
            const previous = level === 0 ? 0 : widths[level - 1]!;
            needs[`l${level}_${i}`] = previous === 0 ? [] : [...new Set(picks[k]!.map((p) => `l${level - 1}_${p % previous}`))];
          }
        });
        return needs;
      }),
    );
    let staged = 0;
    fc.assert(
      fc.property(layered, (needs) => {
        const ir = irOf(needs);
        const result = toSeriesParallel(ir);
        assert.ok(decompose(result.ir).ok);
        for (const edge of ir.graph.edges()) assert.ok(reaches(result.ir, edge.v, edge.w));
        if (result.joins.length > 0) {
          staged += 1;
          assertLinearStaging(ir, result);
        }
      }),
      { numRuns: 200, seed: 6 },
    );
    assert.ok(staged > 50, `only ${staged} of 200 random layered DAGs were not series-parallel`);
  });

  it('does not touch the input IR', () => {
    const ir = irOf({ a: [], b: [], c: ['a', 'b'], d: ['b'] });
    const before = ir.graph.edgeCount();
    const result = toSeriesParallel(ir);
    assert.equal(ir.graph.edgeCount(), before);
    assert.equal(ir.graph.nodeCount(), 4);
    assert.deepEqual(result.joins, [{ id: `${JOIN_PREFIX}1`, after: ['a', 'b'], before: ['c', 'd'] }]);
  });

  it('restructures the tiled Cholesky fixture and reports what it costs on the critical path', () => {
    const ir = loadAppIr(path.join(projectRoot, 'fixtures/tiled-linear-algebra/app.yaml'));
    assert.equal(decompose(ir).ok, false);
    const result = toSeriesParallel(ir);
    assert.ok(decompose(result.ir).ok);
    assertLinearStaging(ir, result);
    const unit = (step: string) => (result.ir.graph.node(step).kind === 'join' ? 0 : 1);
    assert.ok(criticalPathMs(result.ir, unit) >= criticalPathMs(ir, unit));
  });

  it('carries what a step hands on into the join and what a step reads out of it', () => {
    const ir = irOf({ a: [], b: [], c: ['a', 'b'], d: ['b'] });
    ir.graph.setEdge('a', 'c', { bytes: 100 });
    ir.graph.setEdge('b', 'c', { bytes: 30 });
    ir.graph.setEdge('b', 'd', { bytes: 70 });
    const { ir: staged } = toSeriesParallel(ir);
    const join = `${JOIN_PREFIX}1`;
    assert.deepEqual(
      staged.graph.edges().map((e) => `${e.v}->${e.w}:${staged.graph.edge(e).bytes}`).sort(),
      [`a->${join}:100`, `b->${join}:70`, `${join}->c:130`, `${join}->d:70`],
    );
  });

  describe('hasAdjacentN', () => {
    it('finds the N of a → c, a → d, b → d and none in a diamond', () => {
      const n = irOf({ a: [], b: [], c: ['a'], d: ['a', 'b'] });
      assert.equal(hasAdjacentN(n, longestDepths(n)), true);
      const diamond = irOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
      assert.equal(hasAdjacentN(diamond, longestDepths(diamond)), false);
    });

    it('is a proof: when it finds an N, decompose fails', () => {
      let found = 0;
      fc.assert(
        fc.property(randomNeeds, (needs) => {
          const ir = irOf(needs);
          if (!hasAdjacentN(ir, longestDepths(ir))) return;
          found += 1;
          assert.equal(decompose(ir).ok, false);
        }),
        { numRuns: 300 },
      );
      assert.ok(found > 0, 'no random DAG had an adjacent N');
    });
  });
});

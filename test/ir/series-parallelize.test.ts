import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { decompose } from '../../src/ir/decompose.ts';
import { loadAppIr } from '../../src/ir/load-app.ts';
import { criticalPathMs, toSeriesParallel } from '../../src/ir/series-parallelize.ts';
import type { IR } from '../../src/ir/types.ts';
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

describe('toSeriesParallel', () => {
  it('returns a series-parallel DAG keeping every dependency, and leaves SP inputs alone', () => {
    fc.assert(
      fc.property(randomNeeds, (needs) => {
        const ir = irOf(needs);
        const wasSp = decompose(ir).ok;
        const result = toSeriesParallel(ir);
        assert.ok(decompose(result.ir).ok);
        assert.deepEqual(verify(result.ir), []);
        for (const edge of ir.graph.edges()) assert.ok(reaches(result.ir, edge.v, edge.w));
        if (wasSp) {
          assert.equal(result.ir, ir);
          assert.deepEqual(result.addedEdges, []);
        }
      }),
      { numRuns: 300, seed: 29 },
    );
  });

  it('does not touch the input IR', () => {
    const ir = irOf({ a: [], b: [], c: ['a', 'b'], d: ['b'] });
    const before = ir.graph.edgeCount();
    const result = toSeriesParallel(ir);
    assert.equal(ir.graph.edgeCount(), before);
    assert.ok(result.addedEdges.length > 0);
  });

  it('restructures the tiled Cholesky fixture and reports what it costs on the critical path', () => {
    const ir = loadAppIr(path.join(projectRoot, 'fixtures/tiled-linear-algebra/app.yaml'));
    assert.equal(decompose(ir).ok, false);
    const result = toSeriesParallel(ir);
    assert.ok(decompose(result.ir).ok);
    const unit = () => 1;
    assert.ok(criticalPathMs(result.ir, unit) >= criticalPathMs(ir, unit));
  });
});

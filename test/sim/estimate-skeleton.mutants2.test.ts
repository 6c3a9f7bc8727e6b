// The skeleton lists a step's successors in id order (src/sim/estimate-skeleton.ts) even when the topological
// order puts them otherwise: a → b, a → z, z → b runs a, z, b, so a's out-edges are filled z first and must be
// re-sorted — the first by id (b) is where a writer's S3 PUT is counted (s3-hops.ts).
import assert from 'node:assert/strict';
import { estimateSkeleton } from '../../src/sim/estimate-skeleton.ts';
import { irOf } from '../helpers/ir-builder.ts';

describe('estimateSkeleton successor rows', () => {
  it('lists successors by id, not by topological position, with each edge\'s bytes beside its successor', () => {
    const ir = irOf({ a: [], b: ['a', 'z'], z: ['a'] }, { a: { outputBytes: 700 }, z: { outputBytes: 5 } });
    ir.graph.setEdge('a', 'b', { bytes: 111 });
    ir.graph.setEdge('a', 'z', { bytes: 222 });
    const s = estimateSkeleton(ir);
    assert.deepEqual(s.order, ['a', 'z', 'b']);
    const a = s.index.get('a')!;
    const row = (i: number) => [...s.succTo.subarray(s.succStart[i]!, s.succStart[i + 1]!)].map((to) => s.order[to]);
    assert.deepEqual(row(a), ['b', 'z']);
    assert.deepEqual([...s.succBytes.subarray(s.succStart[a]!, s.succStart[a + 1]!)], [111, 222]);
    assert.equal(s.maxOutBytes[a], 222);
    // a's PUT is counted on a → b (its first successor by id), not on a → z.
    const firstOut = (to: string) => {
      const i = s.index.get(to)!;
      const k = [...s.predFrom.subarray(s.predStart[i]!, s.predStart[i + 1]!)].indexOf(a) + s.predStart[i]!;
      return s.predIsFirstOut[k];
    };
    assert.equal(firstOut('b'), 1);
    assert.equal(firstOut('z'), 0);
  });
});

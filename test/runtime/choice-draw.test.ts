import assert from 'node:assert/strict';
import fc from 'fast-check';
import { drawBranch, drawUnit } from '../../src/runtime/choice-draw.ts';

describe('choice draw', () => {
  it('is a pure function of seed and step id', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), (seed, step) => {
        assert.equal(drawUnit(seed, step), drawUnit(seed, step));
        const u = drawUnit(seed, step);
        assert.ok(u >= 0 && u < 1);
      }),
    );
  });

  it('takes each branch about as often as its probability over many seeds', () => {
    const probabilities = { retrain: 0.3, reuse: 0.7 };
    let retrain = 0;
    const runs = 4000;
    for (let seed = 0; seed < runs; seed++) if (drawBranch(seed, 'gate', probabilities) === 'retrain') retrain++;
    // 4000 Bernoulli(0.3) draws: standard deviation ≈ 0.0072, so ±0.03 is more than four of them.
    assert.ok(Math.abs(retrain / runs - 0.3) < 0.03, `retrain share ${retrain / runs}`);
  });

  it('never takes a branch of probability zero and ignores the order branches are listed in', () => {
    for (let seed = 0; seed < 500; seed++) {
      assert.notEqual(drawBranch(seed, 'g', { a: 0, b: 0.5, c: 0.5 }), 'a');
      assert.equal(drawBranch(seed, 'g', { b: 0.25, a: 0.75 }), drawBranch(seed, 'g', { a: 0.75, b: 0.25 }));
    }
  });

  it('draws independently for different choice steps of one execution', () => {
    let same = 0;
    for (let seed = 0; seed < 1000; seed++) if (drawBranch(seed, 'first', { x: 0.5, y: 0.5 }) === drawBranch(seed, 'second', { x: 0.5, y: 0.5 })) same++;
    assert.ok(same > 400 && same < 600, `agreed ${same} times in 1000`);
  });
});

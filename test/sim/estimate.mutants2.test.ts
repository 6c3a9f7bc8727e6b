// The estimator's prepare hook (src/sim/estimate.ts, monteCarloEstimateFn): it starts the sampling pool before
// the optimizer's first estimate only when the estimates will be large enough to share (more than one chunk of 256
// samples and at least 2,000,000 step draws: samples × steps) and threads is not 1. The pool to start is passed
// in, so the test sees whether prepare asked, whatever the process-wide pool has done already.
import assert from 'node:assert/strict';
import { monteCarloEstimateFn, type EstimateOptions } from '../../src/sim/estimate.ts';
import { irOf } from '../helpers/ir-builder.ts';

/** How many times prepare asked for the pool, for a two-step workflow with these options. */
function startsAsked(options: EstimateOptions): number {
  const ir = irOf({ a: [], b: ['a'] });
  let starts = 0;
  const fn = monteCarloEstimateFn(new Map(), options, () => {
    starts += 1;
  });
  fn.prepare!(ir);
  return starts;
}

describe('estimate fn.prepare', () => {
  it('starts the pool for 2 steps × 1,000,000 samples (2,000,000 step draws), threads unset or more than 1', () => {
    assert.equal(startsAsked({ samples: 1_000_000, seed: 1 }), 1);
    assert.equal(startsAsked({ samples: 1_000_000, seed: 1, threads: 2 }), 1);
  });

  it('does not start it at 1,999,998 step draws (999,999 samples; 999,999.9 counts as 999,999)', () => {
    assert.equal(startsAsked({ samples: 999_999, seed: 1 }), 0);
    assert.equal(startsAsked({ samples: 999_999.9, seed: 1 }), 0); // the estimate draws ⌊samples⌋
  });

  it('never starts it with threads: 1, however large the estimate', () => {
    assert.equal(startsAsked({ samples: 1_000_000, seed: 1, threads: 1 }), 0);
    assert.equal(startsAsked({ samples: 5_000_000, seed: 1, threads: 1 }), 0);
  });
});

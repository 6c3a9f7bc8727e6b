import assert from 'node:assert/strict';
import fc from 'fast-check';
import { greedyCriticalPath } from '../../src/baselines/greedy-critical-path.ts';
import { userMax } from '../../src/baselines/user-max.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';
import { instanceArbitrary } from '../helpers/random-instance.ts';

describe('greedy-critical-path', () => {
  it('meets every SLO that user-max meets, on random apps with one architecture', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 6 }), fc.double({ min: 0.2, max: 1, noNaN: true }), ({ ir, profiles }, scale) => {
        const estimate = closedFormEstimator(profiles);
        const fastestMs = estimate(ir, userMax({ ir, profiles, slo: { percentile: 'p95', latencyMs: 1 }, estimate }).deployment).latencyMs.p95;
        const slo = { percentile: 'p95' as const, latencyMs: fastestMs / scale };
        const result = greedyCriticalPath({ ir, profiles, slo, estimate });
        assert.ok(estimate(ir, result.deployment).latencyMs.p95 <= slo.latencyMs);
        assert.equal(result.decisions.at(-1)?.kind, 'passed');
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('raises only functions on the critical path, and only until the SLO holds', () => {
    // a → {slow, quick} → z: 'quick' never lies on the critical path.
    const ir = irOf({ a: [], slow: ['a'], quick: ['a'], z: ['slow', 'quick'] });
    const profiles = new Map([
      ['a', profileOf('a', { x86_64: { serialMs: 20, parallelMs: 0 } })],
      ['slow', profileOf('slow', { x86_64: { serialMs: 50, parallelMs: 8000, maxUsefulVcpu: 6 } })],
      ['quick', profileOf('quick', { x86_64: { serialMs: 10, parallelMs: 100 } })],
      ['z', profileOf('z', { x86_64: { serialMs: 20, parallelMs: 0 } })],
    ]);
    const estimate = closedFormEstimator(profiles);
    const loose = greedyCriticalPath({ ir, profiles, slo: { percentile: 'p95', latencyMs: 1_000_000 }, estimate });
    const tight = greedyCriticalPath({ ir, profiles, slo: { percentile: 'p95', latencyMs: 3000 }, estimate });
    assert.deepEqual(tight.deployment.functions['quick'], loose.deployment.functions['quick']);
    assert.deepEqual(tight.deployment.functions['a'], loose.deployment.functions['a'], 'more memory does not speed up a serial function, so it is never raised');
    assert.ok(tight.deployment.functions['slow']!.memoryMb > loose.deployment.functions['slow']!.memoryMb);
    const tightMs = estimate(ir, tight.deployment).latencyMs.p95;
    assert.ok(tightMs <= 3000);
    // One step less on 'slow' would miss: greedy stops at the first size that meets the SLO.
    const raises = tight.decisions.filter((d) => d.subject === 'slow' && d.chosen.startsWith('raise'));
    assert.ok(raises.length > 0);
    const last = raises.at(-1)!.numbers;
    assert.ok((last['latencyMs'] ?? last['medianPathMs'])! > 3000);
  });

  it('says so when nothing on the critical path gets faster', () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', profileOf('a', { x86_64: { serialMs: 500, parallelMs: 0 } })]]);
    const result = greedyCriticalPath({ ir, profiles, slo: { percentile: 'p95', latencyMs: 100 }, estimate: closedFormEstimator(profiles) });
    assert.equal(result.decisions.at(-1)?.kind, 'missed');
  });
});

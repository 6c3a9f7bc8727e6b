import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exhaustive } from '../../src/baselines/exhaustive.ts';
import { greedyCriticalPath } from '../../src/baselines/greedy-critical-path.ts';
import { powerTuning } from '../../src/baselines/power-tuning.ts';
import { userMax } from '../../src/baselines/user-max.ts';
import { userMin } from '../../src/baselines/user-min.ts';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { functionInfo, irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';
import { instanceArbitrary } from '../helpers/random-instance.ts';

describe('user-max and user-min', () => {
  const ir = irOf({ a: [], b: ['a'] });
  ir.functions.set('b', functionInfo('b', { architectures: ['arm64', 'x86_64'], maxMemoryMb: 4096 }));
  const profiles = new Map([
    ['a', profileOf('a', { x86_64: { serialMs: 10, parallelMs: 100, footprintMb: 300 } })],
    ['b', profileOf('b', { x86_64: { serialMs: 10, parallelMs: 100 }, arm64: { serialMs: 10, parallelMs: 100 } })],
  ]);
  const input = { ir, profiles, slo: { percentile: 'p95' as const, latencyMs: 100 }, estimate: closedFormEstimator(profiles) };

  it('puts every function at its largest allowed size, on today\'s architecture', () => {
    assert.deepEqual(userMax(input).deployment.functions, {
      a: { memoryMb: 10240, architecture: 'x86_64' },
      b: { memoryMb: 4096, architecture: 'arm64' },
    });
  });

  it('puts every function at its smallest size that fits the footprint', () => {
    assert.deepEqual(userMin(input).deployment.functions, {
      a: { memoryMb: 512, architecture: 'x86_64' },
      b: { memoryMb: 128, architecture: 'arm64' },
    });
  });

  it('reports a function that fits nowhere (DAGC0320)', () => {
    const tight = irOf({ a: [] });
    tight.functions.set('a', functionInfo('a', { maxMemoryMb: 256 }));
    const fat = new Map([['a', profileOf('a', { x86_64: { serialMs: 1, parallelMs: 1, footprintMb: 250 } })]]);
    assert.throws(
      () => userMax({ ...input, ir: tight, profiles: fat }),
      (e: unknown) => isUserError(e) && e.diagnostics[0]!.code === 'DAGC0320' && /250 MB/.test(e.diagnostics[0]!.message),
    );
  });

  it('user-max is never slower than any other strategy (one architecture)', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxSteps: 4 }), fc.double({ min: 0.3, max: 1, noNaN: true }), ({ ir: app, profiles: appProfiles }, scale) => {
        const estimate = closedFormEstimator(appProfiles);
        const max = estimate(app, userMax({ ir: app, profiles: appProfiles, slo: { percentile: 'p95', latencyMs: 1 }, estimate }).deployment);
        const slo = { percentile: 'p95' as const, latencyMs: max.latencyMs.p95 / scale };
        const strategyInput = { ir: app, profiles: appProfiles, slo, estimate };
        for (const strategy of [userMin, powerTuning(), greedyCriticalPath, exhaustive({ gridMb: [128, 1024, 1769, 3538, 10240] })]) {
          const other = estimate(app, strategy(strategyInput).deployment);
          assert.ok(max.latencyMs.p95 <= other.latencyMs.p95 + 1e-9);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});


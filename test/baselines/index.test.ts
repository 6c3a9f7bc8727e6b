import assert from 'node:assert/strict';
import { baselineByName, baselineNames } from '../../src/baselines/index.ts';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

describe('baseline registry', () => {
  const ir = irOf({ a: [], b: ['a'] });
  const profiles = new Map(['a', 'b'].map((n) => [n, profileOf(n, { x86_64: { serialMs: 30, parallelMs: 3000 } })]));
  const input = { ir, profiles, slo: { percentile: 'p95' as const, latencyMs: 2500 }, estimate: closedFormEstimator(profiles) };

  it('runs every registered baseline by name, each naming itself in its result', () => {
    for (const name of baselineNames()) {
      const result = baselineByName(name)(input);
      assert.equal(result.strategy, name);
      assert.deepEqual(Object.keys(result.deployment.functions).sort(), ['a', 'b']);
      assert.ok(result.decisions.every((d) => d.pass === name));
    }
  });

  it('reads power-tuning settings after a colon', () => {
    const speed = baselineByName('power-tuning:speed')(input).deployment.functions['a']!.memoryMb;
    const cost = baselineByName('power-tuning:cost')(input).deployment.functions['a']!.memoryMb;
    assert.equal(speed, 3008);
    assert.ok(cost < speed);
    assert.equal(baselineByName('power-tuning:balanced=0')(input).deployment.functions['a']!.memoryMb, speed);
  });

  it('rejects unknown names (DAGC0323) and bad power-tuning settings (DAGC0324)', () => {
    const code = (name: string): string | undefined => {
      try {
        baselineByName(name);
      } catch (error) {
        if (isUserError(error)) return error.diagnostics[0]!.code;
        throw error;
      }
      return undefined;
    };
    assert.equal(code('greedy'), 'DAGC0323');
    assert.equal(code('power-tuning:fast'), 'DAGC0324');
    assert.equal(code('power-tuning:balanced=abc'), 'DAGC0324');
    assert.equal(code('power-tuning:balanced=2'), 'DAGC0324');
    assert.equal(code('power-tuning:cost=1'), 'DAGC0324');
  });
});

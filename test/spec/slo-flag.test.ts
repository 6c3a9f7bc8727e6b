import assert from 'node:assert/strict';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import { parseSloFlag } from '../../src/spec/slo-flag.ts';

describe('parseSloFlag', () => {
  it('reads a percentile and a duration', () => {
    assert.deepEqual(parseSloFlag('p95=2s'), { percentile: 'p95', latencyMs: 2000 });
    assert.deepEqual(parseSloFlag('p99=350ms'), { percentile: 'p99', latencyMs: 350 });
    assert.deepEqual(parseSloFlag('p50:1.5s'), { percentile: 'p50', latencyMs: 1500 });
  });

  for (const bad of ['p95', 'p97=2s', 'p95=fast', '2s', 'p95=0s']) {
    it(`rejects '${bad}' as DAGC0023`, () => {
      assert.throws(() => parseSloFlag(bad), (error) => isUserError(error) && error.diagnostics[0]?.code === 'DAGC0023');
    });
  }
});

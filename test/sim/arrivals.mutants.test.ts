// Cold-start situations at the edges of the burst model (src/sim/arrivals.ts), hand-worked: a burst exactly one idle
// lifetime after the last finds its pool still warm ("expired" is more than L ago), and the mean cold odds of an
// invocation weigh the cold waves and the other executions' odds by their shares.
import assert from 'node:assert/strict';
import { coldSituations } from '../../src/sim/arrivals.ts';

const L = 600_000; // an idle lifetime of 10 min, passed explicitly so the numbers do not depend on the platform's

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12, `${what}: ${actual} vs ${expected}`);
}

describe('coldSituations at the burst model\'s edges', () => {
  it('keeps a pool warm for a burst that comes exactly one idle lifetime after the last (expired means more than L)', () => {
    // No steady traffic, endless bursts of 10 every L: each burst reuses the last one's 10 environments.
    const atL = coldSituations({ ratePerHour: 0, burst: { executions: 10, everyMs: L } }, L);
    assert.equal(atL.coldWaveShare, 0);
    assert.equal(atL.otherColdProbability, 0);
    assert.equal(atL.meanColdProbability, 0);
    // One millisecond later the pool has expired: every burst is a cold wave, and with no steady traffic to keep an
    // environment warm every execution of it is in the wave.
    const afterL = coldSituations({ ratePerHour: 0, burst: { executions: 10, everyMs: L + 1 } }, L);
    assert.equal(afterL.coldWaveShare, 1);
  });

  it('gives the mean cold odds as the wave share plus the other executions\' share times their odds', () => {
    // Steady 6 per hour: λL = 1, so no steady execution within L with odds e⁻¹. Bursts of 4 every 20 min (> L,
    // expired): 12 executions an hour, 2/3 of the 18. In a cold burst one execution of 4 finds a steadily kept
    // environment with odds 1 − e⁻¹, so the wave share is 2/3 · (1 − (1 − e⁻¹)/4). A steady execution is cold when
    // neither steady traffic (e⁻¹) nor a burst (1 − L/T = 1/2) came within L: the 1/3 steady share adds e⁻¹/2 each.
    const idle = Math.exp(-1);
    const wave = (2 / 3) * (1 - (1 - idle) / 4);
    const result = coldSituations({ ratePerHour: 6, burst: { executions: 4, everyMs: 2 * L } }, L);
    close(result.coldWaveShare, wave, 'wave share');
    close(result.otherColdProbability, ((1 / 3) * (idle / 2)) / (1 - wave), 'others\' odds');
    close(result.meanColdProbability, wave + (1 / 3) * (idle / 2), 'mean odds');
    close(result.executionsPerHour, 18, 'executions per hour');
  });
});

// warmup-evidence.ts on two small sizes, every number worked out here step by step from the header's
// formulas (not with the module's helpers), so each term of the weights and the level is checked.
import assert from 'node:assert/strict';
import type { MemoryMeasurement } from '../../src/model/profile-types.ts';
import { evidenceRatios, hasWarmupEvidence, steadyEvidence, warmupCorrections } from '../../src/model/warmup-evidence.ts';

const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${what}: ${got}, want ${want}`);
const ln = Math.log;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function size(memoryMb: number, warmupDurationsMs: number[], warmDurationsMs: number[], coldDurationsMs: number[]): MemoryMeasurement {
  return { memoryMb, warmupDurationsMs, warmDurationsMs, coldDurationsMs, initDurationsMs: [], maxMemoryUsedMb: 80, invocations: 1, errors: 0, timeouts: 0 };
}

/**
 * A: warm-up 300, then steady 240, 100, 121 after one cold start; B: warm-up 400, then 110, 50, 60 (no cold
 * sample). The first steady call of each moves to warm-up position 2, so positions 1, 2 are 300, 240 (A) and
 * 400, 110 (B), and the steady samples 100, 121 (A) and 50, 60 (B).
 */
function twoSizes(): MemoryMeasurement[] {
  return [size(512, [300], [240, 100, 121], [500]), size(1024, [400], [110, 50, 60], [])];
}

/** The header's estimate by hand for twoSizes(). */
function byHand() {
  const levelA = (ln(100) + ln(121)) / 2;
  const levelB = (ln(50) + ln(60)) / 2;
  // Steady spread pooled over sizes: one degree of freedom each.
  const variance = ((ln(100) - levelA) ** 2 + (ln(121) - levelA) ** 2 + (ln(50) - levelB) ** 2 + (ln(60) - levelB) ** 2) / 2;
  const d1 = [ln(300) - levelA, ln(400) - levelB];
  const d2 = [ln(240) - levelA, ln(110) - levelB];
  const squares = (d: number[]) => sum(d.map((x) => (x - sum(d) / 2) ** 2));
  // Each difference's noise: σ² (1 + 1/2), both sizes having 2 steady samples; τ² pooled over 2 positions, df 2, shrunk by 2/(2 + 2).
  const noise = variance * 1.5;
  const tauSquared = (Math.max(0, squares(d1) + squares(d2) - 2 * noise) / 2) * (2 / 4);
  const position = (d: number[], prior: number) => {
    const logSlowdown = (sum(d) + ln(prior)) / 3;
    const estimateVariance = (noise + tauSquared) / 3;
    return { logSlowdown, weight: variance / (variance + tauSquared + estimateVariance), spreadScale: Math.sqrt(variance / (variance + tauSquared)) };
  };
  return { levelA, levelB, variance, tauSquared, corrections: [position(d1, 1.51), position(d2, 1.2)] };
}

describe('warm-up evidence, worked by hand', () => {
  it('estimates each position\'s log slowdown, weight and spread scale as the header says', () => {
    const want = byHand();
    assert.ok(want.tauSquared > 0, 'the fixture has a slowdown spread beyond the noise');
    const got = warmupCorrections(twoSizes());
    assert.equal(got.length, 2);
    got.forEach((c, k) => {
      close(c.logSlowdown, want.corrections[k]!.logSlowdown, `position ${k + 1} slowdown`);
      close(c.weight, want.corrections[k]!.weight, `position ${k + 1} weight`);
      close(c.spreadScale, want.corrections[k]!.spreadScale, `position ${k + 1} spread scale`);
    });
  });

  it('makes each size\'s level the weighted mean log of its steady and corrected warm-up samples', () => {
    const { corrections } = byHand();
    const [a, b] = steadyEvidence(twoSizes())!;
    const logsA = [ln(100), ln(121), ln(300) - corrections[0]!.logSlowdown, ln(240) - corrections[1]!.logSlowdown];
    const weights = [1, 1, corrections[0]!.weight, corrections[1]!.weight];
    assert.equal(a!.memoryMb, 512);
    a!.logs.forEach((x, i) => close(x, logsA[i]!, `A log ${i}`));
    a!.weights.forEach((w, i) => close(w, weights[i]!, `A weight ${i}`));
    assert.deepEqual(a!.spreadScales.slice(0, 2), [1, 1]);
    close(a!.spreadScales[3]!, corrections[1]!.spreadScale, 'A spread scale of position 2');
    close(a!.centerMs, Math.exp(sum(logsA.map((x, i) => weights[i]! * x)) / sum(weights)), 'A level');
    const logsB = [ln(50), ln(60), ln(400) - corrections[0]!.logSlowdown, ln(110) - corrections[1]!.logSlowdown];
    close(b!.centerMs, Math.exp(sum(logsB.map((x, i) => weights[i]! * x)) / sum(weights)), 'B level');
  });

  it('scales each sample\'s deviation from the level to the steady spread and by 1 / √(1 − leverage)', () => {
    const [a] = steadyEvidence(twoSizes())!;
    const total = sum(a!.weights);
    const logLevel = ln(a!.centerMs);
    const want = a!.logs.map((x, i) => Math.exp(((x - logLevel) * a!.spreadScales[i]!) / Math.sqrt(1 - a!.weights[i]! / total))).sort((p, q) => p - q);
    evidenceRatios(a!).forEach((r, i) => close(r, want[i]!, `ratio ${i}`));
    // A lone sample (leverage 1) is divided by √0.05, not by 0: its deviation is 0 anyway.
    assert.deepEqual(evidenceRatios({ memoryMb: 1, logs: [ln(80)], weights: [1], spreadScales: [1], centerMs: 80 }), [1]);
    // A sample that is half the weight, 10 % over the level: ln 1.1 / √0.5.
    const two = evidenceRatios({ memoryMb: 1, logs: [ln(110), ln(100 / 1.1)], weights: [1, 1], spreadScales: [0.5, 1], centerMs: 100 });
    close(ln(two[1]!), (ln(1.1) * 0.5) / Math.SQRT1_2, 'scaled and widened');
  });

  it('uses the prior slowdown alone where a position was seen at one size only, and weight 1 where the steady samples do not vary', () => {
    // Every steady sample equal at each size: σ² = 0, so every position's sample counts fully and keeps its spread.
    const flat = [size(512, [300, 200], [100, 100, 100], [400]), size(1024, [90], [60, 60], [])];
    const corrections = warmupCorrections(flat);
    // Positions (after moving the first steady call): A 300, 200, 100; B 90, 60.
    close(corrections[0]!.logSlowdown, (ln(3) + ln(1.5) + ln(1.51)) / 3, 'position 1');
    close(corrections[1]!.logSlowdown, (ln(2) + ln(1) + ln(1.2)) / 3, 'position 2');
    // Position 3 only at A (100 over a level of 100): (0 + ln 1.13) / 2.
    close(corrections[2]!.logSlowdown, ln(1.13) / 2, 'position 3');
    for (const c of corrections) assert.deepEqual([c.weight, c.spreadScale], [1, 1]);
  });

  it('has no evidence without a size whose warm-up positions are known', () => {
    const noWarmup = [size(512, [], [100, 110], []), size(1024, [70], [50], [300, 310])];
    assert.equal(hasWarmupEvidence(noWarmup), false);
    assert.equal(steadyEvidence(noWarmup), undefined);
    // No steady sample: positions unknown too.
    assert.equal(hasWarmupEvidence([size(512, [90], [], [])]), false);
    assert.equal(hasWarmupEvidence([...noWarmup, size(2048, [90], [40], [100])]), true);
  });
});

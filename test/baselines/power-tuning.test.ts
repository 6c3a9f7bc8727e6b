import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { billedGbMs, pickPower, powerTuning, predictedTrimmedMeanMs, trimmedMeanMs, type PowerStat } from '../../src/baselines/power-tuning.ts';
import { durationModel } from '../../src/model/duration-model.ts';
import { isUserError } from '../../src/diagnostics/diagnostic.ts';
import type { FunctionProfile, MemoryMeasurement } from '../../src/model/profile-types.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { functionInfo, irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(dataDir, file), 'utf8').trim().split('\n');
  const keys = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [keys[i]!, value])));
}

const readme = readCsv('power-tuning-readme-example.csv').map((r) => ({
  memoryMb: Number(r['memory_mb']),
  avgDurationMs: Number(r['avg_duration_ms']),
  avgCost: Number(r['avg_cost_usd']),
}));

/** A profile holding exactly what the README example measured: one warm duration per power value. */
function readmeProfile(): FunctionProfile {
  const measurements: MemoryMeasurement[] = readme.map((r) => ({
    memoryMb: r.memoryMb,
    warmDurationsMs: [r.avgDurationMs],
    coldDurationsMs: [],
    initDurationsMs: [],
    maxMemoryUsedMb: 60,
    invocations: 1,
    errors: 0,
    timeouts: 0,
  }));
  return { schemaVersion: 1, function: 'crunch', source: { kind: 'csv', description: 'Power Tuning README example' }, architectures: { x86_64: { measurements } } };
}

describe('power-tuning', () => {
  it('picks the README example\'s cheapest power (1024–1536 MB) from the tool\'s own numbers', () => {
    const cost = pickPower(readme, 'cost');
    assert.ok([1024, 1536].includes(cost.memoryMb), `${cost.memoryMb}`);
    // The two cost the same in the tool's output; its tie-break takes the faster.
    assert.equal(cost.memoryMb, 1536);
    assert.equal(pickPower(readme, 'speed').memoryMb, 3008);
    assert.equal(pickPower(readme, 'balanced', 0.5).memoryMb, 1536);
    // Balanced with weight 1 is cost without the tie-break: the stable sort keeps the smaller power first.
    assert.equal(pickPower(readme, 'balanced', 1).memoryMb, 1024);
    assert.equal(pickPower(readme, 'balanced', 0).memoryMb, 3008);
  });

  it('reproduces every choice the tool made in the unfaasener runs', () => {
    const runs = new Map<string, { chosen: number; stats: PowerStat[] }>();
    for (const r of readCsv('unfaasener-power-tuning-regressiontuning.csv')) {
      const key = [r['benchmark'], r['input'], r['function'], r['run']].join('|');
      const run = runs.get(key) ?? { chosen: Number(r['chosen_power_mb']), stats: [] };
      run.stats.push({ memoryMb: Number(r['memory_mb']), avgDurationMs: Number(r['avg_duration_ms']), avgCost: Number(r['avg_cost_usd']) });
      runs.set(key, run);
    }
    assert.ok(runs.size >= 20);
    for (const [key, run] of runs) assert.equal(pickPower(run.stats, 'cost').memoryMb, run.chosen, key);
  });

  it('as a strategy, sizes the README function at the cheapest power value from its profile', () => {
    const ir = irOf({ crunch: [] });
    const profiles = new Map([['crunch', readmeProfile()]]);
    const input = { ir, profiles, slo: { percentile: 'p95' as const, latencyMs: 1 }, estimate: closedFormEstimator(new Map()) };
    // Billed per ms: 1536 MB × 2513 ms is the least GB-ms (1024 MB × 3891 ms is 3 % more).
    assert.ok(billedGbMs(1536, 2512.227) < billedGbMs(1024, 3890.892));
    assert.equal(powerTuning({ objective: 'cost' })(input).deployment.functions['crunch']?.memoryMb, 1536);
    assert.equal(powerTuning()(input).deployment.functions['crunch']?.memoryMb, 1536);
    assert.equal(powerTuning({ objective: 'speed' })(input).deployment.functions['crunch']?.memoryMb, 3008);
  });

  it('ignores the DAG and the SLO: each function gets the same size alone as in any workflow', () => {
    const curves = { a: { serialMs: 50, parallelMs: 4000 }, b: { serialMs: 300, parallelMs: 100 } };
    const alone = (fn: 'a' | 'b'): number | undefined => {
      const profiles = new Map([[fn, profileOf(fn, { x86_64: { ...curves[fn], measuredMb: [] } })]]);
      const ir = irOf({ [fn]: [] });
      return powerTuning()({ ir, profiles, slo: { percentile: 'p95', latencyMs: 10 }, estimate: closedFormEstimator(profiles) }).deployment.functions[fn]?.memoryMb;
    };
    const profiles = new Map((['a', 'b'] as const).map((fn) => [fn, profileOf(fn, { x86_64: { ...curves[fn], measuredMb: [] } })]));
    const ir = irOf({ a: [], b: ['a'] });
    for (const sloMs of [10, 100_000]) {
      const d = powerTuning()({ ir, profiles, slo: { percentile: 'p95', latencyMs: sloMs }, estimate: closedFormEstimator(profiles) }).deployment;
      assert.equal(d.functions['a']?.memoryMb, alone('a'));
      assert.equal(d.functions['b']?.memoryMb, alone('b'));
    }
    assert.notEqual(alone('a'), alone('b'));
  });

  it('stays on the function\'s own architecture and skips power values below its footprint', () => {
    const ir = irOf({ f: [] });
    ir.functions.set('f', functionInfo('f', { architectures: ['arm64', 'x86_64'] }));
    const profiles = new Map([['f', profileOf('f', { x86_64: { serialMs: 1, parallelMs: 1 }, arm64: { serialMs: 400, parallelMs: 10, footprintMb: 300 } })]]);
    const d = powerTuning({ objective: 'cost' })({ ir, profiles, slo: { percentile: 'p95', latencyMs: 1 }, estimate: closedFormEstimator(profiles) }).deployment;
    assert.deepEqual(d.functions['f'], { memoryMb: 512, architecture: 'arm64' });
  });

  it('averages like the tool: the top and bottom 20 % of durations are dropped', () => {
    assert.equal(trimmedMeanMs([10, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 5.5);
    assert.equal(trimmedMeanMs([7]), 7);
  });

  it('predicts the tool\'s trimmed mean at unmeasured sizes from the profile\'s duration distribution', () => {
    const flat = durationModel(profileOf('f', { x86_64: { serialMs: 100, parallelMs: 1769, measuredMb: [] } }), 'x86_64')!;
    assert.ok(Math.abs(predictedTrimmedMeanMs(flat, 1769) - 1869) < 1e-9, 'no noise: the median');
    const noisy = durationModel(profileOf('f', { x86_64: { serialMs: 100, parallelMs: 1769, measuredMb: [], sigma: 0.5 } }), 'x86_64')!;
    const predicted = predictedTrimmedMeanMs(noisy, 1769);
    // A lognormal's 20 %-trimmed mean lies above its median (right skew) and inside the kept quantiles.
    assert.ok(predicted > noisy.medianMs(1769) && predicted < noisy.quantile(1769, 0.8));
    let seed = 1;
    const rng = { next: () => ((seed = (seed * 48271) % 2147483647) / 2147483647), normal: () => 0 };
    rng.normal = () => Math.sqrt(-2 * Math.log(rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const sampled = trimmedMeanMs(Array.from({ length: 20000 }, () => noisy.sample(1769, rng)));
    assert.ok(Math.abs(sampled - predicted) / predicted < 0.02, `${sampled} vs ${predicted}`);
  });

  it('rejects a balanced weight outside [0, 1] (DAGC0324)', () => {
    assert.throws(() => powerTuning({ balancedWeight: 1.5 }), (e: unknown) => isUserError(e) && e.diagnostics[0]!.code === 'DAGC0324');
  });
});

import { constantCalibration } from '../helpers/constant-calibration.ts';
import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import { modelInvocationPredictor } from '../../src/passes/invocation-predictor.ts';
import { candidateConfigurations } from '../../src/passes/memory-options.ts';
import { mapLevel, predictedLeafModel, probedLeafModel, solveLevel } from '../../src/passes/leaf-model.ts';
import { monteCarloEstimateFn } from '../../src/sim/index.ts';
import { functionInfo, irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

describe('leaf model', () => {
  it('puts the q-quantile of a maximum of W draws at the invocation quantile q^(1/W)', () => {
    assert.equal(mapLevel({ width: { kind: 'fixed', width: 16 }, maxConcurrency: 0 }, 0.95).level, Math.pow(0.95, 1 / 16));
    assert.equal(mapLevel({ width: { kind: 'fixed', width: 1 }, maxConcurrency: 0 }, 0.95).level, 0.95);
  });

  it('solves the mixture of widths: P(max ≤ x) = Σ P(W = w) F(x)^w equals q at the level found', () => {
    const terms = [
      { draws: 8, probability: 0.5 },
      { draws: 32, probability: 0.5 },
    ];
    const u = solveLevel(terms, 0.95);
    assert.ok(Math.abs(0.5 * u ** 8 + 0.5 * u ** 32 - 0.95) < 1e-9);
    assert.ok(u > Math.pow(0.95, 1 / 8) && u < Math.pow(0.95, 1 / 32));
  });

  it('runs bounded concurrency as waves in series', () => {
    const level = mapLevel({ width: { kind: 'fixed', width: 100 }, maxConcurrency: 40 }, 0.95);
    assert.equal(level.waves, 3);
    assert.ok(Math.abs(Math.pow(level.level, 40 * 3) - 0.95) < 1e-9);
  });

  it("predicts a map step's p95 and cost within a few percent of the Monte Carlo estimator's", () => {
    const ir = irOf({ fan: [] }, { fan: { map: { kind: 'fixed', width: 24 } } });
    const profiles = new Map([['fan', profileOf('fan', { x86_64: { serialMs: 40, parallelMs: 600, maxUsefulVcpu: 2, footprintMb: 80, sigma: 0.3 } })]]);
    // A constant dispatch on both sides: this is about the map's order statistics; the closed form charges the
    // calibration's mean dispatch where the Monte Carlo draws its spread.
    const calibration = constantCalibration({ taskMs: 150 });
    const estimate = monteCarloEstimateFn(profiles, { samples: 4000, seed: 3, executionsPerHour: 1e9, calibration });
    const predicted = predictedLeafModel(ir, modelInvocationPredictor(ir, profiles, 'standard', calibration), 'p95', 40);
    const probed = probedLeafModel(ir, estimate, 'p95');
    for (const memoryMb of [512, 1769, 3538]) {
      const option = { memoryMb, architecture: 'x86_64' as const };
      const p = predicted.leaf('fan', option);
      const m = probed.leaf('fan', option);
      assert.ok(Math.abs(p.latencyMs - m.latencyMs) / m.latencyMs < 0.05, `${memoryMb} MB: predicted ${p.latencyMs} vs Monte Carlo ${m.latencyMs}`);
      assert.ok(Math.abs(p.costUsd - m.costUsd) / m.costUsd < 0.03, `${memoryMb} MB: predicted $${p.costUsd} vs Monte Carlo $${m.costUsd}`);
    }
    assert.deepEqual(currentDeployment(ir).functions.fan, { memoryMb: 1024, architecture: 'x86_64' });
  });

  it('computes a row of options at once to exactly the leaves it computes one option at a time, on both architectures', () => {
    const ir = irOf({ a: [], fan: ['a'] }, { fan: { map: { kind: 'uniform', min: 4, max: 12 } } });
    ir.functions.set('a', functionInfo('a', { architectures: ['arm64', 'x86_64'] }));
    ir.functions.set('fan', functionInfo('fan', { architectures: ['x86_64', 'arm64'] }));
    const curves = { x86_64: { serialMs: 30, parallelMs: 900, maxUsefulVcpu: 3, footprintMb: 200, sigma: 0.6 }, arm64: { serialMs: 25, parallelMs: 1000, maxUsefulVcpu: 3, footprintMb: 200, sigma: 0.5 } };
    // A right-skewed tail of nine samples a size (their own empirical noise, a mean ratio above 1), sizes in between measured.
    const skewed = (fn: string) => {
      const profile = profileOf(fn, curves);
      for (const arch of Object.values(profile.architectures)) {
        for (const m of arch!.measurements) m.warmDurationsMs = [0.8, 0.9, 0.95, 1, 1, 1.05, 1.1, 1.2, 1.6].map((r) => r * m.warmDurationsMs[1]!);
      }
      return profile;
    };
    const profiles = new Map([
      ['a', skewed('a')],
      ['fan', skewed('fan')],
    ]);
    const options = new Map([...ir.functions].map(([fn, info]) => [fn, candidateConfigurations(info, profiles.get(fn))]));
    const batched = modelInvocationPredictor(ir, profiles, 'standard');
    assert.ok(batched.quantilesAndCosts, 'the model predictor computes rows');
    const { quantilesAndCosts: _row, ...oneAtATime } = modelInvocationPredictor(ir, profiles, 'standard');
    const byRow = predictedLeafModel(ir, batched, 'p95', 40, (fn) => options.get(fn)!);
    const byOption = predictedLeafModel(ir, oneAtATime, 'p95', 40, (fn) => options.get(fn)!);
    for (const step of ['a', 'fan']) {
      assert.ok(new Set(options.get(step)!.map((o) => o.architecture)).size === 2);
      for (const option of options.get(step)!) assert.deepEqual(byRow.leaf(step, option), byOption.leaf(step, option), `${step} ${option.memoryMb} ${option.architecture}`);
    }
  });

  it('probes one step per shape: steps of one function and one shape share their estimates', () => {
    const ir = irOf({ a: [], b: ['a'], c: ['b'] }, { a: { functionName: 'f' }, b: { functionName: 'f' }, c: { functionName: 'f' } });
    const profiles = new Map([['f', profileOf('f', { x86_64: { serialMs: 10, parallelMs: 100 } })]]);
    let calls = 0;
    const inner = monteCarloEstimateFn(profiles, { samples: 50, seed: 1 });
    const leaves = probedLeafModel(ir, (i, d) => (calls++, inner(i, d)), 'p95');
    const option = { memoryMb: 512, architecture: 'x86_64' as const };
    assert.deepEqual(leaves.leaf('a', option), leaves.leaf('c', option));
    assert.equal(calls, 1);
  });
});

import { constantCalibration } from '../helpers/constant-calibration.ts';
import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import { modelInvocationPredictor } from '../../src/passes/invocation-predictor.ts';
import { candidateConfigurations } from '../../src/passes/memory-options.ts';
import { leafArrays, mapLevel, predictedLeafModel, probedLeafModel, solveLevel, type InvocationPredictor } from '../../src/passes/leaf-model.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
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

describe('leaf model: closed-form leaves worked by hand', () => {
  // A predictor whose numbers show what was asked: quantile = memory × (1 + level) ms, cost = memory / 1000 per
  // invocation, 7 ms and 0.5 per step.
  type Asked = { quantile: number; cost: number; rows: number };
  function predictor(withRows: boolean): InvocationPredictor & { asked: Asked } {
    const asked: Asked = { quantile: 0, cost: 0, rows: 0 };
    const quantileMs = (_fn: string, o: ConfigurationOption, level: number) => (asked.quantile++, o.memoryMb * (1 + level));
    const invocationCostUsd = (_fn: string, o: ConfigurationOption) => (asked.cost++, o.memoryMb / 1000);
    const base = { quantileMs, invocationCostUsd, stepOverheadMs: 7, stepOverheadUsd: 0.5, asked };
    if (!withRows) return base;
    return {
      ...base,
      quantilesAndCosts: (_fn, options, level, q, c) => {
        asked.rows++;
        options.forEach((o, i) => {
          q[i] = o.memoryMb * (1 + level);
          c[i] = o.memoryMb / 1000;
        });
      },
    };
  }
  const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

  it('gives a task its dispatch plus the invocation quantile at the SLO level, and one invocation of cost', () => {
    const ir = irOf({ t: [] });
    const leaves = predictedLeafModel(ir, predictor(false), 'p90', 40);
    assert.equal(leaves.method, 'predicted');
    assert.equal(leaves.variants, false);
    const leaf = leaves.leaf('t', x86(100));
    close(leaf.latencyMs, 7 + 100 * 1.9);
    close(leaf.costUsd, 0.1);
  });

  it("gives a map the maximum of its draws (level q^(1/W)) and the mean width's invocations plus its step cost", () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 8 } } });
    const leaf = predictedLeafModel(ir, predictor(false), 'p95', Infinity).leaf('m', x86(100));
    close(leaf.latencyMs, 7 + 100 * (1 + 0.95 ** (1 / 8)));
    close(leaf.costUsd, 0.5 + 8 * 0.1);
  });

  it('runs waves of the bounded concurrency in series: the lower of the spec and the orchestrator cap', () => {
    const bounded = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 100 } } });
    // The cap (40): 3 waves of 40 draws at 0.95^(1/3) each.
    const capped = predictedLeafModel(bounded, predictor(false), 'p95', 40).leaf('m', x86(100));
    close(capped.latencyMs, 3 * (7 + 100 * (1 + (0.95 ** (1 / 3)) ** (1 / 40))));
    // The spec's 25 under a cap of 40: 4 waves of 25.
    (bounded.graph.node('m') as { maxConcurrency: number }).maxConcurrency = 25;
    const spec = predictedLeafModel(bounded, predictor(false), 'p95', 40).leaf('m', x86(100));
    close(spec.latencyMs, 4 * (7 + 100 * (1 + (0.95 ** (1 / 4)) ** (1 / 25))));
    // The spec's 25 with no cap at all.
    const uncapped = predictedLeafModel(bounded, predictor(false), 'p95', Infinity).leaf('m', x86(100));
    close(uncapped.latencyMs, spec.latencyMs);
    close(uncapped.costUsd, 0.5 + 100 * 0.1);
  });

  it('computes each step shape once for all its candidate options, and answers an option by identity or by value', () => {
    const ir = irOf({ a: [], b: ['a'], m: ['b'], n: ['m'] }, { a: { functionName: 'f' }, b: { functionName: 'f' }, m: { functionName: 'f', map: { kind: 'fixed', width: 4 } }, n: { functionName: 'f', map: { kind: 'fixed', width: 5 } } });
    const options = [x86(100), x86(200)];
    const p = predictor(true);
    const leaves = predictedLeafModel(ir, p, 'p50', 40, () => options);
    const row = leaves.row!('a')!;
    assert.equal(row.options, options);
    assert.deepEqual([...row.latencyMs], [7 + 150, 7 + 300]);
    assert.deepEqual([...row.costUsd], [0.1, 0.2]);
    assert.equal(leaves.row!('b'), row, 'same function, same shape: one row');
    assert.notEqual(leaves.row!('m'), leaves.row!('n'), 'maps of other widths');
    assert.equal(leaves.row!('m')!.costUsd[1], 0.5 + 4 * 0.2);
    assert.equal(p.asked.rows, 3);
    assert.deepEqual(leaves.leaf('b', options[1]!), { latencyMs: 307, costUsd: 0.2 });
    assert.deepEqual(leaves.leaf('b', x86(200)), { latencyMs: 307, costUsd: 0.2 }, 'an equal option that is another object');
    assert.equal(p.asked.quantile + p.asked.cost, 0, 'all from the rows');
  });

  it('computes an option outside the candidates once, and without a row method option by option', () => {
    const ir = irOf({ a: [] });
    const p = predictor(false);
    const leaves = predictedLeafModel(ir, p, 'p50', 40, () => [x86(100)]);
    assert.deepEqual(leaves.leaf('a', x86(100)), { latencyMs: 157, costUsd: 0.1 });
    assert.deepEqual([p.asked.quantile, p.asked.cost], [1, 1]);
    const outside = leaves.leaf('a', x86(300));
    assert.deepEqual(outside, { latencyMs: 7 + 450, costUsd: 0.3 });
    assert.equal(leaves.leaf('a', x86(300)), outside, 'cached');
    assert.notDeepEqual(leaves.leaf('a', { memoryMb: 300, architecture: 'arm64' }), undefined);
    assert.deepEqual([p.asked.quantile, p.asked.cost], [3, 3]);
  });

  it('gives a choice step zero leaves and no row', () => {
    const ir = irOf({ pick: [], a: ['pick'] }, { pick: { choice: { a: 1 } } });
    const leaves = predictedLeafModel(ir, predictor(true), 'p95', 40, () => [x86(100)]);
    assert.deepEqual(leaves.leaf('pick', x86(100)), { latencyMs: 0, costUsd: 0 });
    assert.equal(leaves.row!('pick'), undefined);
  });

  it('solves the level over a uniform width (every width equally likely) and a discrete one (missing probabilities 0)', () => {
    const uniform = mapLevel({ width: { kind: 'uniform', min: 2, max: 4 }, maxConcurrency: 0 }, 0.9);
    assert.equal(uniform.waves, 1);
    close((uniform.level ** 2 + uniform.level ** 3 + uniform.level ** 4) / 3, 0.9);
    const discrete = mapLevel({ width: { kind: 'discrete', values: [2, 10, 50], probabilities: [0.5, 0.5] }, maxConcurrency: 20 }, 0.9);
    // Waves from the widest value: ⌈50 / 20⌉ = 3; the 50 draws count as 20 per wave, with probability 0.
    assert.equal(discrete.waves, 3);
    close(0.5 * discrete.level ** 2 + 0.5 * discrete.level ** 10, 0.9 ** (1 / 3));
    assert.equal(solveLevel([{ draws: 0, probability: 1 }], 0.9), 0.9, 'no draws count as one');
  });

  it('takes the Express execution\'s own bill out of a probed leaf, but keeps a Distributed Map\'s child executions', () => {
    const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 100 } } });
    // Whatever is probed: 10 in all, 3e-6 of it Step Functions. Express requests cost 1e-6 in us-east-1.
    const estimate = () => ({ latencyMs: { p50: 1, p90: 2, p95: 3, p99: 4, max: 5 }, costUsd: 10, breakdown: { lambdaComputeUsd: 0, lambdaRequestsUsd: 0, stepFunctionsUsd: 3e-6, s3Usd: 0, provisionedConcurrencyUsd: 0 } });
    const express = probedLeafModel(ir, estimate, 'p90', 'express');
    assert.equal(express.variants, true);
    // Its tail: the percentile above the SLO's (p90 → p95).
    assert.deepEqual(express.leaf('m', x86(512)), { latencyMs: 2, costUsd: 10 - 3e-6, tailLatencyMs: 3 });
    assert.equal(express.leaf('m', x86(512), { bundleSize: 4, distributed: true }).costUsd, 10 - 1e-6);
    assert.equal(express.leaf('m', x86(512), { bundleSize: 4, distributed: false }).costUsd, 10 - 3e-6);
    assert.equal(probedLeafModel(ir, estimate, 'p90', 'standard').leaf('m', x86(512)).costUsd, 10);
    assert.equal(probedLeafModel(ir, estimate, 'p90').leaf('m', x86(512), { bundleSize: 1, distributed: true }).costUsd, 10, 'Standard by default');
  });

  it('probes a plain variant as the plain step, and each other variant once', () => {
    const ir = irOf({ m: [], n: ['m'] }, { m: { map: { kind: 'fixed', width: 10 } }, n: { map: { kind: 'fixed', width: 11 } } });
    let calls = 0;
    const estimate = () => (calls++, { latencyMs: { p50: calls, p90: calls, p95: calls, p99: calls, max: calls }, costUsd: 1, breakdown: { lambdaComputeUsd: 0, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } });
    const leaves = probedLeafModel(ir, estimate, 'p95');
    const plain = leaves.leaf('m', x86(512));
    assert.deepEqual(leaves.leaf('m', x86(512), { bundleSize: 1, distributed: false }), plain);
    leaves.leaf('m', x86(512), { bundleSize: 2, distributed: false });
    leaves.leaf('m', x86(512), { bundleSize: 2, distributed: true });
    leaves.leaf('m', x86(512), { bundleSize: 2, distributed: true });
    leaves.leaf('n', x86(512));
    assert.equal(calls, 4, 'plain m, bundle 2 inline and distributed, plain n (another shape)');
    const withChoice = irOf({ pick: [], a: ['pick'] }, { pick: { choice: { a: 1 } } });
    assert.deepEqual(probedLeafModel(withChoice, estimate, 'p95').leaf('pick', x86(512)), { latencyMs: 0, costUsd: 0 });
    assert.equal(calls, 4, 'a choice step is not probed');
  });

  it("reads a step's leaves as the model's own row when it holds exactly these options, else leaf by leaf", () => {
    const ir = irOf({ a: [] });
    const options = [x86(100), x86(200)];
    const leaves = predictedLeafModel(ir, predictor(true), 'p50', 40, () => options);
    const row = leaves.row!('a')!;
    assert.equal(leafArrays(leaves, 'a', options), row);
    const other = [x86(200), x86(300)];
    const arrays = leafArrays(leaves, 'a', other);
    assert.notEqual(arrays, row);
    assert.deepEqual([...arrays.latencyMs], [307, 457]);
    assert.deepEqual([...arrays.costUsd], [0.2, 0.3]);
    const rowless: LeafModel = { method: 'probed', leaf: (_s, o) => ({ latencyMs: o.memoryMb, costUsd: 1 }) };
    assert.deepEqual([...leafArrays(rowless, 'a', options).latencyMs], [100, 200]);
  });
});

import assert from 'node:assert/strict';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { modelInvocationPredictor } from '../../src/passes/invocation-predictor.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { exactProfile } from '../helpers/exact-profile.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

// us-east-1 list prices.
const X86_GB_SECOND_USD = 0.0000166667;
const REQUEST_USD = 0.2 / 1_000_000;
const TRANSITION_USD = 0.025 / 1000;

const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
const close = (actual: number, expected: number, relative = 1e-9) => assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${actual} vs ${expected}`);

describe('model invocation predictor', () => {
  it("prices one invocation at its median duration: compute by the GB-second, the request and, under Standard, its transition", () => {
    // Every duration 100 ms (a flat fit: no speed-up with memory), so the mean is the median.
    const ir = irOf({ f: [] });
    const profiles = new Map([['f', exactProfile('f', () => 100, { memoryMb: 1024, count: 50 })]]);
    const standard = modelInvocationPredictor(ir, profiles, 'standard', constantCalibration({ taskMs: 30 }, { taskMs: 12 }));
    close(standard.invocationCostUsd('f', x86(2048)), 2 * 0.1 * X86_GB_SECOND_USD + REQUEST_USD + TRANSITION_USD);
    assert.equal(standard.quantileMs('f', x86(2048), 0.99), 100);
    assert.equal(standard.stepOverheadMs, 30);
    assert.equal(standard.stepOverheadUsd, TRANSITION_USD);
    const express = modelInvocationPredictor(ir, profiles, 'express', constantCalibration({ taskMs: 30 }, { taskMs: 12 }));
    close(express.invocationCostUsd('f', x86(512)), 0.5 * 0.1 * X86_GB_SECOND_USD + REQUEST_USD);
    assert.equal(express.stepOverheadMs, 12);
    assert.equal(express.stepOverheadUsd, 0);
  });

  it("bills the mean duration: the median times the mean noise ratio of the function's spread", () => {
    // Durations 100·e^(2u) ms for u uniform: median 100·e ms, mean 100·(e² − 1)/2 ms (ratio ≈ 1.1752).
    const ir = irOf({ f: [] });
    const profiles = new Map([['f', exactProfile('f', (p) => 100 * Math.exp(2 * p), { memoryMb: 1024, count: 4000 })]]);
    const predictor = modelInvocationPredictor(ir, profiles, 'express');
    const meanMs = (100 * (Math.E ** 2 - 1)) / 2;
    const computeUsd = predictor.invocationCostUsd('f', x86(1024)) - REQUEST_USD;
    close(computeUsd, (meanMs / 1000) * X86_GB_SECOND_USD, 0.005);
    close(predictor.quantileMs('f', x86(1024), 0.5), 100 * Math.E, 0.005);
  });

  it('refuses (DAGC0104) a function without a profile, or without one on the asked architecture', () => {
    const ir = irOf({ f: [], g: [] });
    const predictor = modelInvocationPredictor(ir, new Map([['f', exactProfile('f', () => 100)]]), 'standard');
    const code = (run: () => unknown) => assert.throws(run, (e: { diagnostics?: Array<{ code: string }> }) => e.diagnostics?.[0]?.code === 'DAGC0104');
    code(() => predictor.invocationCostUsd('g', x86(1024)));
    code(() => predictor.quantileMs('f', { memoryMb: 1024, architecture: 'arm64' }, 0.5));
  });

  it('computes a row of options on two architectures to the numbers it gives one option at a time', () => {
    const ir = irOf({ f: [] });
    const profile: FunctionProfile = profileOf('f', { x86_64: { serialMs: 50, parallelMs: 900, sigma: 0.2 }, arm64: { serialMs: 60, parallelMs: 700, sigma: 0.3 } });
    const predictor = modelInvocationPredictor(ir, new Map([['f', profile]]), 'standard');
    const options: ConfigurationOption[] = [x86(128), { memoryMb: 128, architecture: 'arm64' }, x86(1024), { memoryMb: 2048, architecture: 'arm64' }, x86(3008)];
    const quantiles = new Float64Array(options.length);
    const costs = new Float64Array(options.length);
    predictor.quantilesAndCosts!('f', options, 0.9, quantiles, costs);
    options.forEach((o, i) => {
      close(quantiles[i]!, predictor.quantileMs('f', o, 0.9));
      close(costs[i]!, predictor.invocationCostUsd('f', o));
    });
    assert.ok(quantiles[0]! > quantiles[2]!, 'more memory, faster');
    const single = options.filter((o) => o.architecture === 'x86_64');
    const q1 = new Float64Array(single.length);
    const c1 = new Float64Array(single.length);
    predictor.quantilesAndCosts!('f', single, 0.9, q1, c1);
    single.forEach((o, i) => {
      close(q1[i]!, predictor.quantileMs('f', o, 0.9));
      close(c1[i]!, predictor.invocationCostUsd('f', o));
    });
  });

  it('charges a function that takes no time only its request and transition', () => {
    const ir = irOf({ f: [] });
    const predictor = modelInvocationPredictor(ir, new Map([['f', exactProfile('f', () => 0, { memoryMb: 1024, count: 20 })]]), 'standard');
    close(predictor.invocationCostUsd('f', x86(1024)), REQUEST_USD + TRANSITION_USD);
  });
});

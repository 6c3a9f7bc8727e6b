// The session's pilot estimate (passed through to the estimator's own pilot
// and counted) and its choice of leaf model: probed with the estimator up to
// MAX_LEAF_PROBES one-step estimates, predicted in closed form beyond, with
// Step Functions' inline map concurrency cap under Standard only.
// Complements test/passes/optimizer-session.test.ts.
import assert from 'node:assert/strict';
import { currentDeployment } from '../../src/ir/deployment.ts';
import type { Slo } from '../../src/ir/types.ts';
import { STEP_FUNCTIONS_LIMITS } from '../../src/model/platform.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';
import { optionsByFunction } from '../../src/passes/function-options.ts';
import { MAX_LEAF_PROBES, OptimizerSession } from '../../src/passes/optimizer-session.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { irOf, type StepOptions } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const SLO: Slo = { percentile: 'p95', latencyMs: 1000 };

describe('optimizer session (pilot estimates)', () => {
  it("passes each pilot to the estimator's pilot and counts it, without counting it as an estimate", () => {
    const ir = irOf({ a: [] });
    const profiles = new Map([['a', profileOf('a', { x86_64: { serialMs: 10, parallelMs: 0 } })]]);
    const closed = closedFormEstimator(profiles);
    const asked: number[] = [];
    const estimate: EstimateFn = Object.assign((i: Parameters<EstimateFn>[0], d: Parameters<EstimateFn>[1]) => closed(i, d), {
      pilot: (i: Parameters<EstimateFn>[0], d: Parameters<EstimateFn>[1], _percentile: Slo['percentile'], samples: number): EstimateSummary => {
        asked.push(samples);
        return closed(i, d);
      },
    });
    const session = new OptimizerSession(profiles, estimate, SLO);
    assert.equal(session.pilots(), 0);
    const deployment = currentDeployment(ir);
    assert.equal(session.estimate.pilot!(ir, deployment, 'p95', 256).latencyMs.p95, 10);
    session.estimate.pilot!(ir, deployment, 'p95', 128);
    assert.equal(session.pilots(), 2);
    assert.deepEqual(asked, [256, 128]);
    assert.equal(session.estimates(), 0);
  });

  it('offers no pilot when the estimator has none', () => {
    const profiles = new Map([['a', profileOf('a', { x86_64: { serialMs: 10, parallelMs: 0 } })]]);
    assert.equal(new OptimizerSession(profiles, closedFormEstimator(profiles), SLO).estimate.pilot, undefined);
  });
});

describe('optimizer session (leaf model)', () => {
  // f runs on two architectures at every size (many options); g only fits 10,240 MB (one option). Each map width
  // is its own step shape, so shapes × options can be set to any count.
  function app(fShapes: number, gShapes: number) {
    const needs: Record<string, string[]> = {};
    const options: Record<string, StepOptions> = {};
    for (let i = 0; i < fShapes; i += 1) {
      needs[`f${i}`] = [];
      options[`f${i}`] = { functionName: 'f', map: { kind: 'fixed', width: i + 2 } };
    }
    for (let i = 0; i < gShapes; i += 1) {
      needs[`g${i}`] = [];
      options[`g${i}`] = { functionName: 'g', map: { kind: 'fixed', width: i + 2 } };
    }
    const ir = irOf(needs, options);
    ir.functions.get('f')!.architectures = ['x86_64', 'arm64'];
    const profiles = new Map([
      ['f', profileOf('f', { x86_64: { serialMs: 10, parallelMs: 0 }, arm64: { serialMs: 10, parallelMs: 0 } })],
      ['g', profileOf('g', { x86_64: { serialMs: 10, parallelMs: 0, footprintMb: 9000 } })],
    ]);
    return { ir, profiles };
  }

  it(`probes leaves with the estimator up to ${MAX_LEAF_PROBES} one-step estimates, and predicts them beyond`, () => {
    const { ir: sizing, profiles } = app(1, 1);
    const perShape = optionsByFunction(sizing, profiles);
    const fOptions = perShape.get('f')!.length;
    assert.equal(perShape.get('g')!.length, 1);
    const fShapes = Math.floor(MAX_LEAF_PROBES / fOptions);
    const gShapes = MAX_LEAF_PROBES - fShapes * fOptions;
    const at = app(fShapes, gShapes);
    assert.equal(fShapes * fOptions + gShapes, MAX_LEAF_PROBES);
    const session = new OptimizerSession(at.profiles, closedFormEstimator(at.profiles), SLO);
    assert.equal(session.analysis(at.ir, currentDeployment(at.ir)).leaves.method, 'probed');
    const over = app(fShapes, gShapes + 1);
    const overSession = new OptimizerSession(over.profiles, closedFormEstimator(over.profiles), SLO);
    assert.equal(overSession.analysis(over.ir, currentDeployment(over.ir)).leaves.method, 'predicted');
  });

  it("caps a predicted map's concurrency at Step Functions' inline limit under Standard, not under Express", () => {
    // Over the probe limit (so predicted); map w has 100 items of ~10 ms and no dispatch latency: 3 waves of at most
    // 40 under Standard, one wave under Express. Each wave's latency is a quantile of its items' maximum (a little
    // over 10 ms, more for more items), so Standard takes well over twice Express's time and at most 3 × it.
    const { ir, profiles } = app(89, 0); // 89 shapes × 34 options > 3000
    const width = 100;
    ir.graph.setNode('w', { id: 'w', kind: 'map', functionName: 'f', outputBytes: 1024, width: { kind: 'fixed', width }, maxConcurrency: 0 });
    const closed = closedFormEstimator(profiles);
    const estimate = Object.assign((i: Parameters<EstimateFn>[0], d: Parameters<EstimateFn>[1]) => closed(i, d), { calibration: constantCalibration({ taskMs: 0 }) });
    const option = { memoryMb: 1024, architecture: 'x86_64' as const };
    // A session keeps one predicted analysis for both types (it ranks options alike): one session per type.
    const standard = new OptimizerSession(profiles, estimate, SLO).analysis(ir, currentDeployment(ir));
    assert.equal(standard.leaves.method, 'predicted');
    const express = new OptimizerSession(profiles, estimate, SLO).analysis(ir, { ...currentDeployment(ir), orchestration: 'express' });
    assert.equal(express.leaves.method, 'predicted');
    const standardMs = standard.leaves.leaf('w', option).latencyMs;
    const expressMs = express.leaves.leaf('w', option).latencyMs;
    const waves = Math.ceil(width / STEP_FUNCTIONS_LIMITS.inlineMapConcurrency);
    assert.equal(waves, 3);
    assert.ok(expressMs >= 10, `express ${expressMs}`);
    assert.ok(standardMs > (waves - 1) * expressMs && standardMs <= waves * expressMs, `standard ${standardMs} vs express ${expressMs}`);
  });
});

describe("optimizer session (today's option and the estimate memo)", () => {
  // f fits from 512 MB up (footprint 300 MB) on both architectures.
  function fApp() {
    const ir = irOf({ a: [], b: ['a'], c: ['a'] }, { a: { functionName: 'f' }, b: { functionName: 'f' }, c: { functionName: 'f' } });
    ir.functions.get('f')!.architectures = ['x86_64', 'arm64'];
    const curve = { serialMs: 10, parallelMs: 0, footprintMb: 300 };
    const profiles = new Map([['f', profileOf('f', { x86_64: curve, arm64: curve })]]);
    return { ir, profiles };
  }
  const todayOf = (memoryMb: number, architecture: 'x86_64' | 'arm64', profiled = true) => {
    const { ir, profiles } = fApp();
    if (!profiled) profiles.set('f', profileOf('f', { x86_64: { serialMs: 10, parallelMs: 0, footprintMb: 300 } }));
    const base = { ...currentDeployment(ir), functions: { f: { memoryMb, architecture } } };
    return new OptimizerSession(profiles, closedFormEstimator(profiles), SLO).analysis(ir, base).today.get('f');
  };

  it("takes today's configuration below every candidate as the nearest candidate on its own architecture", () => {
    assert.deepEqual(todayOf(128, 'x86_64'), { memoryMb: 512, architecture: 'x86_64' });
    assert.deepEqual(todayOf(128, 'arm64'), { memoryMb: 512, architecture: 'arm64' });
    // Among the candidates: kept as it is.
    assert.deepEqual(todayOf(640, 'arm64'), { memoryMb: 640, architecture: 'arm64' });
  });

  it('takes today on an architecture with no profile as the nearest candidate, the smaller one on a tie', () => {
    // arm64 unprofiled: candidates are x86_64 only; 640 MB is 128 MB from both 512 and 768.
    assert.deepEqual(todayOf(640, 'arm64', false), { memoryMb: 512, architecture: 'x86_64' });
    assert.deepEqual(todayOf(700, 'arm64', false), { memoryMb: 768, architecture: 'x86_64' });
  });

  it('estimates a deployment once whatever order its edge modes were written in', () => {
    const { ir, profiles } = fApp();
    const counting = closedFormEstimator(profiles);
    const session = new OptimizerSession(profiles, counting, SLO);
    const today = currentDeployment(ir);
    session.estimate(ir, { ...today, edges: { 'a->b': 's3', 'a->c': 's3' } });
    session.estimate(ir, { ...today, edges: { 'a->c': 's3', 'a->b': 's3' } });
    assert.equal(counting.calls(), 1);
    session.estimate(ir, { ...today, edges: { 'a->c': 's3' } });
    assert.equal(counting.calls(), 2);
  });
});

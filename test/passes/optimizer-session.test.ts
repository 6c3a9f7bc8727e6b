import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import type { EstimateFn } from '../../src/passes/estimator-port.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import { closedFormEstimator } from '../helpers/closed-form-estimator.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { functionInfo, irOf } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

const SLO: Slo = { percentile: 'p95', latencyMs: 10_000 };
const KB = 1024;

function profilesFor(ir: IR, serialMs = 10, parallelMs = 1769): Map<string, FunctionProfile> {
  return new Map([...ir.functions.keys()].map((fn) => [fn, profileOf(fn, { x86_64: { serialMs, parallelMs }, arm64: { serialMs, parallelMs: parallelMs / 2 } })]));
}

function session(ir: IR, estimate?: EstimateFn) {
  const profiles = profilesFor(ir);
  const counting = closedFormEstimator(profiles);
  return { session: new OptimizerSession(profiles, estimate ?? counting, SLO), counting, profiles };
}

describe('optimizer session', () => {
  describe('its estimate', () => {
    it('estimates the same deployment of the same IR once, and counts only real estimates', () => {
      const ir = irOf({ a: [], b: ['a'] });
      const { session: s, counting } = session(ir);
      const d = currentDeployment(ir);
      const first = s.estimate(ir, d);
      assert.equal(s.estimate(ir, structuredClone(d)), first);
      assert.equal(counting.calls(), 1);
      assert.equal(s.estimates(), 1);
      s.estimate(ir, { ...d, orchestration: 'express' });
      assert.equal(s.estimates(), 2);
      assert.equal(counting.calls(), 2);
    });

    it('forgets its memo when asked about another IR', () => {
      const ir = irOf({ a: [] });
      const other = irOf({ a: [] });
      const { session: s, counting } = session(ir);
      const d = currentDeployment(ir);
      s.estimate(ir, d);
      s.estimate(other, d);
      s.estimate(ir, d);
      assert.equal(counting.calls(), 3);
    });

    it("treats an edge written with its default mode as the same plan as one that leaves it open, and any other mode as another", () => {
      const ir = irOf({ a: [], b: ['a'], big: [], c: ['big'] }, { big: { outputBytes: 300 * KB } });
      const { session: s, counting } = session(ir);
      const open = currentDeployment(ir);
      s.estimate(ir, open);
      s.estimate(ir, { ...open, edges: { 'a->b': 'inline', 'big->c': 's3' } });
      assert.equal(counting.calls(), 1, 'both written modes are the defaults');
      s.estimate(ir, { ...open, edges: { 'a->b': 's3' } });
      assert.equal(counting.calls(), 2);
      s.estimate(ir, { ...open, edges: { 'big->c': 'inline' } });
      assert.equal(counting.calls(), 3);
      s.estimate(ir, { ...open, edges: { 'a->b': 'in-process' } });
      assert.equal(counting.calls(), 4);
      // A key that names no edge of the graph is kept in the memo key as it is.
      s.estimate(ir, { ...open, edges: { 'nowhere': 'inline' } as Deployment['edges'] });
      assert.equal(counting.calls(), 5);
      s.estimate(ir, { ...open, edges: { 'x->y': 'inline' } as Deployment['edges'] });
      assert.equal(counting.calls(), 6);
    });

    it("carries the estimator's calibration, and none when it has none", () => {
      const ir = irOf({ a: [] });
      const calibration = constantCalibration({ taskMs: 7 });
      const withCalibration = Object.assign((i: IR, d: Deployment) => closedFormEstimator(profilesFor(ir))(i, d), { calibration });
      assert.equal(new OptimizerSession(new Map(), withCalibration, SLO).estimate.calibration, calibration);
      const plain = (i: IR, d: Deployment) => closedFormEstimator(profilesFor(ir))(i, d);
      assert.equal(new OptimizerSession(new Map(), plain, SLO).estimate.calibration, undefined);
    });
  });

  describe('its analysis', () => {
    it("holds each function's options and steps, and today's step latencies from the leaves (0 for a choice)", () => {
      const ir = irOf({ a: [], pick: ['a'], b: ['pick'], c: ['pick'] }, { pick: { choice: { b: 0.5, c: 0.5 } }, c: { functionName: 'b' } });
      const { session: s } = session(ir);
      const analysis = s.analysis(ir, currentDeployment(ir));
      assert.deepEqual([...analysis.steps], [['a', ['a']], ['b', ['b', 'c']]]);
      assert.equal(analysis.options.get('a')!.length, 17, 'the default grid on x86_64 (the spec allows only it)');
      assert.deepEqual(analysis.today.get('a'), { memoryMb: 1024, architecture: 'x86_64' });
      // Today: 1024 MB, 10 ms + 1769 ms / (1024 / 1769 vCPU) = 10 + 1769² / 1024 ms.
      const todayMs = 10 + (1769 * 1769) / 1024;
      assert.ok(Math.abs(analysis.todayLatencyMs.get('a')! - todayMs) < 1e-6, `${analysis.todayLatencyMs.get('a')}`);
      assert.ok(Math.abs(analysis.todayLatencyMs.get('c')! - todayMs) < 1e-6);
      assert.equal(analysis.todayLatencyMs.get('pick'), 0);
      assert.equal(analysis.leaves.method, 'probed');
    });

    it('is computed once per IR and orchestration', () => {
      const ir = irOf({ a: [] });
      const { session: s } = session(ir);
      const d = currentDeployment(ir);
      const standard = s.analysis(ir, d);
      assert.equal(s.analysis(ir, { ...d }), standard);
      const express = s.analysis(ir, { ...d, orchestration: 'express' });
      assert.notEqual(express, standard, 'probed leaves differ between the orchestration types');
      assert.equal(s.analysis(ir, { ...d, orchestration: 'express' }), express);
      assert.notEqual(s.analysis(irOf({ a: [] }), d), standard, 'another IR object');
    });

    it('counts the size of one estimate as steps + edges + each map at its mean width (a discrete one at its largest value)', () => {
      const ir = irOf(
        { a: [], f: ['a'], u: ['a'], d: ['a'], pick: ['a'], e: ['f', 'u', 'd', 'pick'] },
        { f: { map: { kind: 'fixed', width: 10 } }, u: { map: { kind: 'uniform', min: 4, max: 8 } }, d: { map: { kind: 'discrete', values: [3, 20, 5], probabilities: [0.2, 0.3, 0.5] } }, pick: { choice: { e: 1 } } },
      );
      const { session: s } = session(ir);
      // 6 steps, 8 edges, 10 + 6 + 20.
      assert.equal(s.analysis(ir, currentDeployment(ir)).size, 6 + 8 + 10 + 6 + 20);
    });

    it("gives a Batch job its configured memory and architecture as its only option", () => {
      const ir = irOf({ gpu: [], b: ['gpu'] });
      const { session: s } = session(ir);
      const d = currentDeployment(ir);
      d.functions['gpu'] = { memoryMb: 16_384, architecture: 'x86_64', batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
      const analysis = s.analysis(ir, d);
      assert.deepEqual(analysis.options.get('gpu'), [{ memoryMb: 16_384, architecture: 'x86_64' }]);
      assert.equal(analysis.options.get('b')!.length, 17);
    });

    it("takes today's configuration where the leaves can run it, else the nearest candidate on today's architecture, else the nearest of all", () => {
      const ir = irOf({ ok: [], low: [], between: [], armless: [], noarch: [] });
      const set = (fn: string, info: Partial<ReturnType<typeof functionInfo>>) => ir.functions.set(fn, { ...ir.functions.get(fn)!, ...info });
      set('ok', { memoryMb: 700 });
      set('low', { memoryMb: 64 });
      set('between', { memoryMb: 100, minMemoryMb: 256, maxMemoryMb: 2048 });
      set('armless', { memoryMb: 3000, architectures: ['arm64', 'x86_64'] });
      set('noarch', { memoryMb: 1000, architectures: ['x86_64'] });
      const profiles = profilesFor(ir);
      // armless has no arm64 profile: today (arm64, 3000 MB) is not runnable; the nearest x86_64 candidate is 3008.
      profiles.set('armless', profileOf('armless', { x86_64: { serialMs: 10, parallelMs: 1769 } }));
      const s = new OptimizerSession(profiles, closedFormEstimator(profiles), SLO);
      const d = currentDeployment(ir);
      // noarch is deployed today on arm64, which its spec does not allow (no candidate on it): the nearest of all.
      d.functions['noarch'] = { memoryMb: 1000, architecture: 'arm64' };
      const today = s.analysis(ir, d).today;
      assert.deepEqual(today.get('ok'), { memoryMb: 700, architecture: 'x86_64' }, 'off the grid but above its smallest size');
      assert.deepEqual(today.get('low'), { memoryMb: 128, architecture: 'x86_64' });
      assert.deepEqual(today.get('between'), { memoryMb: 256, architecture: 'x86_64' });
      assert.deepEqual(today.get('armless'), { memoryMb: 3008, architecture: 'x86_64' });
      assert.deepEqual(today.get('noarch'), { memoryMb: 1024, architecture: 'x86_64' });
    });

    it('predicts the leaves in closed form when probing every step shape at every option would take over 3,000 estimates, and shares that analysis across orchestrations', () => {
      // 177 task functions × 17 options = 3,009 probes.
      const many: Record<string, string[]> = {};
      for (let i = 0; i < 177; i += 1) many[`f${String(i).padStart(3, '0')}`] = [];
      const ir = irOf(many);
      const { session: s } = session(ir);
      const d = currentDeployment(ir);
      const analysis = s.analysis(ir, d);
      assert.equal(analysis.leaves.method, 'predicted');
      assert.equal(s.analysis(ir, { ...d, orchestration: 'express' }), analysis);
      // 176 × 17 = 2,992: still probed.
      delete many['f000'];
      assert.equal(session(irOf(many)).session.analysis(irOf(many), d).leaves.method, 'probed');
    });
  });
});

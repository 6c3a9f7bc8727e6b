import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Plan } from '../../src/codegen/plan.ts';
import { readPlan } from '../../src/codegen/read-plan.ts';
import { diffPlans } from '../../src/diff/diff-report.ts';
import { parseCostLimit, parseP95Limit, type GateLimits } from '../../src/diff/gate-limits.ts';
import { projectRoot } from '../helpers/run-cli.ts';
import { DEFAULT_CALIBRATION } from '../../src/model/calibration.ts';

/**
 * A real plan as the base of a comparison: by default the frozen mapreduce plan (Standard, no step
 * settings; test/diff/data/README.md), so the changes asserted here do not move with the optimizer;
 * with an app name, that app's plan committed under plans/.
 */
function committed(app?: string): Plan {
  return readPlan(app ? path.join(projectRoot, 'plans', app) : path.join(projectRoot, 'test/diff/data/mapreduce-standard.plan.json')).plan;
}

function diff(oldPlan: Plan, newPlan: Plan, limits: GateLimits = {}) {
  return diffPlans({ plan: oldPlan, file: 'old/plan.json' }, { plan: newPlan, file: 'new/plan.json' }, limits);
}

/** Scales the new plan's workflow cost (total and every part of the bill) by factor. */
function costlier(plan: Plan, factor: number): Plan {
  const next = structuredClone(plan);
  const cost = next.predicted.cost;
  cost.perExecutionUsd *= factor;
  cost.perMillionExecutionsUsd *= factor;
  for (const part of Object.keys(cost.breakdown) as Array<keyof typeof cost.breakdown>) cost.breakdown[part] *= factor;
  return next;
}

function slower(plan: Plan, factor: number): Plan {
  const next = structuredClone(plan);
  for (const p of ['p50', 'p90', 'p95', 'p99', 'max'] as const) next.predicted.latencyMs[p] *= factor;
  next.predicted.meetsSlo = next.predicted.latencyMs[next.slo.percentile] <= next.slo.latencyMs;
  return next;
}

const cost5 = { maxCostIncrease: parseCostLimit('5%') };

describe('dagc diff: comparing two plans', () => {
  it('finds nothing changed between a plan and itself, and passes every gate', () => {
    const plan = committed();
    const report = diff(plan, structuredClone(plan), { ...cost5, maxP95Increase: parseP95Limit('0ms') });
    assert.deepEqual(report.changes, []);
    assert.deepEqual(report.notes, []);
    assert.equal(report.workflow.costPerMillionExecutionsUsd.delta, 0);
    assert.ok(report.functions.every((f) => f.presence === 'both' && f.costPerMillionExecutionsUsd.delta === 0));
    assert.equal(report.gate.passed, true);
    assert.match(report.gate.verdict, /^dagc diff: OK: /);
  });

  it('fails the cost gate beyond the percentage, and passes at exactly the limit', () => {
    const plan = committed();
    const over = diff(plan, costlier(plan, 1.06), cost5);
    assert.equal(over.gate.passed, false);
    assert.match(over.gate.verdict, /^dagc diff: FAIL: cost per 1M executions \+\$\d+\.\d\d \(\+6\.0%\), \$[\d.]+ → \$[\d.]+, over --max-cost-increase 5%$/);
    assert.equal(diff(plan, costlier(plan, 1.05), cost5).gate.passed, true);
    assert.equal(diff(plan, costlier(plan, 0.5), cost5).gate.passed, true, 'a saving is never a regression');
  });

  it('fails the cost gate in dollars per million executions', () => {
    const plan = committed();
    const perMillion = plan.predicted.cost.perMillionExecutionsUsd;
    const limit = { maxCostIncrease: parseCostLimit('$1.00/1M') };
    assert.equal(diff(plan, costlier(plan, (perMillion + 0.99) / perMillion), limit).gate.passed, true);
    const over = diff(plan, costlier(plan, (perMillion + 1.5) / perMillion), limit);
    assert.equal(over.gate.passed, false);
    assert.match(over.gate.regressions[0]!, /\+\$1\.50 .* over --max-cost-increase \$1\.00\/1M/);
  });

  it('fails the p95 gate relative and absolute, and reports p50/p95/p99 moves', () => {
    const plan = committed();
    const next = slower(plan, 1.03);
    next.slo = { ...next.slo, latencyMs: 10_000 };
    next.predicted.meetsSlo = true;
    assert.equal(diff(plan, next, { maxP95Increase: parseP95Limit('10%') }).gate.passed, true);
    assert.equal(diff(plan, next, { maxP95Increase: parseP95Limit('2%') }).gate.passed, false);
    const rise = next.predicted.latencyMs.p95 - plan.predicted.latencyMs.p95;
    assert.equal(diff(plan, next, { maxP95Increase: parseP95Limit(`${Math.ceil(rise)}ms`) }).gate.passed, true);
    assert.equal(diff(plan, next, { maxP95Increase: parseP95Limit(`${Math.floor(rise) - 1}ms`) }).gate.passed, false);
    const report = diff(plan, next);
    for (const p of ['p50', 'p95', 'p99'] as const) assert.ok(Math.abs(report.workflow.latencyMs[p].relative! - 0.03) < 1e-9, p);
  });

  it('fails a plan that newly misses its SLO even without any limit, and not one that missed already', () => {
    const plan = committed();
    const missing = slower(plan, (plan.slo.latencyMs * 1.1) / plan.predicted.latencyMs.p95);
    assert.equal(missing.predicted.meetsSlo, false);
    const report = diff(plan, missing);
    assert.equal(report.slo.newlyMissed, true);
    assert.equal(report.gate.passed, false);
    assert.match(report.gate.verdict, /FAIL: the new plan misses its SLO p95 ≤ 2\.00s: predicted p95 2\.20s; the old plan met its SLO$/);
    const stillMissing = diff(missing, slower(missing, 1.01));
    assert.equal(stillMissing.gate.passed, true);
    assert.match(stillMissing.gate.verdict, /still missed .*not a new regression/);
  });

  it('judges the new plan against its own SLO when the SLO changed, and lists the SLO change', () => {
    const plan = committed();
    const tightened = structuredClone(plan);
    tightened.slo = { percentile: 'p95', latencyMs: plan.predicted.latencyMs.p95 * 0.9 };
    tightened.predicted.meetsSlo = false;
    const report = diff(plan, tightened);
    assert.equal(report.slo.changed, true);
    assert.equal(report.gate.passed, false);
    assert.match(report.gate.verdict, /misses its SLO p95 ≤ [\d.]+s \(was p95 ≤ 2\.00s\)/);
    assert.deepEqual(report.changes.map((c) => c.aspect), ['slo']);
  });

  it('lists every changed decision in a fixed order: orchestration, SLO, functions, memory, architecture, Batch, fusion, bundling, data passing, map mode, prewarm, warm-up', () => {
    const plan = committed();
    const next = structuredClone(plan);
    next.orchestration = 'express';
    next.functions.map!.memoryMb = 3008;
    next.functions.reduce!.architecture = 'arm64';
    next.functions.collect!.batch = { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 };
    delete next.functions.shuffle;
    next.functions.extra = { ...plan.functions.split!, memoryMb: 512 };
    next.groups = { g1: { steps: ['reduce', 'collect'], memoryMb: 1024, architecture: 'x86_64' } };
    next.steps = {
      reduce: { fusionGroup: 'g1', bundleSize: 4, map: { mode: 'distributed', maxConcurrency: 0 } },
      collect: { fusionGroup: 'g1', prewarm: 2, warmedBy: 'split' },
    };
    next.edges = { ...plan.edges, 'reduce->collect': 'in-process' };
    const changes = diff(plan, next).changes;
    assert.deepEqual(
      changes.map((c) => `${c.aspect} | ${c.subject} | ${c.old} | ${c.new}`),
      [
        'orchestration | workflow | standard | express',
        'function | function extra | absent | 512 MB x86_64',
        'function | function shuffle | 768 MB x86_64 | removed',
        'memory | function map | 2048 MB | 3008 MB',
        'architecture | function reduce | x86_64 | arm64',
        'batch | function collect | Lambda | AWS Batch g4dn.xlarge (4 vCPU, 1 GPU)',
        'fusion | group g1 | — | reduce + collect in one Lambda, 1024 MB x86_64',
        'fusion | step collect | not fused | group g1',
        'fusion | step reduce | not fused | group g1',
        'bundling | step reduce | 1 item per invocation | 4 items per invocation',
        'data passing | edge reduce->collect | inline | in-process',
        "map mode | step reduce | inline, the spec's MaxConcurrency | distributed, MaxConcurrency the distributed map's limit",
        'prewarm | step collect | none | 2 provisioned',
        'warm-up | step collect | none | warmed by split',
      ],
    );
    const report = diff(plan, next);
    assert.deepEqual(report.functions.filter((f) => f.presence !== 'both').map((f) => `${f.function} ${f.presence}`), ['extra added', 'shuffle removed']);
    assert.equal(report.functions.find((f) => f.function === 'extra')!.costPerMillionExecutionsUsd.delta, null);
  });

  it('reads an unset bundle size, prewarm or fusion group as its default, not as a change', () => {
    const plan = committed();
    const next = structuredClone(plan);
    next.steps = { map: { bundleSize: 1, prewarm: 0 } };
    assert.deepEqual(diff(plan, next).changes, []);
  });

  it('says when the plans come from different profiles or dagc versions, or were estimated differently, and still gates', () => {
    const plan = committed();
    const next = costlier(plan, 1.2);
    next.profiles = next.profiles.map((p) => (p.function === 'map' ? { ...p, sha256: 'f'.repeat(64) } : p)).filter((p) => p.function !== 'collect');
    next.dagcVersion = '0.2.0';
    next.estimator = { ...next.estimator, seed: 7 };
    const report = diff(plan, next, cost5);
    assert.deepEqual(report.notes.map((n) => n.code), ['DAGC0511', 'DAGC0510', 'DAGC0515']);
    assert.match(report.notes[1]!.message, /changed: map; only in the old plan: collect/);
    assert.match(report.notes[0]!.message, /0\.1\.0 → 0\.2\.0/);
    assert.equal(report.gate.passed, false, 'different profiles do not switch the gate off');
    const unversioned = structuredClone(plan);
    delete unversioned.dagcVersion;
    assert.deepEqual(diff(unversioned, plan).notes.map((n) => n.code), ['DAGC0512']);
    assert.match(diff(unversioned, plan).notes[0]!.message, /the old plan does not record/);
  });

  it('notes plans estimated with different platform calibrations (DAGC0596), by value, not by origin', () => {
    const plan = committed();
    const calibrated = structuredClone(plan);
    calibrated.calibration = { origin: '--calibration a.json', values: structuredClone(DEFAULT_CALIBRATION) };
    calibrated.calibration.values.orchestration.taskDispatch.standard.warm.medianMs = 160;
    const notes = diff(plan, calibrated).notes;
    assert.deepEqual(notes.map((n) => n.code), ['DAGC0596']);
    assert.match(notes[0]!.message, /old: shipped defaults; new: --calibration a\.json/);
    const samePath = structuredClone(calibrated);
    samePath.calibration!.origin = 'app.yaml platform.calibration (inline)';
    assert.deepEqual(diff(calibrated, samePath).notes, []);
  });

  it('finds every committed plan unchanged against itself, and the same changes swapped when the plans are swapped', () => {
    const apps = readdirSync(path.join(projectRoot, 'plans')).sort();
    assert.ok(apps.length >= 5);
    for (const app of apps) {
      const report = diff(committed(app), committed(app), { ...cost5, maxP95Increase: parseP95Limit('0%') });
      assert.deepEqual(report.changes, [], app);
      assert.equal(report.gate.passed, true, app);
    }
    for (let i = 1; i < apps.length; i += 1) {
      const a = committed(apps[i - 1]);
      const b = committed(apps[i]);
      const forward = diff(a, b).changes.map((c) => `${c.aspect}|${c.subject}|${c.old}|${c.new}`);
      const backward = diff(b, a).changes.map((c) => `${c.aspect}|${c.subject}|${c.new}|${c.old}`);
      // Added/removed functions word their absent side differently ('absent' / 'removed'); everything else mirrors.
      const mirror = (list: string[]) => list.filter((line) => !line.startsWith('function|')).sort();
      assert.deepEqual(mirror(forward), mirror(backward), `${apps[i - 1]} vs ${apps[i]}`);
    }
  });

  it('compares two different committed plans function by function', () => {
    const report = diff(committed('mapreduce'), committed('video'));
    assert.deepEqual(report.notes.map((n) => n.code).slice(0, 1), ['DAGC0513']);
    assert.deepEqual(report.functions.map((f) => f.function), ['collect', 'encode', 'map', 'pair', 'rebase', 'reduce', 'shuffle', 'split', 'stitch']);
    assert.equal(report.functions.find((f) => f.function === 'split')!.presence, 'both');
  });
});

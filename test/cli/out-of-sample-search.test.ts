import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planSchemaErrors } from '../../src/codegen/plan.ts';
import { loadApp } from '../../src/ir/load-app.ts';
import { planApp, type PlanAppResult } from '../../src/cli/plan-app.ts';
import { RESEARCH_FACTOR } from '../../src/cli/out-of-sample-search.ts';
import { DECIDE_GROWTH_CAP } from '../../src/sim/estimate.ts';
import { sharesGenerator } from '../../src/sim/independent-sample.ts';
import { chunkCount } from '../../src/sim/sample-chunks.ts';
import { stableStringify } from '../../src/model/stable-json.ts';
import { projectRoot, runCli } from '../helpers/run-cli.ts';

// A small app whose cheapest in-sample plan misses out of sample: mapreduce searched on 20 samples, its SLO set to
// exactly the p95 its plan reaches on them, so the plan kept is the one those 20 draws flattered most.
const app = path.join(projectRoot, 'fixtures/mapreduce/app.yaml');
const SAMPLES = 20;

function tightRuns(seed: number): { sloMs: number; first: PlanAppResult; researched: PlanAppResult } {
  const { ir } = loadApp(app);
  const loose = planApp(ir, { strategy: 'dagc', samples: SAMPLES, seed, outDir: '/tmp/unused', outOfSampleRetries: 0 });
  const sloMs = Math.ceil(loose.result.summary.latencyMs.p95);
  const run = (retries: number) => {
    const { ir: tight } = loadApp(app);
    tight.slo = { percentile: 'p95', latencyMs: sloMs };
    return planApp(tight, { strategy: 'dagc', samples: SAMPLES, seed, outDir: '/tmp/unused', outOfSampleRetries: retries });
  };
  return { sloMs, first: run(0), researched: run(2) };
}

const codes = (run: PlanAppResult) => run.warnings.map((w) => w.code).filter((code) => code === 'DAGC0340' || code === 'DAGC0341');

describe('planApp: a plan that meets only in sample sends the search round again on more samples', function () {
  this.timeout(300_000);
  const cases = [1, 2, 3, 4, 5].map((seed) => ({ seed, ...tightRuns(seed) }));
  const missedFirst = cases.filter((c) => c.first.outOfSample!.disagrees);

  it('writes, where the first plan missed out of sample, a plan that meets on independent draws (without re-search: none does)', () => {
    assert.ok(missedFirst.length >= 2, 'the tight SLO makes several first plans miss out of sample');
    for (const c of missedFirst) assert.deepEqual(codes(c.first), ['DAGC0340'], `seed ${c.seed}: kept as it is, the first plan is only warned about`);
    const nowMeeting = missedFirst.filter((c) => c.researched.outOfSample!.outOfSample.meetsSlo);
    assert.ok(nowMeeting.length >= 2, `re-searched, ${nowMeeting.length} of ${missedFirst.length} meet out of sample`);
    for (const c of missedFirst) {
      const o = c.researched.outOfSample!;
      // Either it meets on the third stream, or it is still warned about: never passed off as meeting.
      assert.equal(o.outOfSample.meetsSlo || codes(c.researched).includes('DAGC0340'), true, `seed ${c.seed}`);
      assert.equal(o.outOfSample.latencyMs <= c.sloMs, o.outOfSample.meetsSlo);
    }
  });

  it('searches the second time on 4× the samples, the first search\'s stream extended, and writes that search into plan.json', () => {
    for (const c of missedFirst) {
      const attempts = c.researched.attempts;
      assert.ok(attempts.length >= 2, `seed ${c.seed}`);
      assert.deepEqual(attempts.map((a) => a.samples), attempts.map((_, i) => SAMPLES * RESEARCH_FACTOR ** i));
      // The first search is the run without re-search, plan for plan.
      assert.equal(stableStringify(attempts[0]!.result.deployment), stableStringify(c.first.result.deployment));
      const kept = attempts.filter((a) => a.check !== undefined).at(-1)!;
      assert.equal(c.researched.plan.estimator.samples, kept.samples, 'simulate reproduces the plan with the samples it was searched on');
      assert.equal(c.researched.plan.predicted.latencyMs.p95, kept.result.summary.latencyMs.p95);
    }
  });

  it('judges the re-searched plan on a stream that shares no generator with any search\'s draws nor with any earlier check', () => {
    for (const c of missedFirst) {
      const o = c.researched.outOfSample!.outOfSample;
      const streams = c.researched.attempts.flatMap((a, i, all) => {
        const search = { seed: c.seed, samples: DECIDE_GROWTH_CAP * a.samples };
        const earlierCheck = a.check && a !== all.filter((b) => b.check).at(-1) ? [{ seed: a.check.outOfSample.seed, samples: a.check.outOfSample.samples }] : [];
        return [search, ...earlierCheck];
      });
      assert.ok(streams.length >= 3, `seed ${c.seed}: two searches and the first check at least`);
      for (const s of streams) assert.equal(sharesGenerator(s.seed, chunkCount(s.samples), o.seed, chunkCount(o.samples)), false, `seed ${c.seed}: stream ${s.seed}×${s.samples}`);
      assert.notEqual(o.seed, c.first.outOfSample!.outOfSample.seed, 'not the draws that rejected the first plan');
    }
  });

  it('says what it did and what it cost: DAGC0341 with the cost against the first plan, and one out-of-sample decision per search', () => {
    for (const c of missedFirst) {
      const warning = c.researched.warnings.find((w) => w.code === 'DAGC0341')!;
      assert.equal(warning.severity, 'warning');
      const firstUsd = c.first.result.summary.costUsd;
      const usd = c.researched.result.summary.costUsd;
      const pct = (((usd - firstUsd) / firstUsd) * 100).toFixed(1);
      assert.match(warning.message, new RegExp(`searched again \\(${c.researched.attempts.map((a) => a.samples).join(' → ')} samples\\)`));
      assert.ok(warning.message.includes(`${Number(pct) >= 0 ? '+' : ''}${pct} %`), warning.message);
      const decisions = c.researched.plan.decisions.filter((d) => d.pass === 'out-of-sample');
      assert.equal(decisions.length, c.researched.attempts.length);
      const last = decisions.at(-1)!;
      assert.equal(last.numbers.firstCostUsd, Number(firstUsd.toPrecision(10)));
      assert.equal(last.numbers.costUsd, Number(usd.toPrecision(10)));
      assert.equal(last.kind, c.researched.outOfSample!.outOfSample.meetsSlo ? 'passed' : 'missed');
      assert.equal(decisions[0]!.kind, 'missed');
      assert.equal(decisions[0]!.numbers.outOfSampleLatencyMs, Number(c.first.outOfSample!.outOfSample.latencyMs.toPrecision(10)));
    }
  });

  it('leaves a plan that meets out of sample the first time exactly as it was: one search, no DAGC0341', () => {
    const metFirst = cases.filter((c) => !c.first.outOfSample!.disagrees);
    assert.ok(metFirst.length >= 1);
    for (const c of metFirst) {
      assert.equal(c.researched.attempts.length, 1);
      assert.deepEqual(codes(c.researched), []);
      assert.equal(stableStringify(c.researched.plan), stableStringify(c.first.plan));
    }
  });

  it('dagc optimize re-searches by default, prints DAGC0341, and dagc explain lists the searches; simulate reproduces the written plan', () => {
    const { seed, sloMs } = missedFirst.find((c) => c.researched.outOfSample!.outOfSample.meetsSlo)!;
    const dir = mkdtempSync(path.join(tmpdir(), 'dagc-research-'));
    const text = runCli(['optimize', app, '--slo', `p95=${sloMs}ms`, '--samples', String(SAMPLES), '--seed', String(seed), '--out', dir]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stderr, /DAGC0341 mapreduce: the plan searched on 20 samples met p95 ≤ \d+ ms only on its own draws/);
    assert.doesNotMatch(text.stderr, /^DAGC0340/m);
    assert.match(text.stdout, /^out of sample \(seed \d+, \d+ samples\): p95 \S+ \(95 % interval \S+–\S+\), meets the SLO$/m);
    const plan = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8'));
    assert.deepEqual(planSchemaErrors(plan), []);
    assert.equal(plan.estimator.samples, SAMPLES * RESEARCH_FACTOR);
    const explain = runCli(['explain', dir, '--pass', 'out-of-sample']);
    assert.equal(explain.status, 0, explain.stderr);
    assert.match(explain.stdout, /^ {2}missed +app: the search on 20 samples \(seed \d+\) chose a plan that meets p95 ≤ \d+ ms on its own draws/m);
    assert.match(explain.stdout, /^ {2}passed +app: kept the plan of the search on 80 samples: meets p95/m);
    const simulate = runCli(['simulate', dir, '--json']);
    assert.equal(simulate.status, 0, simulate.stderr);
    assert.equal(JSON.parse(simulate.stdout).latencyMs.p95, plan.predicted.latencyMs.p95);
    const off = runCli(['optimize', app, '--slo', `p95=${sloMs}ms`, '--samples', String(SAMPLES), '--seed', String(seed), '--out', dir, '--out-of-sample-retries', '0']);
    assert.match(off.stderr, /^DAGC0340/m);
    assert.doesNotMatch(off.stderr, /^DAGC0341/m);
  });
});

// How a re-search is reported (the real searches are in out-of-sample-search.test.ts): the decisions and
// DAGC0341's words for each way the searches can end, on stand-in attempts that carry only what is reported.
import assert from 'node:assert/strict';
import { researchReport } from '../../src/cli/research-report.ts';
import type { OutOfSampleSearch, SearchAttempt } from '../../src/cli/out-of-sample-search.ts';
import type { OptimizationResult } from '../../src/passes/optimize.ts';
import type { Slo } from '../../src/ir/types.ts';

const slo: Slo = { percentile: 'p95', latencyMs: 1000 };

function attempt(samples: number, costUsd: number, inMs: number, outMs?: number, meetsInSample = true): SearchAttempt {
  const result = { meetsSlo: meetsInSample, summary: { costUsd, latencyMs: { p50: 0, p90: 0, p95: inMs, p99: 0, max: 0 } } } as unknown as OptimizationResult;
  if (outMs === undefined) return { samples, result };
  const check = {
    inSample: { samples, seed: 1, latencyMs: inMs, meetsSlo: inMs <= 1000 },
    outOfSample: { samples: 2 * samples, seed: 99 + samples, latencyMs: outMs, meetsSlo: outMs <= 1000, intervalMs: { lowMs: outMs - 5, highMs: outMs + 5 }, costUsd },
    disagrees: inMs <= 1000 && outMs > 1000,
  };
  return { samples, result, check };
}

function search(attempts: SearchAttempt[], chosen: number, stop: OutOfSampleSearch['stop']): OutOfSampleSearch {
  return { attempts, chosen: attempts[chosen]!, stop };
}

describe('researchReport', () => {
  it('logs one decision per search — the rejected ones missed, the kept one passed — and DAGC0341 with the cost against the first plan', () => {
    const r = researchReport('app', slo, 1, search([attempt(100, 2e-6, 990, 1020), attempt(400, 2.1e-6, 980, 995)], 1, 'met-out-of-sample'));
    assert.deepEqual(r.decisions.map((d) => [d.pass, d.kind]), [['out-of-sample', 'missed'], ['out-of-sample', 'passed']]);
    assert.equal(r.decisions[0]!.numbers.outOfSampleLatencyMs, 1020);
    assert.match(r.decisions[0]!.chosen, /searched again on 400 samples$/);
    assert.equal(r.decisions[1]!.numbers.costChangePct, 5);
    assert.equal(r.warning.code, 'DAGC0341');
    assert.match(r.warning.message, /990 ms; 1020 ms on independent ones\), so dagc searched again \(100 → 400 samples\): the plan written is the search on 400 samples, at \$2\.10 per 1M executions \(\+5\.0 % against \$2\.00\), p95 995 ms on independent draws \(meets the SLO\)$/);
  });

  it('says why the first plan is kept when the re-search finds no plan meeting the SLO in sample', () => {
    const r = researchReport('app', slo, 1, search([attempt(100, 2e-6, 990, 1020), attempt(400, 3e-6, 1010, undefined, false)], 0, 'no-plan-in-sample'));
    assert.deepEqual(r.decisions.map((d) => d.kind), ['missed', 'missed']);
    // The kept (first) search's line comes last, as it always does.
    assert.match(r.decisions[0]!.chosen, /found no plan meeting p95 ≤ 1000 ms in sample: the plan of the search on 100 samples is kept/);
    assert.match(r.decisions[1]!.chosen, /^kept the plan of the search on 100 samples: misses p95 ≤ 1000 ms on independent draws \(1020 ms/);
    assert.match(r.warning.message, /the search on 400 samples found no plan meeting the SLO in sample, so the plan written is the search on 100 samples, at \$2\.00 per 1M executions \(\+0\.0 % against \$2\.00\), p95 1020 ms on independent draws \(still over it\)$/);
  });

  it('says so when the re-search picks the plan already rejected', () => {
    const r = researchReport('app', slo, 1, search([attempt(100, 2e-6, 990, 1020), attempt(400, 2e-6, 985)], 0, 'same-plan'));
    assert.match(r.decisions[0]!.chosen, /chose the plan already rejected out of sample: its miss stands, and the plan of the search on 100 samples is kept$/);
    assert.match(r.warning.message, /the search on 400 samples chose the plan already rejected, so the plan written is the search on 100 samples/);
  });

  it('names no stop reason when the retries ran out on the last search\'s plan', () => {
    const r = researchReport('app', slo, 1, search([attempt(100, 2e-6, 990, 1020), attempt(400, 2.2e-6, 995, 1004)], 1, 'retries-spent'));
    assert.match(r.warning.message, /\(100 → 400 samples\): the plan written is the search on 400 samples.*\(still over it\)$/);
    assert.equal(r.decisions[1]!.kind, 'missed');
  });

  it('says the guarded search\'s tightened target and its band, in the log and in DAGC0341', () => {
    const guarded: SearchAttempt = { ...attempt(400, 2.6e-6, 930, 990), guardMs: 45 };
    const r = researchReport('app', slo, 1, search([attempt(100, 2e-6, 990, 1020), attempt(400, 2.2e-6, 995, 1030), guarded], 2, 'met-out-of-sample'));
    assert.match(r.decisions[1]!.chosen, /not on independent ones \(1030 ms, seed 499, 800 samples\): searched again on 400 samples for p95 ≤ 955 ms$/);
    assert.match(r.decisions[2]!.chosen, /^kept the plan of the search on 400 samples for p95 ≤ 955 ms \(the SLO less a guard band of 45 ms: the most a rejected plan was flattered\): meets p95 ≤ 1000 ms on independent draws \(990 ms/);
    assert.equal(r.decisions[2]!.numbers.guardMs, 45);
    assert.equal(r.decisions[1]!.numbers.guardMs, undefined);
    assert.match(r.warning.message, /\(100 → 400 → 400 for 955 ms samples\): the plan written is the search on 400 samples for p95 ≤ 955 ms \(a guard band of 45 ms: the most a rejected plan was flattered\), at \$2\.60 per 1M executions \(\+30\.0 % against \$2\.00\), p95 990 ms on independent draws \(meets the SLO\)$/);
  });

  it('says why the plan checked last is kept when the guarded search finds no plan meeting the tightened SLO', () => {
    const noPlan: SearchAttempt = { ...attempt(400, 3e-6, 960, undefined, false), guardMs: 45 };
    const r = researchReport('app', slo, 1, search([attempt(100, 2e-6, 990, 1020), attempt(400, 2.2e-6, 995, 1030), noPlan], 1, 'guard-no-plan'));
    assert.match(r.decisions[1]!.chosen, /for p95 ≤ 955 ms \(the SLO less a guard band of 45 ms.*found no plan meeting p95 ≤ 955 ms in sample: the plan of the search on 400 samples is kept$/);
    assert.match(r.warning.message, /the search on 400 samples with a guard band found no plan meeting the tightened SLO in sample, so the plan written is the search on 400 samples, at/);
  });

  it('says a repeated plan was searched past when a later search found another', () => {
    const r = researchReport('app', slo, 1, search([attempt(100, 2e-6, 990, 1020), attempt(400, 2e-6, 985), attempt(1600, 2.4e-6, 960, 990)], 2, 'met-out-of-sample'));
    assert.match(r.decisions[1]!.chosen, /the search on 400 samples \(seed 1\) chose the plan already rejected out of sample: its miss stands; searched again on 1600 samples$/);
    assert.match(r.warning.message, /\(100 → 400 → 1600 samples\): the plan written is the search on 1600 samples, at \$2\.40 per 1M executions \(\+20\.0 % against \$2\.00\)/);
  });
});

// Frontier sizing's search, worked by hand (issue 26: tests that kill the mutants the first src/passes run left).
// Every leaf comes from a table per function (memory → [latency ms, cost]); the whole-workflow estimate is the
// IR's summed leaf latency times a factor (1 = the surrogate is exact) and its summed cost, so every frontier,
// every check and every pilot number below is worked out on paper from the tables.
import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import { decompose } from '../../src/ir/decompose.ts';
import type { SpTree } from '../../src/ir/sp-tree.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';
import { frontierSizing, type FrontierSizing, type SizingContext } from '../../src/passes/frontier-sizing.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import { materialize } from '../../src/passes/frontier/curve.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { irOf } from '../helpers/ir-builder.ts';

type Table = Record<number, [latencyMs: number, costUsd: number]>;
const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
const arm = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'arm64' });
/** The default table of every function. */
const TABLE: Table = { 128: [400, 1], 256: [200, 2], 512: [100, 4], 1024: [50, 8] };
/** A chain a → b on TABLE at 128/256/512 MB: sums of two leaves, 500/5 dominated by 400/4. */
const CHAIN_FRONTIER = [[200, 8], [300, 6], [400, 4], [600, 3], [800, 2]];

function summaryOf(latencyMs: number, costUsd: number, p95 = latencyMs): EstimateSummary {
  return { latencyMs: { p50: latencyMs, p90: latencyMs, p95, p99: latencyMs, max: latencyMs }, costUsd, breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
}

interface Setup {
  factor?: number;
  maxChecks?: number;
  /** Options of every function (default 128/256/512 MB on x86). */
  options?: ConfigurationOption[];
  /** Options of named functions, in place of `options`. */
  optionsOf?: Record<string, ConfigurationOption[]>;
  tables?: Record<string, Table>;
  orchestration?: 'express';
  tree?: SpTree;
  /** Fused Parallel branches as the leaf model judges them (absent: it cannot). */
  parallelGroup?: LeafModel['parallelGroup'];
  /** The pilot estimate's p95 and the high end of its interval, as multiples of the summed leaf latency. */
  pilot?: { p95: number; high: number };
}

function context(ir: IR, sloMs: number, setup: Setup = {}) {
  const fnOf = (id: string) => (ir.graph.node(id) as { functionName: string }).functionName;
  const tableOf = (fn: string) => setup.tables?.[fn] ?? TABLE;
  const sums = (d: Deployment) => {
    let latencyMs = 0;
    let costUsd = 0;
    for (const id of ir.graph.nodes()) {
      const [l, c] = tableOf(fnOf(id))[d.functions[fnOf(id)]!.memoryMb]!;
      latencyMs += l;
      costUsd += c;
    }
    return { latencyMs, costUsd };
  };
  const estimated: Deployment[] = [];
  const estimate: EstimateFn = (_ir, d) => {
    estimated.push(d);
    const { latencyMs, costUsd } = sums(d);
    return summaryOf(latencyMs * (setup.factor ?? 1), costUsd);
  };
  const pilotSamples: number[] = [];
  if (setup.pilot) {
    const { p95, high } = setup.pilot;
    estimate.pilot = (_ir, d, percentile, samples) => {
      pilotSamples.push(samples);
      const { latencyMs, costUsd } = sums(d);
      return { ...summaryOf(latencyMs, costUsd, latencyMs * p95), monteCarlo: { percentile, lowMs: 0, highMs: latencyMs * high, samples, confidence: 0.95 } } as EstimateSummary;
    };
  }
  const leaves: LeafModel = {
    method: 'probed',
    leaf: (step, o) => {
      const [latencyMs, costUsd] = tableOf(fnOf(step))[o.memoryMb]!;
      return { latencyMs, costUsd };
    },
    ...(setup.parallelGroup ? { parallelGroup: setup.parallelGroup } : {}),
  };
  let tree = setup.tree;
  if (!tree) {
    const decomposition = decompose(ir);
    assert.ok(decomposition.ok);
    tree = decomposition.tree;
  }
  const slo: Slo = { percentile: 'p95', latencyMs: sloMs };
  const options = setup.options ?? [128, 256, 512].map(x86);
  const base = { ...currentDeployment(ir), ...(setup.orchestration ? { orchestration: setup.orchestration } : {}) };
  const ctx: SizingContext = { ir, tree, options: new Map([...ir.functions.keys()].map((fn) => [fn, setup.optionsOf?.[fn] ?? options])), leaves, slo, estimate, base, maxChecks: setup.maxChecks ?? 10 };
  return { ctx, estimated, pilotSamples };
}

const pointsOf = (sized: FrontierSizing) => sized.frontier.map((p) => [p.latencyMs, p.costUsd]);
const surrogatesOf = (sized: FrontierSizing) => sized.checks.map((c) => c.surrogateLatencyMs);
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
const chain = () => irOf({ a: [], b: ['a'] });
/** Large-workflow mode: the fastest assignment (both steps at 512 MB) is offered. */
const largeMode = (ctx: SizingContext) => {
  ctx.fastestFirst = () => new Map([['a', x86(512)], ['b', x86(512)]]);
  return ctx;
};

describe('frontier sizing: a step\'s own curve', () => {
  it('sorts options listed in any order by latency and keeps only the undominated ones (a tie in latency or in cost keeps the first)', () => {
    // Listed out of latency order; 1024 MB ties 512 MB's latency at a higher cost, 384 MB ties 256 MB's cost slower.
    const table: Table = { 128: [400, 1], 256: [200, 2], 384: [300, 2], 512: [100, 4], 1024: [100, 8] };
    const { ctx } = context(irOf({ t: [] }), 10_000, { options: [1024, 384, 128, 512, 256].map(x86), tables: { t: table } });
    const sized = frontierSizing(ctx)!;
    assert.deepEqual(pointsOf(sized), [[100, 4], [200, 2], [400, 1]]);
    // The slowest, cheapest point is within the SLO: 128 MB.
    assert.deepEqual(sized.best!.assignment.get('t'), x86(128));
  });

  it('keeps the cheaper of two options of equal latency whichever is listed first', () => {
    const table: Table = { 512: [100, 1], 1024: [100, 2] };
    for (const listed of [[512, 1024], [1024, 512]]) {
      const sized = frontierSizing(context(irOf({ t: [] }), 1000, { options: listed.map(x86), tables: { t: table } }).ctx)!;
      assert.deepEqual(pointsOf(sized), [[100, 1]], `listed ${listed.join(', ')}`);
      assert.deepEqual(sized.best!.assignment.get('t'), x86(512));
    }
  });

  it('keeps the first listed of two options with equal latency and cost', () => {
    // One table row serves both architectures at 256 MB: the same leaf twice.
    const sized = frontierSizing(context(irOf({ t: [] }), 1000, { options: [x86(256), arm(256)] }).ctx)!;
    assert.deepEqual(pointsOf(sized), [[200, 2]]);
    assert.deepEqual(sized.best!.assignment.get('t'), x86(256));
    const armFirst = frontierSizing(context(irOf({ t: [] }), 1000, { options: [arm(256), x86(256)] }).ctx)!;
    assert.deepEqual(armFirst.best!.assignment.get('t'), arm(256));
  });
});

describe('frontier sizing: the Express execution bill', () => {
  // Express bills the execution 64 MB × its duration: $0.00001667 per GB-second (us-east-1) = 1.041875e-9 per ms.
  const USD_PER_MS = (0.00001667 * (64 / 1024)) / 1000;

  it('charges each point the execution bill at its latency and drops a slower point that is then no cheaper', () => {
    // 128 MB: 400 ms for 1e-7 + 400 ms of bill = 5.1675e-7; 256 MB: 200 ms for 2e-7 + 2.08375e-7 = 4.08375e-7 — the
    // slower point costs more in all and goes.
    const tables = { t: { 128: [400, 1e-7], 256: [200, 2e-7] } as Table };
    const express = frontierSizing(context(irOf({ t: [] }), 1000, { options: [128, 256].map(x86), tables, orchestration: 'express' }).ctx)!;
    assert.equal(express.frontier.length, 1);
    assert.equal(express.frontier[0]!.latencyMs, 200);
    close(express.frontier[0]!.costUsd, 2e-7 + 200 * USD_PER_MS, 'cost with the execution bill');
    assert.deepEqual(express.best!.assignment.get('t'), x86(256));
    // Under Standard the execution bill is per transition, not per ms: both points stay, costs as the leaves say.
    const standard = frontierSizing(context(irOf({ t: [] }), 1000, { options: [128, 256].map(x86), tables }).ctx)!;
    assert.deepEqual(pointsOf(standard), [[200, 2e-7], [400, 1e-7]]);
  });

  it('keeps both points where the bill leaves the slower one cheaper', () => {
    // 128 MB: 400 ms for 1e-6 → 1.4168e-6; 256 MB: 200 ms for 2e-6 → 2.2084e-6.
    const tables = { t: { 128: [400, 1e-6], 256: [200, 2e-6] } as Table };
    const sized = frontierSizing(context(irOf({ t: [] }), 1000, { options: [128, 256].map(x86), tables, orchestration: 'express' }).ctx)!;
    assert.deepEqual(sized.frontier.map((p) => p.latencyMs), [200, 400]);
    close(sized.frontier[0]!.costUsd, 2e-6 + 200 * USD_PER_MS, 'fast point');
    close(sized.frontier[1]!.costUsd, 1e-6 + 400 * USD_PER_MS, 'slow point');
  });

  it('drops a slower point whose cost with the bill equals the faster one\'s exactly', () => {
    // 128 MB costs nothing of its own: 400 ms of bill; 256 MB costs 200 ms of bill and runs 200 ms: the same sum.
    const rate = (0.00001667 * (64 / 1024)) / 1000;
    const sized = frontierSizing(context(irOf({ t: [] }), 1000, { options: [128, 256].map(x86), tables: { t: { 128: [400, 0], 256: [200, 200 * rate] } }, orchestration: 'express' }).ctx)!;
    // The price is written as dagc's price table has it, so the two sums are the same double (2 × (rate × 200)).
    assert.deepEqual(sized.frontier.map((p) => p.latencyMs), [200]);
  });
});

describe('frontier sizing: the search along the frontier', () => {
  it('checks nothing between the start and the fastest point when both miss', () => {
    // The estimate is 4 × the sum. The start (600 ms, the cheapest within 600) estimates 2,400; the fastest (200 ms) 800:
    // both miss, so nothing else is worth an estimate.
    const sized = frontierSizing(context(chain(), 600, { factor: 4 }).ctx)!;
    assert.deepEqual(pointsOf(sized), CHAIN_FRONTIER);
    assert.deepEqual(surrogatesOf(sized), [600, 200]);
    assert.equal(sized.best, undefined);
    assert.ok(!('best' in sized), 'no best plan: the field is absent, not undefined');
  });

  it('bisects all the way to the slowest point when every point meets', () => {
    // The estimate is half the sum and the SLO 450: start 400 ms meets, 600 meets, 800 meets.
    const sized = frontierSizing(context(chain(), 450, { factor: 0.5 }).ctx)!;
    assert.deepEqual(surrogatesOf(sized), [400, 600, 800]);
    assert.equal(sized.best!.summary.costUsd, 2);
  });

  it('spends an estimate on a point however small its saving outside large-workflow mode', () => {
    // One step; its three points cost 1000, 999 and 996: the slowest saves 0.4 % over the start.
    const tables = { t: { 128: [300, 996], 256: [200, 999], 512: [100, 1000] } as Table };
    const sized = frontierSizing(context(irOf({ t: [] }), 150, { factor: 0.5, tables }).ctx)!;
    assert.deepEqual(surrogatesOf(sized), [100, 200, 300]);
    assert.equal(sized.best!.summary.costUsd, 996);
  });
});

describe('frontier sizing: large-workflow mode', () => {
  it('goes on from the frontier\'s fastest point when the fastest plan meets although the surrogate puts nothing within the SLO', () => {
    // Estimate = half the sum, SLO 150: no frontier point is within 150 on the surrogate (the fastest is 200). The
    // fastest plan estimates 100 (meets); so does the frontier's fastest point (200 → 100). Scaled by that point's
    // estimate (0.5), 300 ms predicts 150 (≤ 150, kept) and 400 ms 200 (cut): one more check, 300 → 150, meets.
    const { ctx, estimated } = context(chain(), 150, { factor: 0.5 });
    const sized = frontierSizing(largeMode(ctx))!;
    assert.deepEqual(surrogatesOf(sized), [0, 200, 300], 'the fastest plan (no surrogate latency) first');
    assert.equal(sized.best!.summary.costUsd, 6);
    assert.equal(sized.best!.surrogateLatencyMs, 300);
    assert.equal(estimated.length, 3, 'each point estimated once');
  });

  it('searches to the slowest point when the calibrated surrogate predicts every slower point to meet', () => {
    // Estimate = half the sum, SLO 450: start 400 → 200 meets; scaled by 0.5, 600 and 800 ms predict 300 and 400 (≤ 450).
    const sized = frontierSizing(largeMode(context(chain(), 450, { factor: 0.5 }).ctx))!;
    assert.deepEqual(surrogatesOf(sized), [400, 600, 800]);
    assert.equal(sized.best!.summary.costUsd, 2);
  });

  it('calibrates on the fastest point when only it meets, and checks nothing the calibration predicts to miss', () => {
    // Estimate = 2 × the sum, SLO 450: start 400 → 800 misses; the fastest 200 → 400 meets; scaled by 2, 300 ms
    // predicts 600: not checked.
    const sized = frontierSizing(largeMode(context(chain(), 450, { factor: 2 }).ctx))!;
    assert.deepEqual(surrogatesOf(sized), [400, 200]);
    assert.equal(sized.best!.surrogateLatencyMs, 200);
  });

  it('stops after the start and the fastest point when both miss', () => {
    const sized = frontierSizing(largeMode(context(chain(), 450, { factor: 3 }).ctx))!;
    assert.deepEqual(surrogatesOf(sized), [400, 200]);
    assert.ok(!('best' in sized));
  });

  it('spends no estimate on a point less than 0.5 % cheaper than the one that met', () => {
    // Points 100/1000, 200/999, 300/996: the cheapest saves 0.4 % (calibrated, all predicted to meet).
    const tables = { t: { 128: [300, 996], 256: [200, 999], 512: [100, 1000] } as Table };
    const { ctx } = context(irOf({ t: [] }), 150, { factor: 0.5, tables });
    ctx.fastestFirst = () => new Map([['t', x86(512)]]);
    const sized = frontierSizing(ctx)!;
    assert.deepEqual(surrogatesOf(sized), [100]);
    assert.equal(sized.best!.summary.costUsd, 1000);
  });

  it('does spend one on a point exactly 0.5 % cheaper', () => {
    // Points 100/1000, 200/999, 300/995: 995 = (1 − 0.005) × 1000 — checked (200 is the midpoint); from 999, 995 saves
    // under 0.5 %: the search stops there.
    const tables = { t: { 128: [300, 995], 256: [200, 999], 512: [100, 1000] } as Table };
    const { ctx } = context(irOf({ t: [] }), 150, { factor: 0.5, tables });
    ctx.fastestFirst = () => new Map([['t', x86(512)]]);
    const sized = frontierSizing(ctx)!;
    assert.deepEqual(surrogatesOf(sized), [100, 200]);
    assert.equal(sized.best!.summary.costUsd, 999);
  });
});

describe('frontier sizing: the pilot estimate of a large workflow', () => {
  // Chain a → b at SLO 450: the surrogate's pick is 400 ms (index 2 of CHAIN_FRONTIER).
  it('starts where the pilot\'s gap over the surrogate leaves the SLO, less a margin of 0.5 % of it', () => {
    // Pilot at 400 ms: p95 480, interval high 520 → gap 120; target 450 − 120 − 2.25 = 327.75 → start 300 ms (index 1).
    // The full estimate (1.25 × the sum) puts 300 at 375: meets; 400 is predicted at 500: not checked.
    const { ctx, pilotSamples } = context(chain(), 450, { factor: 1.25, pilot: { p95: 1.2, high: 1.3 } });
    const sized = frontierSizing(largeMode(ctx))!;
    assert.deepEqual(pilotSamples, [256], 'one pilot of 256 draws');
    const pilot = sized.pilot!;
    assert.deepEqual({ ...pilot, targetMs: 0 }, { samples: 256, surrogateLatencyMs: 400, pilotLatencyMs: 480, pilotHighMs: 520, gapMs: 120, targetMs: 0, pickIndex: 2, startIndex: 1 });
    close(pilot.targetMs, 327.75, 'target');
    assert.deepEqual(surrogatesOf(sized), [300]);
  });

  it('starts at the surrogate\'s pick when the pilot finds no gap', () => {
    // SLO 400 = the pick's surrogate; the pilot's high end is exactly 400: gap 0.
    const sized = frontierSizing(largeMode(context(chain(), 400, { pilot: { p95: 1, high: 1 } }).ctx))!;
    assert.equal(sized.pilot!.gapMs, 0);
    assert.equal(sized.pilot!.targetMs, 400);
    assert.equal(sized.pilot!.startIndex, 2);
    assert.deepEqual(surrogatesOf(sized), [400]);
  });

  it('starts at the surrogate\'s pick when the pilot is below the surrogate', () => {
    // The pilot's high end is half the sum: gap −200. Not moved slower: the pick (400 ms) is the start.
    const sized = frontierSizing(largeMode(context(chain(), 450, { pilot: { p95: 0.4, high: 0.5 } }).ctx))!;
    assert.equal(sized.pilot!.gapMs, -200);
    assert.equal(sized.pilot!.targetMs, 400);
    assert.equal(sized.pilot!.startIndex, 2);
    assert.equal(surrogatesOf(sized)[0], 400);
  });

  it('makes no pilot outside large-workflow mode', () => {
    const { ctx, pilotSamples } = context(chain(), 450, { pilot: { p95: 1, high: 1 } });
    const sized = frontierSizing(ctx)!;
    assert.deepEqual(pilotSamples, []);
    assert.ok(!('pilot' in sized));
  });
});

describe('frontier sizing: shared functions', () => {
  it('lists the shared functions by name', () => {
    // Steps a1, a2 run z and b1, b2 run y: z is met first (steps by id) but y sorts first.
    const ir = irOf({ a1: [], a2: ['a1'], b1: ['a2'], b2: ['b1'] }, { a1: { functionName: 'z' }, a2: { functionName: 'z' }, b1: { functionName: 'y' }, b2: { functionName: 'y' } });
    assert.deepEqual(frontierSizing(context(ir, 1000).ctx)!.sharedFunctions, ['y', 'z']);
  });

  // Nine functions of two steps each in one chain, 128 or 256 MB: 512 fixings, searched by branch and bound. With k
  // functions at 128 MB the chain takes 3,600 + 400 k ms for 36 − 2 k; each fixing's frontier is that one point.
  function nineShared(sloMs: number, setup: Setup, free = false) {
    const needs: Record<string, string[]> = {};
    const stepOptions: Record<string, { functionName: string }> = {};
    let previous: string | undefined;
    for (let i = 0; i < 18; i += 1) {
      const id = `s${String(i).padStart(2, '0')}`;
      needs[id] = previous ? [previous] : [];
      stepOptions[id] = { functionName: `f${i % 9}` };
      previous = id;
    }
    // A last step u of its own function, free at 128 … 1024 MB: 50/8, 100/4, 200/2, 400/1 on top of the fixing.
    if (free) needs['u'] = [previous!];
    if (free) return context(irOf(needs, stepOptions), sloMs, { options: [128, 256].map(x86), optionsOf: { u: [128, 256, 512, 1024].map(x86) }, ...setup });
    return context(irOf(needs, stepOptions), sloMs, { options: [128, 256].map(x86), ...setup });
  }

  it('tightens the target by the miss and searches the fixing again', () => {
    // Estimate 1.4 × the sum. Target 5,400: k = 4 (5,200 ms) estimates 7,280, a miss. Next target
    // 5,400 × (5,400 / 7,280) × 0.98 = 3,925.4: k = 0 (3,600 ms, $36) estimates 5,040 and meets.
    const sized = frontierSizing(nineShared(5400, { factor: 1.4 }).ctx)!;
    assert.deepEqual(surrogatesOf(sized), [5200, 3600]);
    assert.equal(sized.fixings, 2);
    assert.equal(sized.best!.summary.costUsd, 36);
    assert.deepEqual(pointsOf(sized), [[3600, 36], [5200, 28]]);
    assert.ok(!('pilot' in sized));
  });

  it('tries three targets at most, and reports no plan when every one misses', () => {
    // Estimate 2 × the sum: 5,200 → 10,400 misses; the next targets (2,747.7, then 2,019.6) are under every fixing,
    // whose search then keeps the fastest (3,600 ms → 7,200, a miss) — three rounds, three checks.
    const sized = frontierSizing(nineShared(5400, { factor: 2 }).ctx)!;
    assert.deepEqual(surrogatesOf(sized), [5200, 3600, 3600]);
    assert.equal(sized.fixings, 3);
    assert.ok(!('best' in sized), 'no plan meets: no best field');
    assert.ok(!('pilot' in sized));
    assert.equal(sized.fixingMethod, 'branch and bound');
  });

  it('stops searching fixings when the whole-workflow estimates are spent', () => {
    const sized = frontierSizing(nineShared(5400, { factor: 2, maxChecks: 2 }).ctx)!;
    assert.deepEqual(surrogatesOf(sized), [5200, 3600]);
    assert.equal(sized.fixings, 2);
  });

  it('bisects a fixing\'s frontier with the estimates left, at least two', () => {
    // With u free, each fixing's frontier has four points. Target 5,400: k = 4 (5,200 ms, $28) with u at 200 ms (5,400,
    // $30) is the cheapest. Estimate 1.01 × the sum: 5,400 → 5,454 misses, 5,250 → 5,302.5 meets, 5,300 → 5,353 meets —
    // three checks, two of them after the start.
    const sized = frontierSizing(nineShared(5400, { factor: 1.01 }, true).ctx)!;
    assert.deepEqual(surrogatesOf(sized), [5400, 5250, 5300]);
    assert.equal(sized.best!.summary.costUsd, 32);
    assert.equal(sized.fixings, 1);
  });

  it('gives a later fixing only the estimates the earlier ones left', () => {
    // maxChecks 3, estimate 1.05 × the sum. Round 1 (k = 4): 5,400 → 5,670 and 5,250 → 5,512.5 both miss (2 checks).
    // Target 5,400 × (5,400 / 5,670) × 0.98 = 5,040: k = 3 with u at 200 ms (5,000, $32). Its frontier 4,850/38,
    // 4,900/34, 5,000/32, 5,200/31 gets max(2, 3 − 2) = 2 estimates: 5,200 → 5,460 misses, 4,850 → 5,092.5 meets.
    const sized = frontierSizing(nineShared(5400, { factor: 1.05, maxChecks: 3 }, true).ctx)!;
    assert.deepEqual(surrogatesOf(sized), [5400, 5250, 5200, 4850]);
    assert.equal(sized.fixings, 2);
    assert.equal(sized.best!.summary.costUsd, 38);
  });

  it('keeps the pilot of the last fixing searched in large-workflow mode', () => {
    // Estimate and pilot 1.4 × the sum. Round 2's fixing is 3,600 ms alone: gap 5,040 − 3,600 = 1,440, target
    // 5,400 − 1,440 − 27 = 3,933; its start, the pick, estimates 5,040 and meets.
    const { ctx } = nineShared(5400, { factor: 1.4, pilot: { p95: 1.4, high: 1.4 } });
    ctx.fastestFirst = () => new Map([...ctx.ir.functions.keys()].map((fn) => [fn, x86(256)]));
    const sized = frontierSizing(ctx)!;
    assert.equal(sized.best!.summary.costUsd, 36);
    const pilot = sized.pilot!;
    assert.equal(pilot.surrogateLatencyMs, 3600);
    close(pilot.gapMs, 1440, 'gap');
    close(pilot.targetMs, 3933, 'target');
  });
});

describe('frontier sizing: the ε grid', () => {
  // One option per function: each step's curve is one point, so a wide workflow composes in a blink.
  function wide(steps: number): FrontierSizing {
    const needs: Record<string, string[]> = {};
    for (let i = 0; i < steps; i += 1) needs[`s${String(i).padStart(4, '0')}`] = [];
    const ir = irOf(needs);
    const tree: SpTree = { kind: 'parallel', children: Object.keys(needs).map((step) => ({ kind: 'leaf', step })) };
    return frontierSizing(context(ir, 1000, { options: [x86(256)], tree }).ctx)!;
  }

  it('composes on the fine grid (ε = 0.002) up to 2,000 steps and on the next (ε = 0.01) past them', () => {
    assert.equal(wide(2000).epsilon, 0.002);
    assert.equal(wide(2001).epsilon, 0.01);
  });
});

describe('frontier sizing: structure joined to the leaves', () => {
  const groupsOf = (sized: FrontierSizing) => sized.frontier.flatMap((p) => materialize(p.choice).filter((pick) => pick.group).map((pick) => `${pick.group!.join('+')}${pick.parallelGroup ? ' parallel' : ''}`));

  it("offers a chain's run fused into one Lambda when fusion is on, and not when it is off", () => {
    // a → b fused at 128 MB: 2 × 400 ms less a dispatch, 2 × $1 less a transition and a request — it dominates the
    // unfused 128 MB pair (800 ms for 2), so the frontier's slow end is the fused run.
    const fused = context(chain(), 1000).ctx;
    fused.structure = { fusion: true, bundling: false, distributedMaps: false };
    const sized = frontierSizing(fused)!;
    assert.ok(groupsOf(sized).includes('a+b'), 'a fused point on the frontier');
    const plain = context(chain(), 1000).ctx;
    plain.structure = { fusion: false, bundling: false, distributedMaps: false };
    assert.deepEqual(groupsOf(frontierSizing(plain)!), []);
  });

  it('fuses a chain of one function longer than the usual run cap whole (an unrolled loop)', () => {
    // Eight steps of r, one after another: past MAX_FUSED_RUN only a uniform run is fused, and this one is.
    const needs: Record<string, string[]> = {};
    const steps: Record<string, { functionName: string }> = {};
    for (let i = 0; i < 8; i += 1) {
      needs[`r${i}`] = i === 0 ? [] : [`r${i - 1}`];
      steps[`r${i}`] = { functionName: 'r' };
    }
    const { ctx } = context(irOf(needs, steps), 10_000);
    ctx.structure = { fusion: true, bundling: false, distributedMaps: false };
    assert.ok(groupsOf(frontierSizing(ctx)!).includes('r0+r1+r2+r3+r4+r5+r6+r7'));
  });

  it('offers Parallel branches fused when fusion is on and the leaf model can judge a group, and only then', () => {
    // a and b side by side; the group runs both in 150 ms for $1 at any option: faster and cheaper than apart.
    const parallelGroup = () => ({ latencyMs: 150, costUsd: 1 });
    const sizedWith = (fusion: boolean, judge: boolean) => {
      const { ctx } = context(irOf({ a: [], b: [] }), 1000, judge ? { parallelGroup } : {});
      ctx.structure = { fusion, bundling: false, distributedMaps: false };
      return groupsOf(frontierSizing(ctx)!);
    };
    assert.deepEqual(sizedWith(true, true), ['a+b parallel']);
    assert.deepEqual(sizedWith(false, true), [], 'fusion off');
    assert.deepEqual(sizedWith(true, false), [], 'no judge of a group');
  });
});

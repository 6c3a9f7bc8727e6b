import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import type { Architecture, IR, Slo } from '../../src/ir/types.ts';
import { DecisionLog } from '../../src/passes/decision-log.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import { polishDownward, type PolishInput } from '../../src/passes/polish.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { irOf } from '../helpers/ir-builder.ts';
import { OptimizerSession } from '../../src/passes/optimizer-session.ts';
import { ALL_STRUCTURE, mapVariants } from '../../src/passes/structural-options.ts';
import { monteCarloEstimateFn } from '../../src/sim/estimate.ts';
import { outOfSample } from '../helpers/out-of-sample.ts';
import { profileOf, type CurveOptions } from '../helpers/profile-builder.ts';

// Every function runs one step of its own name. A table gives each (function, option) a latency and a cost; the
// leaves read it, and the estimate of a plan is the table's numbers summed along a chain (latency) and over all
// functions (cost), so every polish move below is worked by hand. An override makes the estimate disagree with
// the leaves where a test needs it.
type Table = Record<string, Array<[memoryMb: number, latencyMs: number, costUsd: number, architecture?: Architecture]>>;

const SLO: Slo = { percentile: 'p95', latencyMs: 600 };
const key = (memoryMb: number, architecture: string) => `${memoryMb}/${architecture}`;

function setup(table: Table, start: Record<string, number | [number, Architecture]>, options: { series?: boolean; maxEstimates?: number; extraCostUsd?: Record<string, number> } = {}) {
  const fns = Object.keys(table).sort();
  const needs: Record<string, string[]> = {};
  fns.forEach((fn, i) => (needs[fn] = options.series === false || i === 0 ? [] : [fns[i - 1]!]));
  const ir: IR = irOf(needs);
  const optionLists = new Map<string, ConfigurationOption[]>();
  const numbers = new Map<string, { latencyMs: number; costUsd: number }>();
  for (const fn of fns) {
    optionLists.set(fn, table[fn]!.map(([memoryMb, , , architecture]) => ({ memoryMb, architecture: architecture ?? 'x86_64' })));
    for (const [memoryMb, latencyMs, costUsd, architecture] of table[fn]!) numbers.set(`${fn}@${key(memoryMb, architecture ?? 'x86_64')}`, { latencyMs, costUsd });
  }
  const leaves: LeafModel = { method: 'probed', leaf: (step, o) => numbers.get(`${step}@${key(o.memoryMb, o.architecture)}`)! };
  let calls = 0;
  const estimate: EstimateFn = (_ir, deployment) => {
    calls += 1;
    const parts = fns.map((fn) => {
      const c = deployment.functions[fn]!;
      return { ...numbers.get(`${fn}@${key(c.memoryMb, c.architecture)}`)!, extra: options.extraCostUsd?.[`${fn}@${key(c.memoryMb, c.architecture)}`] ?? 0 };
    });
    const latencyMs = options.series === false ? Math.max(...parts.map((p) => p.latencyMs)) : parts.reduce((s, p) => s + p.latencyMs, 0);
    return summaryOf(latencyMs, parts.reduce((s, p) => s + p.costUsd + p.extra, 0));
  };
  const functions: Deployment['functions'] = {};
  for (const fn of fns) {
    const s = start[fn]!;
    functions[fn] = Array.isArray(s) ? { memoryMb: s[0], architecture: s[1] } : { memoryMb: s, architecture: 'x86_64' };
  }
  const deployment: Deployment = { functions, steps: {}, edges: {}, orchestration: 'standard' };
  const input: PolishInput = { ir, slo: SLO, estimate, leaves, options: optionLists, steps: new Map(fns.map((fn) => [fn, [fn]])), maxEstimates: options.maxEstimates ?? 100 };
  const startSummary = estimate(ir, deployment);
  calls = 0;
  return { input, deployment, startSummary, calls: () => calls };
}

function summaryOf(latencyMs: number, costUsd: number): EstimateSummary {
  return {
    latencyMs: { p50: latencyMs, p90: latencyMs, p95: latencyMs, p99: latencyMs, max: latencyMs },
    costUsd,
    breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 },
  };
}

const memories = (d: Deployment) => Object.fromEntries(Object.entries(d.functions).map(([fn, c]) => [fn, `${c.memoryMb}/${c.architecture}`]));

/** 128, 256, 512 MB: each halving of memory doubles the latency and halves the cost. */
const LADDER: Table['f'] = [[128, 400, 1], [256, 200, 2], [512, 100, 4]];

describe('polish', () => {
  it('walks each function down one option at a time while the plan meets the SLO for less, and logs each move', () => {
    // f → g, both at 512 MB: 200 ms, 8. Round 1: f to 256 (300 ms, 6), g to 256 (400 ms, 4). Round 2: f to 128
    // (600 ms, 3: exactly the SLO); g to 128 would take 800 ms. Round 3: g's 128 again, no pair pays.
    const { input, deployment, startSummary, calls } = setup({ f: LADDER, g: LADDER }, { f: 512, g: 512 });
    const log = new DecisionLog('memory-sizing');
    const polished = polishDownward(input, deployment, startSummary, log);
    assert.deepEqual(memories(polished.deployment), { f: '128/x86_64', g: '256/x86_64' });
    assert.equal(polished.summary.costUsd, 3);
    assert.equal(polished.moves, 3);
    assert.equal(polished.estimates, 5);
    assert.equal(calls(), 5);
    assert.deepEqual(log.list().map((d) => [d.subject, d.chosen, d.numbers]), [
      ['f', 'polished down to 256 MB on x86_64', { costUsd: 6, fromMemoryMb: 512, latencyMs: 300, toMemoryMb: 256 }],
      ['g', 'polished down to 256 MB on x86_64', { costUsd: 4, fromMemoryMb: 512, latencyMs: 400, toMemoryMb: 256 }],
      ['f', 'polished down to 128 MB on x86_64', { costUsd: 3, fromMemoryMb: 256, latencyMs: 600, toMemoryMb: 128 }],
    ]);
    assert.deepEqual([...polished.rejected], [['g', [{ option: '128 MB on x86_64', reason: "the workflow's p95 would be 800 ms, over the SLO", numbers: { latencyMs: 800, costUsd: 2 } }]]]);
    assert.equal(deployment.functions['f']!.memoryMb, 512, 'the start plan is not changed');
  });

  it('spends no estimate and returns the start plan when it has none to spend', () => {
    const { input, deployment, startSummary, calls } = setup({ f: LADDER, g: LADDER }, { f: 512, g: 512 }, { maxEstimates: 0 });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.equal(polished.deployment, deployment);
    assert.equal(polished.summary, startSummary);
    assert.deepEqual([polished.estimates, polished.moves, calls(), polished.rejected.size], [0, 0, 0, 0]);
  });

  it('stops at its estimate budget', () => {
    for (const [budget, expected] of [[1, { f: '256/x86_64', g: '512/x86_64' }], [2, { f: '256/x86_64', g: '256/x86_64' }], [3, { f: '128/x86_64', g: '256/x86_64' }]] as const) {
      const { input, deployment, startSummary, calls } = setup({ f: LADDER, g: LADDER }, { f: 512, g: 512 }, { maxEstimates: budget });
      const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
      assert.deepEqual(memories(polished.deployment), expected, `budget ${budget}`);
      assert.equal(calls(), budget);
      assert.equal(polished.estimates, budget);
    }
  });

  it('keeps the start plan when a cheaper option meets the SLO but the whole workflow costs no less, and says so', () => {
    // The estimate charges f at 256 MB 2.5 more than its leaf: 9.5 against 8.
    const { input, deployment, startSummary } = setup({ f: LADDER, g: LADDER }, { f: 512, g: 512 }, { extraCostUsd: { 'f@256/x86_64': 2.5, 'f@128/x86_64': 10, 'g@256/x86_64': 2, 'g@128/x86_64': 10 } });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.deepEqual(memories(polished.deployment), { f: '512/x86_64', g: '512/x86_64' });
    assert.equal(polished.moves, 0);
    const reasons = polished.rejected.get('f')!.map((r) => [r.option, r.reason]);
    assert.deepEqual(reasons, [['256 MB on x86_64', 'no cheaper for the whole workflow'], ['128 MB on x86_64', 'no cheaper for the whole workflow']]);
    // Exactly as dear (g at 256: 6 + 2 = 8) is no cheaper either.
    assert.equal(polished.rejected.get('g')![0]!.reason, 'no cheaper for the whole workflow');
  });

  it('tries up to three cheaper options per function and round, the next cheaper each time', () => {
    // f at 1024 MB. 512 and 256 are slower than the SLO allows; 128 (on its own numbers) is fast enough.
    const table: Table = { f: [[64, 300, 0.5], [128, 300, 1], [256, 900, 2], [512, 900, 4], [1024, 100, 8]] };
    const { input, deployment, startSummary } = setup(table, { f: 1024 });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.deepEqual(memories(polished.deployment), { f: '64/x86_64' }, 'the third try (128) was taken, then 64 the next round');
    // With a fourth option in the way the third try is 256 and 128 is never reached.
    const longer: Table = { f: [[64, 300, 0.5], [128, 300, 1], [256, 900, 2], [384, 900, 3], [512, 900, 4], [1024, 100, 8]] };
    const blocked = setup(longer, { f: 1024 });
    const stuck = polishDownward(blocked.input, blocked.deployment, blocked.startSummary, new DecisionLog('m'));
    assert.deepEqual(memories(stuck.deployment), { f: '1024/x86_64' });
    assert.deepEqual(stuck.rejected.get('f')!.map((r) => r.option), ['512 MB on x86_64', '384 MB on x86_64', '256 MB on x86_64']);
  });

  it('steps down to the dearer of two equally cheap options first: the larger memory, then x86_64 before arm64', () => {
    const byArchitecture: Table = { f: [[256, 200, 2, 'arm64'], [256, 200, 2], [512, 100, 4]] };
    const a = setup(byArchitecture, { f: 512 });
    assert.deepEqual(memories(polishDownward(a.input, a.deployment, a.startSummary, new DecisionLog('m')).deployment), { f: '256/x86_64' });
    const reversed: Table = { f: [[256, 200, 2], [256, 200, 2, 'arm64'], [512, 100, 4]] };
    const r = setup(reversed, { f: 512 });
    assert.deepEqual(memories(polishDownward(r.input, r.deployment, r.startSummary, new DecisionLog('m')).deployment), { f: '256/x86_64' });
    const byMemory: Table = { f: [[256, 200, 2], [384, 200, 2], [512, 100, 4]] };
    const m = setup(byMemory, { f: 512 });
    assert.deepEqual(memories(polishDownward(m.input, m.deployment, m.startSummary, new DecisionLog('m')).deployment), { f: '384/x86_64' });
  });

  it('moves one function down and pays for it with another one step up when no single move is left', () => {
    // f → g at 256/256: 600 ms, 4.5. f down alone: 800 ms; g down alone: 700 ms. f down to 128 (saves 2 on its
    // leaves) with g up to 512 (costs 1 more): 600 ms, 3.5.
    const table: Table = { f: [[128, 500, 1], [256, 300, 3]], g: [[128, 400, 1], [256, 300, 1.5], [512, 100, 2.5]] };
    const { input, deployment, startSummary, calls } = setup(table, { f: 256, g: 256 });
    const log = new DecisionLog('m');
    const polished = polishDownward(input, deployment, startSummary, log);
    assert.deepEqual(memories(polished.deployment), { f: '128/x86_64', g: '512/x86_64' });
    assert.equal(polished.summary.costUsd, 3.5);
    assert.equal(polished.moves, 1);
    assert.equal(calls(), 5);
    assert.deepEqual(log.list().map((d) => [d.subject, d.chosen, d.numbers]), [
      ['f', 'polished down to 128 MB on x86_64, paid for by g up to 512 MB on x86_64', { costUsd: 3.5, fromMemoryMb: 256, latencyMs: 600, toMemoryMb: 128 }],
    ]);
  });

  it('estimates no pair whose leaves say the step up costs at least what the step down saves', () => {
    // As above, but g's 512 MB costs 3.5 on its leaves: 2 more for a saving of 2.
    const table: Table = { f: [[128, 500, 1], [256, 300, 3]], g: [[128, 400, 1], [256, 300, 1.5], [512, 100, 3.5]] };
    const { input, deployment, startSummary, calls } = setup(table, { f: 256, g: 256 });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.equal(polished.moves, 0);
    assert.equal(calls(), 2, 'the two single moves only');
  });

  it('takes a further step up only while the pair is too slow', () => {
    // f down to 128 adds 300 ms; g's first step up (384) saves 100 ms: too slow; the second (512) saves 300 ms.
    const table: Table = { f: [[128, 600, 1], [256, 300, 5]], g: [[128, 400, 1], [256, 300, 1.5], [384, 200, 2], [512, 0, 2.5]] };
    const { input, deployment, startSummary } = setup(table, { f: 256, g: 256 });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.deepEqual(memories(polished.deployment), { f: '128/x86_64', g: '512/x86_64' });
    // A step up that meets but is not cheaper stops the climb: a dearer one cannot be cheaper.
    const flat: Table = { f: [[128, 600, 1], [256, 300, 5]], g: [[128, 400, 1], [256, 300, 1.5], [384, 0, 2], [512, 0, 2.5]] };
    const s = setup(flat, { f: 256, g: 256 }, { extraCostUsd: { 'g@384/x86_64': 10 } });
    const stopped = polishDownward(s.input, s.deployment, s.startSummary, new DecisionLog('m'));
    assert.deepEqual(memories(stopped.deployment), { f: '256/x86_64', g: '256/x86_64' });
    assert.equal(s.calls(), 3, 'two single moves and one pair');
  });

  it('skips options that are dearer but no faster when stepping up', () => {
    // g's 384 MB is dearer than 256 and just as slow: not a step up; 512 is.
    const table: Table = { f: [[128, 600, 1], [256, 300, 5]], g: [[128, 400, 1], [256, 300, 1.5], [384, 300, 2], [512, 0, 2.5]] };
    const { input, deployment, startSummary, calls } = setup(table, { f: 256, g: 256 });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.deepEqual(memories(polished.deployment), { f: '128/x86_64', g: '512/x86_64' });
    // Round 1: two single moves and one pair (a pair with 384 first would be one more); round 2: g's three tries down.
    assert.equal(calls(), 3 + 3);
  });

  it('spends no pair estimate once the single moves have used the budget', () => {
    const table: Table = { f: [[128, 500, 1], [256, 300, 3]], g: [[128, 400, 1], [256, 300, 1.5], [512, 100, 2.5]] };
    const { input, deployment, startSummary, calls } = setup(table, { f: 256, g: 256 }, { maxEstimates: 2 });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.equal(calls(), 2);
    assert.equal(polished.moves, 0);
  });

  it('rounds the numbers of a turned-down option to 10 significant digits', () => {
    // f at 128 MB with g: 0.1 + 0.2 in floating point is 0.30000000000000004.
    const table: Table = { f: [[128, 400, 0.1], [256, 200, 0.2]], g: [[128, 400, 0.2]] };
    const { input, deployment, startSummary } = setup(table, { f: 256, g: 128 });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.deepEqual(polished.rejected.get('f'), [{ option: '128 MB on x86_64', reason: "the workflow's p95 would be 800 ms, over the SLO", numbers: { latencyMs: 800, costUsd: 0.3 } }]);
  });
});

// Two maps in a chain (m → n, each its function's only step), one configuration each (1024 MB), variants bundle
// 1, 2 and 4. Per (map, bundle): the leaf's percentile, its tail (the next percentile up) and its cost; the
// estimate of a plan adds the two maps' tails (the workflow's percentile is reached when a step is in its tail)
// and their costs, so every move is worked by hand. SLO 600 ms.
describe('polish of map variants', () => {
  type VariantTable = Record<string, Record<number, [latencyMs: number, tailMs: number, costUsd: number]>>;
  const OPTION: ConfigurationOption = { memoryMb: 1024, architecture: 'x86_64' };
  const VARIANTS = [1, 2, 4].map((bundleSize) => ({ bundleSize, distributed: false }));
  const SHORT_N: VariantTable['n'] = { 1: [40, 50, 1], 2: [40, 50, 1], 4: [40, 50, 1] };

  function mapsSetup(table: VariantTable, start: Record<string, number>, options: { variants?: boolean; fusedTask?: boolean } = {}) {
    const ir = irOf({ m: [], n: ['m'], ...(options.fusedTask ? { t: [] } : {}) }, { m: { map: { kind: 'fixed', width: 8 } }, n: { map: { kind: 'fixed', width: 8 } } });
    const bundleOf = (d: Deployment, step: string) => d.steps[step]?.bundleSize ?? 1;
    const leaves: LeafModel = {
      method: 'probed',
      variants: true,
      leaf: (step, _o, variant) => {
        if (step === 't') return { latencyMs: 10, costUsd: 1 };
        const [latencyMs, tailLatencyMs, costUsd] = table[step]![variant?.bundleSize ?? 1]!;
        return { latencyMs, costUsd, tailLatencyMs };
      },
    };
    let calls = 0;
    const estimate: EstimateFn = (_ir, d) => {
      calls += 1;
      const parts = ['m', 'n'].map((s) => table[s]![bundleOf(d, s)]!);
      return summaryOf(parts.reduce((sum, p) => sum + p[1], 0), parts.reduce((sum, p) => sum + p[2], 0));
    };
    const fns = options.fusedTask ? ['m', 'n', 't'] : ['m', 'n'];
    const deployment: Deployment = {
      functions: Object.fromEntries(fns.map((fn) => [fn, { ...OPTION }])),
      steps: { m: start['m']! > 1 ? { bundleSize: start['m']! } : {}, n: start['n']! > 1 ? { bundleSize: start['n']! } : {}, ...(options.fusedTask ? { t: { fusionGroup: '~fuse-t' } } : {}) },
      edges: {},
      orchestration: 'express',
      ...(options.fusedTask ? { groups: { '~fuse-t': { steps: ['t'], memoryMb: 2048, architecture: 'x86_64' as const } } } : {}),
    };
    // t has a cheaper option, but it runs only inside its group: moving the function's own memory would change nothing.
    const optionLists = new Map<string, ConfigurationOption[]>(fns.map((fn) => [fn, fn === 't' ? [OPTION, { memoryMb: 512, architecture: 'x86_64' }] : [OPTION]]));
    const input: PolishInput = {
      ir,
      slo: SLO,
      estimate,
      leaves,
      options: optionLists,
      steps: new Map(fns.map((fn) => [fn, [fn]])),
      maxEstimates: 100,
      ...(options.variants === false ? {} : { variants: (step: string) => (step === 't' ? [] : VARIANTS) }),
    };
    const startSummary = estimate(ir, deployment);
    calls = 0;
    return { input, deployment, startSummary, calls: () => calls, bundles: (d: Deployment) => ({ m: bundleOf(d, 'm'), n: bundleOf(d, 'n') }) };
  }

  it('moves a map to a cheaper bundle size the estimate says still meets the SLO, and logs the move and the one it turned down', () => {
    // m × 1: 500 + 50 ms, 5. m × 2: 550 + 50 = 600 ms, 4: meets. m × 4: 900 + 50 ms: over.
    const table: VariantTable = { m: { 1: [300, 500, 4], 2: [350, 550, 3], 4: [700, 900, 2] }, n: SHORT_N };
    const { input, deployment, startSummary, calls, bundles } = mapsSetup(table, { m: 1, n: 1 });
    const log = new DecisionLog('m');
    const polished = polishDownward(input, deployment, startSummary, log);
    assert.deepEqual(bundles(polished.deployment), { m: 2, n: 1 });
    assert.equal(polished.summary.costUsd, 4);
    assert.deepEqual(log.list().map((d) => [d.subject, d.chosen, d.numbers]), [
      ['m', 'polished to 1024 MB on x86_64, 2 item(s) per invocation, Inline Map', { costUsd: 4, fromBundleSize: 1, fromMemoryMb: 1024, latencyMs: 600, toBundleSize: 2, toMemoryMb: 1024 }],
    ]);
    assert.deepEqual(polished.rejected.get('m'), [{ option: '1024 MB on x86_64, 4 item(s) per invocation, Inline Map', reason: "the workflow's p95 would be 950 ms, over the SLO", numbers: { latencyMs: 950, costUsd: 3 } }]);
    assert.equal(calls(), 2);
  });

  it('leaves bundle sizes as the search picked them when it is given no variants', () => {
    const table: VariantTable = { m: { 1: [300, 500, 4], 2: [350, 550, 3], 4: [700, 900, 2] }, n: SHORT_N };
    const { input, deployment, startSummary, calls, bundles } = mapsSetup(table, { m: 1, n: 1 }, { variants: false });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.deepEqual(bundles(polished.deployment), { m: 1, n: 1 });
    assert.equal(calls(), 0);
  });

  it('tries the cheaper variant with the lightest tail first, not the one with the lowest percentile', () => {
    // m × 2 has the lower percentile (400 ms) but a heavy tail (700: over the SLO); m × 4 a higher percentile (450) and a light tail (530).
    const table: VariantTable = { m: { 1: [300, 500, 4], 2: [400, 700, 3], 4: [450, 530, 3] }, n: SHORT_N };
    const { input, deployment, startSummary, calls, bundles } = mapsSetup(table, { m: 1, n: 1 });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.deepEqual(bundles(polished.deployment), { m: 4, n: 1 });
    // One estimate: the move. The next round finds nothing cheaper than m × 4 or n's own variant to estimate.
    assert.equal(calls(), 1);
  });

  it('moves one map down and pays for it with another map up when no single move is left', () => {
    // Start m × 1 (300, 5) → n × 1 (300, 1): 600 ms, 6. Alone, m × 2 (380, 3), m × 4 (500, 2.9) and n × 4 (400, 0.9)
    // each go over 600 ms. m × 2 with n × 2 (200, 2: one more than n × 1, less than m × 2 saves): 580 ms, 5.
    const table: VariantTable = { m: { 1: [250, 300, 5], 2: [300, 380, 3], 4: [400, 500, 2.9] }, n: { 1: [250, 300, 1], 2: [150, 200, 2], 4: [300, 400, 0.9] } };
    const { input, deployment, startSummary, calls, bundles } = mapsSetup(table, { m: 1, n: 1 });
    const log = new DecisionLog('m');
    const polished = polishDownward(input, deployment, startSummary, log);
    assert.deepEqual(bundles(polished.deployment), { m: 2, n: 2 });
    assert.equal(polished.summary.costUsd, 5);
    assert.deepEqual(log.list().map((d) => d.chosen), ['polished to 1024 MB on x86_64, 2 item(s) per invocation, Inline Map, paid for by n to 1024 MB on x86_64, 2 item(s) per invocation, Inline Map']);
    // Three singles and the pair; then m × 4 and n's two cheaper variants, which miss, and no pair left whose step up costs less than its step down saves.
    assert.equal(calls(), 7);
  });

  it('spends no estimate moving the memory of a function whose only step runs inside a fused group', () => {
    const table: VariantTable = { m: SHORT_N, n: SHORT_N };
    const { input, deployment, startSummary, calls } = mapsSetup(table, { m: 1, n: 1 }, { fusedTask: true });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.equal(polished.deployment.functions['t']!.memoryMb, 1024);
    assert.equal(calls(), 0);
  });
});

// A task feeding a map (a → m, each its function's only step). a has two configurations, m one (1024 MB) with
// variants bundle 1 and 2; the estimate of a plan adds a's latency and m's tail, and their costs, so every move is
// worked by hand. SLO 600 ms.
describe('polish of a map variant paid for by another function', () => {
  const OPTION: ConfigurationOption = { memoryMb: 1024, architecture: 'x86_64' };
  const VARIANTS = [1, 2].map((bundleSize) => ({ bundleSize, distributed: false }));
  /** m per bundle size: its percentile, its tail, its cost. Bundled, it costs 1 less and its tail is 100 ms longer. */
  const M: Record<number, [latencyMs: number, tailMs: number, costUsd: number]> = { 1: [200, 250, 5], 2: [300, 350, 4] };

  function setupA(a: Table['a']) {
    const ir = irOf({ a: [], m: ['a'] }, { m: { map: { kind: 'fixed', width: 8 } } });
    const aAt = (memoryMb: number) => a.find(([mb]) => mb === memoryMb)!;
    const bundleOf = (d: Deployment) => d.steps['m']?.bundleSize ?? 1;
    const leaves: LeafModel = {
      method: 'probed',
      variants: true,
      leaf: (step, o, variant) => {
        if (step === 'a') return { latencyMs: aAt(o.memoryMb)[1], costUsd: aAt(o.memoryMb)[2] };
        const [latencyMs, tailLatencyMs, costUsd] = M[variant?.bundleSize ?? 1]!;
        return { latencyMs, costUsd, tailLatencyMs };
      },
    };
    let calls = 0;
    const estimate: EstimateFn = (_ir, d) => {
      calls += 1;
      const [, aMs, aUsd] = aAt(d.functions['a']!.memoryMb);
      const [, mTailMs, mUsd] = M[bundleOf(d)]!;
      return summaryOf(aMs + mTailMs, aUsd + mUsd);
    };
    const deployment: Deployment = { functions: { a: { memoryMb: 512, architecture: 'x86_64' }, m: { ...OPTION } }, steps: { m: {} }, edges: {}, orchestration: 'express' };
    const input: PolishInput = {
      ir,
      slo: SLO,
      estimate,
      leaves,
      options: new Map([['a', a.map(([memoryMb]) => ({ memoryMb, architecture: 'x86_64' as const }))], ['m', [OPTION]]]),
      steps: new Map([['a', ['a']], ['m', ['m']]]),
      maxEstimates: 100,
      variants: (step: string) => (step === 'm' ? VARIANTS : []),
    };
    const startSummary = estimate(ir, deployment);
    calls = 0;
    return { input, deployment, startSummary, calls: () => calls, bundle: bundleOf };
  }

  it('bundles a map whose longer tail another function buys back with one step up, when neither move meets alone', () => {
    // Start a 512 MB (300 ms, 1) → m × 1 (tail 250, 5): 550 ms, 6. m × 2 alone: 300 + 350 = 650 ms, over; a has no
    // cheaper option and m no other configuration, so no single or memory pair is left. m × 2 with a up to 1,024 MB
    // (200 ms, 1.2: 0.2 more, less than the bundle's 1 saved): 550 ms, 5.2.
    const { input, deployment, startSummary, calls, bundle } = setupA([[512, 300, 1], [1024, 200, 1.2], [2048, 150, 3]]);
    const log = new DecisionLog('m');
    const polished = polishDownward(input, deployment, startSummary, log);
    assert.equal(bundle(polished.deployment), 2);
    assert.equal(polished.deployment.functions['a']!.memoryMb, 1024);
    assert.equal(polished.summary.costUsd, 5.2);
    assert.deepEqual(log.list().map((d) => [d.subject, d.chosen, d.numbers]), [
      ['m', 'polished to 1024 MB on x86_64, 2 item(s) per invocation, Inline Map, paid for by a up to 1024 MB on x86_64', { costUsd: 5.2, fromBundleSize: 1, fromMemoryMb: 1024, latencyMs: 550, toBundleSize: 2, toMemoryMb: 1024 }],
    ]);
    // m × 2 alone, the pair; then a back down to 512 MB, which misses (650 ms), and nothing cheaper is left.
    assert.equal(calls(), 3);
  });

  it('estimates no such pair when the leaves say the step up costs at least what the bundle saves', () => {
    // a 1,024 MB costs 2.5: 1.5 more than at 512 MB, more than m × 2 saves (1); a 2,048 MB costs more still.
    const { input, deployment, startSummary, calls, bundle } = setupA([[512, 300, 1], [1024, 200, 2.5], [2048, 150, 3]]);
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.equal(bundle(polished.deployment), 1);
    assert.equal(polished.deployment.functions['a']!.memoryMb, 512);
    // Only m × 2 alone was estimated.
    assert.equal(calls(), 1);
  });

  it('takes a further step up only while the pair is too slow', () => {
    // a 1,024 MB (260 ms) with m × 2: 610 ms, over; a 2,048 MB (240 ms, 1.5) with m × 2: 590 ms, 5.5 — kept.
    const { input, deployment, startSummary, bundle } = setupA([[512, 300, 1], [1024, 260, 1.2], [2048, 240, 1.5]]);
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('m'));
    assert.equal(bundle(polished.deployment), 2);
    assert.equal(polished.deployment.functions['a']!.memoryMb, 2048);
    assert.equal(polished.summary.costUsd, 5.5);
  });
});

// The same move with the real parts: the Monte Carlo estimator, the probed leaves, the map variants the search
// offers. Split → encode (map of 16) → pair → rebase (map of 16) → stitch, each step's curve rounded from the fitted
// model of fixtures/video/profiles (measured on AWS Lambda), under Express at p95 ≤ 2,650 ms. The start is where
// memory-only polish stops (split 1,536 MB, encode 512, pair 512, rebase 1,024, stitch 1,536: p95 2,588 ms): from
// there no map can be bundled alone within the SLO, and a bundle that another step's memory pays for is cheaper.
describe('polish of a map variant paid for by another function, estimated', function () {
  this.timeout(120_000);

  it('bundles a map and buys its time back with another step\'s memory, a plan cheaper and within the SLO on independent draws', () => {
    const ir = irOf({ split: [], encode: ['split'], pair: ['encode'], rebase: ['pair'], stitch: ['rebase'] }, { encode: { map: { kind: 'fixed', width: 16 } }, rebase: { map: { kind: 'fixed', width: 16 } } });
    const curves: Record<string, CurveOptions> = {
      split: { serialMs: 0, parallelMs: 130, maxUsefulVcpu: 1.15, sigma: 0.07 },
      encode: { serialMs: 46, parallelMs: 73, maxUsefulVcpu: 2.25, sigma: 0.16 },
      pair: { serialMs: 2, parallelMs: 20, maxUsefulVcpu: 0.58, sigma: 0.28 },
      rebase: { serialMs: 0, parallelMs: 74, maxUsefulVcpu: 0.9, sigma: 0.2 },
      stitch: { serialMs: 166, parallelMs: 743, maxUsefulVcpu: 1.16, sigma: 0.11 },
    };
    const profiles = new Map(Object.entries(curves).map(([fn, c]) => [fn, profileOf(fn, { x86_64: c })]));
    const slo: Slo = { percentile: 'p95', latencyMs: 2650 };
    const search = { samples: 500, seed: 1, executionsPerHour: 1e9 };
    const session = new OptimizerSession(profiles, monteCarloEstimateFn(profiles, search), slo);
    const start = currentDeployment(ir);
    start.orchestration = 'express';
    for (const [fn, memoryMb] of Object.entries({ split: 1536, encode: 512, pair: 512, rebase: 1024, stitch: 1536 })) start.functions[fn] = { memoryMb, architecture: 'x86_64' };
    const analysis = session.analysis(ir, start);
    const startSummary = session.estimate(ir, start);
    assert.ok(startSummary.latencyMs.p95 <= slo.latencyMs, 'the start meets the SLO');
    // Neither map bundled alone (at its memory today) stays within the SLO.
    for (const map of ['encode', 'rebase']) {
      const bundled = session.estimate(ir, { ...start, steps: { ...start.steps, [map]: { bundleSize: 2 } } });
      assert.ok(bundled.latencyMs.p95 > slo.latencyMs, `${map} × 2 alone: p95 ${bundled.latencyMs.p95} ms`);
    }

    const log = new DecisionLog('memory-sizing');
    const input: PolishInput = { ir, slo, estimate: session.estimate, leaves: analysis.leaves, options: analysis.options, steps: analysis.steps, maxEstimates: 60, variants: (step) => mapVariants(ir, step, 'express', ALL_STRUCTURE) };
    const polished = polishDownward(input, start, startSummary, log);

    const bundled = ['encode', 'rebase'].filter((map) => (polished.deployment.steps[map]?.bundleSize ?? 1) > 1);
    assert.ok(bundled.length > 0, `a map is bundled: ${JSON.stringify(polished.deployment.steps)}`);
    const raised = Object.keys(start.functions).filter((fn) => !bundled.includes(fn) && polished.deployment.functions[fn]!.memoryMb > start.functions[fn]!.memoryMb);
    assert.ok(raised.length > 0, `another function pays for it with more memory: ${JSON.stringify(polished.deployment.functions)}`);
    assert.ok(log.list().some((d) => / item\(s\) per invocation, Inline Map, paid for by \w+ up to /.test(d.chosen)), 'the log names the pair');
    assert.ok(polished.summary.costUsd < startSummary.costUsd);
    const before = outOfSample(ir, start, profiles, slo, search);
    const after = outOfSample(ir, polished.deployment, profiles, slo, search);
    assert.ok(after.meets, `p95 on independent draws ${after.latencyMs} ms`);
    assert.ok(after.costUsd < before.costUsd, `cheaper on independent draws: ${after.costUsd} against ${before.costUsd}`);
  });
});

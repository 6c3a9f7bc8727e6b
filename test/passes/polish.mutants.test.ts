// Tests from the mutation run's survivors in polish.ts (issue 26): polish spends no more whole-workflow estimates
// than it is given, tries the next cheaper option first, walks functions in name order whatever order the options
// are listed in, and says why it turned a move down (over the SLO, or no cheaper for the whole workflow — a move
// exactly at the SLO is not over it).
import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import type { Slo } from '../../src/ir/types.ts';
import { DecisionLog } from '../../src/passes/decision-log.ts';
import type { EstimateFn, EstimateSummary } from '../../src/passes/estimator-port.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import { polishDownward, type PolishInput } from '../../src/passes/polish.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { irOf } from '../helpers/ir-builder.ts';

const SLO: Slo = { percentile: 'p95', latencyMs: 600 };

function summaryOf(latencyMs: number, costUsd: number): EstimateSummary {
  const l = { p50: latencyMs, p90: latencyMs, p95: latencyMs, p99: latencyMs, max: latencyMs };
  return { latencyMs: l, costUsd, breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
}

/**
 * Functions a and b, one step each in a chain; a step at m MB takes 51,200 / m ms and costs m / 1,000 (the leaves
 * and the estimate agree unless `wholeCostUsd` overrides the estimate's cost). The options are listed as given.
 */
function setup(sizesMb: number[], start: Record<string, number>, o: { maxEstimates?: number; listed?: string[]; wholeCostUsd?: (d: Deployment) => number | undefined } = {}) {
  const ir = irOf({ a: [], b: ['a'] });
  const option = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
  const leaves: LeafModel = { method: 'probed', leaf: (_s, opt) => ({ latencyMs: 51_200 / opt.memoryMb, costUsd: opt.memoryMb / 1000 }) };
  const trials: Array<Record<string, number>> = [];
  const estimate: EstimateFn = (_ir, d) => {
    trials.push({ a: d.functions['a']!.memoryMb, b: d.functions['b']!.memoryMb });
    const fns = ['a', 'b'];
    const latencyMs = fns.reduce((s, fn) => s + 51_200 / d.functions[fn]!.memoryMb, 0);
    const costUsd = o.wholeCostUsd?.(d) ?? fns.reduce((s, fn) => s + d.functions[fn]!.memoryMb / 1000, 0);
    return summaryOf(latencyMs, costUsd);
  };
  const names = o.listed ?? ['a', 'b'];
  const input: PolishInput = { ir, slo: SLO, estimate, leaves, options: new Map(names.map((fn) => [fn, sizesMb.map(option)])), steps: new Map(names.map((fn) => [fn, [fn]])), maxEstimates: o.maxEstimates ?? 100 };
  const deployment: Deployment = { functions: { a: { memoryMb: start['a']!, architecture: 'x86_64' }, b: { memoryMb: start['b']!, architecture: 'x86_64' } }, steps: {}, edges: {}, orchestration: 'standard' };
  const startSummary = estimate(ir, deployment);
  trials.length = 0;
  return { input, deployment, startSummary, trials };
}

describe('polish (mutation survivors)', () => {
  it('with one estimate to spend tries only the next cheaper option of the first function by name', () => {
    // a and b at 1,024 MB (50 + 50 ms); within 600 ms. The next cheaper option for a is 512 MB, then 256, then 128,
    // whatever order the options are listed in.
    const { input, deployment, startSummary, trials } = setup([512, 128, 1024, 256], { a: 1024, b: 1024 }, { maxEstimates: 1, listed: ['b', 'a'] });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('test'));
    assert.deepEqual(trials, [{ a: 512, b: 1024 }]);
    assert.equal(polished.estimates, 1);
    assert.equal(polished.deployment.functions['a']!.memoryMb, 512);
  });

  it('spends no estimate when it is given none', () => {
    const { input, deployment, startSummary, trials } = setup([128, 256, 512, 1024], { a: 1024, b: 1024 }, { maxEstimates: 0 });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('test'));
    assert.equal(trials.length, 0);
    assert.equal(polished.deployment, deployment);
  });

  it('stops at its estimate budget however many moves are left', () => {
    // Every step down meets the SLO (both at 128 MB: 800 ms is over it, but 400 + 50 is not): many moves are left after 3.
    const { input, deployment, startSummary, trials } = setup([128, 256, 512, 1024], { a: 1024, b: 1024 }, { maxEstimates: 3 });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('test'));
    assert.equal(trials.length, 3);
    assert.equal(polished.estimates, 3);
  });

  it('turns down a move exactly at the SLO only as no cheaper for the whole workflow', () => {
    // a at 128 MB and b at 256: 400 + 200 = 600 ms, exactly the SLO. From a at 256 (200 + 200 ms), a down to 128 is
    // cheaper in its leaves, but the whole workflow's estimate says it costs more (as does b's): turned down, and not
    // for the SLO.
    const { input, deployment, startSummary } = setup([128, 256], { a: 256, b: 256 }, { wholeCostUsd: (d) => (d.functions['a']!.memoryMb === 128 || d.functions['b']!.memoryMb === 128 ? 1 : undefined) });
    const polished = polishDownward(input, deployment, startSummary, new DecisionLog('test'));
    const a = polished.rejected.get('a')!.find((r) => r.option === '128 MB on x86_64')!;
    assert.equal(a.reason, 'no cheaper for the whole workflow');
    assert.equal(a.numbers!.latencyMs, 600);
  });
});

describe('polish across architectures (mutation survivors)', () => {
  it('moves a function to the other architecture at the same memory size when that is cheaper', () => {
    // One step a: 51,200 / m ms on either architecture; arm64 costs 1.2 × x86_64. From 1,024 MB on arm64 the next
    // cheaper option is 1,024 MB on x86_64 (1.024 $ against 1.2288 $), tried first and kept.
    const ir = irOf({ a: [] });
    const options: ConfigurationOption[] = [512, 1024].flatMap((memoryMb) => [{ memoryMb, architecture: 'x86_64' as const }, { memoryMb, architecture: 'arm64' as const }]);
    const leafOf = (memoryMb: number, architecture: string) => ({ latencyMs: 51_200 / memoryMb, costUsd: (memoryMb / 1000) * (architecture === 'arm64' ? 1.2 : 1) });
    const leaves: LeafModel = { method: 'probed', leaf: (_s, o) => leafOf(o.memoryMb, o.architecture) };
    const trials: string[] = [];
    const estimate: EstimateFn = (_ir, d) => {
      const c = d.functions['a']!;
      trials.push(`${c.memoryMb}/${c.architecture}`);
      const leaf = leafOf(c.memoryMb, c.architecture);
      return summaryOf(leaf.latencyMs, leaf.costUsd);
    };
    // Within 60 ms: 512 MB (100 ms) is too slow on either architecture.
    const input: PolishInput = { ir, slo: { percentile: 'p95', latencyMs: 60 }, estimate, leaves, options: new Map([['a', options]]), steps: new Map([['a', ['a']]]), maxEstimates: 100 };
    const deployment: Deployment = { functions: { a: { memoryMb: 1024, architecture: 'arm64' } }, steps: {}, edges: {}, orchestration: 'standard' };
    const polished = polishDownward(input, deployment, estimate(ir, deployment), new DecisionLog('test'));
    assert.equal(trials[1], '1024/x86_64');
    assert.deepEqual(polished.deployment.functions['a'], { memoryMb: 1024, architecture: 'x86_64' });
  });
});

describe('polish of map variants (mutation survivors)', () => {
  /**
   * a (a task) then m (a map, 8 items), each at 1,024 MB only, so only m's variant can move. m's leaf for b items per
   * invocation: 50 × b ms and 1.024 × (1 / b + 0.5) $; Distributed Map adds 10 ms and saves 0.1 $. a: 50 ms, 1.024 $.
   * The estimate adds the chain up from the plan's variants, as the leaves do. aTable: a's options, if it has more.
   */
  function variantSetup(variants: Array<{ bundleSize: number; distributed: boolean }>, sloMs: number, aTable: Record<number, [latencyMs: number, costUsd: number]> = { 1024: [50, 1.024] }) {
    const ir = irOf({ a: [], m: ['a'] }, { m: { map: { kind: 'fixed', width: 8 } } });
    const one = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
    const mLeaf = (v: { bundleSize: number; distributed: boolean }) => ({ latencyMs: 50 * v.bundleSize + (v.distributed ? 10 : 0), costUsd: 1.024 * (1 / v.bundleSize + 0.5) - (v.distributed ? 0.1 : 0) });
    const leaves: LeafModel = { method: 'probed', variants: true, leaf: (step, _o, v) => (step === 'm' ? mLeaf(v ?? { bundleSize: 1, distributed: false }) : { latencyMs: aTable[_o.memoryMb]![0], costUsd: aTable[_o.memoryMb]![1] }) };
    const trials: Deployment[] = [];
    const estimate: EstimateFn = (_ir, d) => {
      trials.push(d);
      const m = mLeaf({ bundleSize: d.steps['m']?.bundleSize ?? 1, distributed: d.steps['m']?.map?.mode === 'distributed' });
      const [aMs, aUsd] = aTable[d.functions['a']!.memoryMb]!;
      return summaryOf(aMs + m.latencyMs, aUsd + m.costUsd);
    };
    const input: PolishInput = {
      ir,
      slo: { percentile: 'p95', latencyMs: sloMs },
      estimate,
      leaves,
      options: new Map([['a', Object.keys(aTable).map((mb) => one(Number(mb)))], ['m', [one(1024)]]]),
      steps: new Map([['a', ['a']], ['m', ['m']]]),
      maxEstimates: 100,
      variants: (step) => (step === 'm' ? variants : [{ bundleSize: 1, distributed: false }]),
    };
    const deployment: Deployment = { functions: { a: { memoryMb: 1024, architecture: 'x86_64' }, m: { memoryMb: 1024, architecture: 'x86_64' } }, steps: {}, edges: {}, orchestration: 'standard' };
    const startSummary = estimate(ir, deployment);
    trials.length = 0;
    return { input, deployment, startSummary, trials };
  }

  it('bundles a map as far as the SLO allows, lightest tail first, and says why the next bundle was turned down', () => {
    // Plain: 100 ms; 2 items: 150 ms (1.024 $ for m); 4 items: 250 ms, over the 160 ms SLO.
    const { input, deployment, startSummary, trials } = variantSetup([{ bundleSize: 1, distributed: false }, { bundleSize: 2, distributed: false }, { bundleSize: 4, distributed: false }], 160);
    const log = new DecisionLog('test');
    const polished = polishDownward(input, deployment, startSummary, log);
    assert.equal(polished.deployment.steps['m']!.bundleSize, 2);
    assert.equal(polished.deployment.steps['m']!.map, undefined);
    assert.equal(polished.moves, 1);
    assert.equal(polished.estimates, 2);
    assert.deepEqual(trials.map((d) => d.steps['m']?.bundleSize ?? 1), [2, 4]);
    const moved = log.list().find((d) => d.subject === 'm')!;
    assert.equal(moved.chosen, 'polished to 1024 MB on x86_64, 2 item(s) per invocation, Inline Map');
    assert.deepEqual(moved.numbers, { fromMemoryMb: 1024, toMemoryMb: 1024, fromBundleSize: 1, toBundleSize: 2, latencyMs: 150, costUsd: 2.048 });
    assert.deepEqual(polished.rejected.get('m'), [{ option: '1024 MB on x86_64, 4 item(s) per invocation, Inline Map', reason: "the workflow's p95 would be 250 ms, over the SLO", numbers: { latencyMs: 250, costUsd: 1.024 + 0.768 } }]);
  });

  it('runs a map as a Distributed Map when that is cheaper within the SLO', () => {
    const { input, deployment, startSummary } = variantSetup([{ bundleSize: 1, distributed: false }, { bundleSize: 1, distributed: true }], 160);
    const log = new DecisionLog('test');
    const polished = polishDownward(input, deployment, startSummary, log);
    assert.deepEqual(polished.deployment.steps['m'], { map: { mode: 'distributed', maxConcurrency: 0 } });
    assert.equal(log.list().find((d) => d.subject === 'm')!.chosen, 'polished to 1024 MB on x86_64, 1 item(s) per invocation, Distributed Map');
  });

  it('spends no more estimates on variant moves than it is given', () => {
    // Within 120 ms neither bundle fits: the first (2 items, 150 ms) is tried and turned down; the second is not tried.
    const { input, deployment, startSummary, trials } = variantSetup([{ bundleSize: 1, distributed: false }, { bundleSize: 2, distributed: false }, { bundleSize: 4, distributed: false }], 120);
    const polished = polishDownward({ ...input, maxEstimates: 1 }, deployment, startSummary, new DecisionLog('test'));
    assert.equal(trials.length, 1);
    assert.equal(polished.estimates, 1);
  });

  it('bundles a map while another function steps up to buy back the time, when that pair is cheaper within the SLO', () => {
    // a at 2,048 MB: 25 ms for 0.01 $ more. 2 items alone take 150 ms, over the 130 ms SLO; with a at 2,048: 125 ms,
    // for 1.01 + 1.024 = 2.034 $ against 2.56 $.
    const { input, deployment, startSummary } = variantSetup([{ bundleSize: 1, distributed: false }, { bundleSize: 2, distributed: false }, { bundleSize: 4, distributed: false }], 130, { 1024: [50, 1.0], 2048: [25, 1.01] });
    const log = new DecisionLog('test');
    const polished = polishDownward(input, deployment, startSummary, log);
    assert.equal(polished.deployment.steps['m']!.bundleSize, 2);
    assert.equal(polished.deployment.functions['a']!.memoryMb, 2048);
    assert.equal(log.list().find((d) => d.subject === 'm')!.chosen, 'polished to 1024 MB on x86_64, 2 item(s) per invocation, Inline Map, paid for by a up to 2048 MB on x86_64');
    assert.ok(Math.abs(polished.summary.costUsd - 2.034) < 1e-12);
  });

  it('bundles one map while another map unbundles to buy back the time, when that pair is cheaper within the SLO', () => {
    // a (50 ms) → m → n, maps of 8 items at 1,024 MB. A map's leaf for b items per invocation: 50 × b ms; m costs
    // 1.024 × (1 / b + 0.5) $, n half that. Start: m plain, n at 2 items: 50 + 50 + 100 = 200 ms, the SLO. m at 2
    // items alone takes 250 ms; with n plain again it takes 200 ms and saves 0.512 − 0.256 $.
    const ir = irOf({ a: [], m: ['a'], n: ['m'] }, { m: { map: { kind: 'fixed', width: 8 } }, n: { map: { kind: 'fixed', width: 8 } } });
    const one: ConfigurationOption = { memoryMb: 1024, architecture: 'x86_64' };
    const mapLeaf = (step: string, bundleSize: number) => ({ latencyMs: 50 * bundleSize, costUsd: (step === 'n' ? 0.5 : 1) * 1.024 * (1 / bundleSize + 0.5) });
    const leaves: LeafModel = { method: 'probed', variants: true, leaf: (step, _o, v) => (step === 'a' ? { latencyMs: 50, costUsd: 1 } : mapLeaf(step, v?.bundleSize ?? 1)) };
    const bundleOf = (d: Deployment, step: string) => d.steps[step]?.bundleSize ?? 1;
    const estimate: EstimateFn = (_ir, d) => {
      const m = mapLeaf('m', bundleOf(d, 'm'));
      const n = mapLeaf('n', bundleOf(d, 'n'));
      return summaryOf(50 + m.latencyMs + n.latencyMs, 1 + m.costUsd + n.costUsd);
    };
    const variants = [1, 2, 4].map((bundleSize) => ({ bundleSize, distributed: false }));
    const input: PolishInput = {
      ir,
      slo: { percentile: 'p95', latencyMs: 200 },
      estimate,
      leaves,
      options: new Map(['a', 'm', 'n'].map((fn) => [fn, [one]])),
      steps: new Map(['a', 'm', 'n'].map((fn) => [fn, [fn]])),
      maxEstimates: 100,
      variants: (step) => (step === 'a' ? [{ bundleSize: 1, distributed: false }] : variants),
    };
    const deployment: Deployment = { functions: { a: { ...one }, m: { ...one }, n: { ...one } }, steps: { n: { bundleSize: 2 } }, edges: {}, orchestration: 'standard' };
    const log = new DecisionLog('test');
    const polished = polishDownward(input, deployment, estimate(ir, deployment), log);
    assert.equal(bundleOf(polished.deployment, 'm'), 2);
    assert.equal(bundleOf(polished.deployment, 'n'), 1);
    assert.equal(log.list().find((d) => d.kind === 'passed')!.chosen, 'polished to 1024 MB on x86_64, 2 item(s) per invocation, Inline Map, paid for by n to 1024 MB on x86_64, 1 item(s) per invocation, Inline Map');
    assert.ok(Math.abs(polished.summary.costUsd - (1 + 1.024 + 0.768)) < 1e-12);
  });
});

// Review of the survivors the completed src/passes run left unreviewed (bench/results/mutation-src-passes-review-rvpasses.txt).
describe('polish: the ladder goes by cost, not by memory', () => {
  it('tries the dearest cheaper option first even when a larger memory is cheaper (a faster run bills less)', () => {
    // One function a, one step. Leaf cost per size: 2,048 MB $10, 512 MB $8, 1,024 MB $5 (512 MB runs long enough to
    // cost more than 1,024). From 2,048 MB the next cheaper option by cost is 512 MB, although 1,024 MB is the next by memory.
    const ir = irOf({ a: [] });
    const costUsdOf: Record<number, number> = { 2048: 10, 512: 8, 1024: 5 };
    const leaves: LeafModel = { method: 'probed', leaf: (_s, opt) => ({ latencyMs: 100, costUsd: costUsdOf[opt.memoryMb]! }) };
    const trials: number[] = [];
    const estimate: EstimateFn = (_ir, d) => (trials.push(d.functions['a']!.memoryMb), summaryOf(100, costUsdOf[d.functions['a']!.memoryMb]!));
    const options = [2048, 1024, 512].map((memoryMb): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' }));
    const input: PolishInput = { ir, slo: SLO, estimate, leaves, options: new Map([['a', options]]), steps: new Map([['a', ['a']]]), maxEstimates: 1 };
    const deployment: Deployment = { functions: { a: { memoryMb: 2048, architecture: 'x86_64' } }, steps: {}, edges: {}, orchestration: 'standard' };
    polishDownward(input, deployment, summaryOf(100, 10), new DecisionLog('test'));
    assert.deepEqual(trials, [512]);
  });
});

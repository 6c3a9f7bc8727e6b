// Frontier sizing worked by hand on chains: every step's leaves come from a table, and the whole-workflow
// estimate is the chain's summed leaf latency times a factor (1 = the surrogate is exact) and its summed cost.
import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import { decompose } from '../../src/ir/decompose.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { EstimateSummary } from '../../src/passes/estimator-port.ts';
import { checkPoint, frontierSizing, NO_PICK, type SizingContext } from '../../src/passes/frontier-sizing.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { irOf } from '../helpers/ir-builder.ts';

const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
/** memory → [latency ms, cost] of one step. */
const TABLE: Record<number, [number, number]> = { 128: [400, 1], 256: [200, 2], 512: [100, 4], 1024: [50, 8] };

function summaryOf(latencyMs: number, costUsd: number): EstimateSummary {
  return { latencyMs: { p50: latencyMs, p90: latencyMs, p95: latencyMs, p99: latencyMs, max: latencyMs }, costUsd, breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
}

function context(ir: IR, sloMs: number, options: { factor?: number; maxChecks?: number; sizes?: number[] } = {}) {
  const estimated: Array<Record<string, number>> = [];
  const fnOf = (i: IR, id: string) => (i.graph.node(id) as { functionName: string }).functionName;
  const estimate = (i: IR, d: Deployment) => {
    estimated.push(Object.fromEntries(Object.entries(d.functions).map(([fn, c]) => [fn, c.memoryMb])));
    let latencyMs = 0;
    let costUsd = 0;
    for (const id of i.graph.nodes()) {
      const [l, c] = TABLE[d.functions[fnOf(i, id)]!.memoryMb]!;
      latencyMs += l;
      costUsd += c;
    }
    return summaryOf(latencyMs * (options.factor ?? 1), costUsd);
  };
  const leaves: LeafModel = { method: 'probed', leaf: (_step, o) => ({ latencyMs: TABLE[o.memoryMb]![0], costUsd: TABLE[o.memoryMb]![1] }) };
  const decomposition = decompose(ir);
  assert.ok(decomposition.ok);
  const slo: Slo = { percentile: 'p95', latencyMs: sloMs };
  const sizes = (options.sizes ?? [128, 256, 512]).map(x86);
  const ctx: SizingContext = {
    ir,
    tree: decomposition.tree,
    options: new Map([...ir.functions.keys()].map((fn) => [fn, sizes])),
    leaves,
    slo,
    estimate,
    base: currentDeployment(ir),
    maxChecks: options.maxChecks ?? 10,
  };
  return { ctx, estimated };
}

const memoriesOf = (assignment: ReadonlyMap<string, ConfigurationOption>) => Object.fromEntries([...assignment].map(([fn, o]) => [fn, o.memoryMb]).sort());

describe('frontier sizing, worked by hand', () => {
  it("composes a chain's exact frontier and keeps the cheapest point the estimate says meets the SLO", () => {
    // a → b: sums of two of {400/1, 200/2, 100/4}: 200/8, 300/6, 400/4, 600/3, 800/2 (500/5 is dominated by 400/4).
    const { ctx } = context(irOf({ a: [], b: ['a'] }), 450);
    const sized = frontierSizing(ctx)!;
    assert.deepEqual(sized.frontier.map((p) => [p.latencyMs, p.costUsd]), [[200, 8], [300, 6], [400, 4], [600, 3], [800, 2]]);
    assert.equal(sized.epsilon, 0);
    assert.deepEqual(sized.sharedFunctions, []);
    assert.equal(sized.fixingMethod, 'none');
    assert.equal(sized.fixings, 1);
    assert.deepEqual(memoriesOf(sized.best!.assignment), { a: 256, b: 256 });
    assert.equal(sized.best!.surrogateLatencyMs, 400);
    // The surrogate's own pick (400 ms) is checked first and meets; the next slower point (600 ms) misses.
    assert.deepEqual(sized.checks.map((c) => [c.surrogateLatencyMs, c.meetsSlo]), [[400, true], [600, false]]);
  });

  it('searches towards faster points when the estimate is slower than the surrogate', () => {
    // The estimate is 1.5 × the sum: 400 ms estimates 600 (a miss), 300 → 450 (meets), 200 → 300.
    const { ctx } = context(irOf({ a: [], b: ['a'] }), 450, { factor: 1.5 });
    const sized = frontierSizing(ctx)!;
    assert.equal(sized.best!.surrogateLatencyMs, 300);
    assert.equal(sized.best!.summary.costUsd, 6);
    assert.deepEqual(sized.checks.map((c) => c.surrogateLatencyMs), [400, 200, 300]);
  });

  it('stops at its check budget, and finds no plan when even the fastest point misses', () => {
    const { ctx } = context(irOf({ a: [], b: ['a'] }), 450, { factor: 1.5, maxChecks: 2 });
    const sized = frontierSizing(ctx)!;
    assert.deepEqual(sized.checks.map((c) => c.surrogateLatencyMs), [400, 200]);
    assert.equal(sized.best!.surrogateLatencyMs, 200);
    const hopeless = frontierSizing(context(irOf({ a: [], b: ['a'] }), 150).ctx)!;
    assert.equal(hopeless.best, undefined);
    // Nothing within the SLO on the surrogate either: the fastest point is the start, and it misses.
    assert.deepEqual(hopeless.checks.map((c) => [c.surrogateLatencyMs, c.meetsSlo]), [[200, false]]);
  });

  it('gives a function that runs several steps one option, composing each combination of its undominated options', () => {
    // f runs a and c, b its own function: f is fixed at each of its 3 options in turn; the frontier is their union.
    const ir = irOf({ a: [], b: ['a'], c: ['b'] }, { a: { functionName: 'f' }, c: { functionName: 'f' } });
    const sized = frontierSizing(context(ir, 700).ctx)!;
    assert.deepEqual(sized.sharedFunctions, ['f']);
    assert.equal(sized.fixingMethod, 'all combinations');
    assert.equal(sized.fixings, 3);
    // Points: f at 2 × its leaf + b: both at 256 MB = 600 ms for 6 is the cheapest within 700.
    assert.deepEqual(memoriesOf(sized.best!.assignment), { b: 256, f: 256 });
    assert.ok(sized.frontier.every((p, i) => i === 0 || (p.latencyMs > sized.frontier[i - 1]!.latencyMs && p.costUsd < sized.frontier[i - 1]!.costUsd)));
  });

  it('searches for one fixing by branch and bound when there are more than 256 combinations', () => {
    // Nine shared functions of two steps each with two undominated options: 512 fixings.
    const needs: Record<string, string[]> = {};
    const stepOptions: Record<string, { functionName: string }> = {};
    let previous: string | undefined;
    for (let i = 0; i < 18; i += 1) {
      const id = `s${String(i).padStart(2, '0')}`;
      needs[id] = previous ? [previous] : [];
      stepOptions[id] = { functionName: `f${i % 9}` };
      previous = id;
    }
    const ir = irOf(needs, stepOptions);
    // 18 steps: all at 256 MB = 3,600 ms for 36; all at 128 MB = 7,200 ms for 18.
    const sized = frontierSizing(context(ir, 5400, { sizes: [128, 256] }).ctx)!;
    assert.equal(sized.sharedFunctions.length, 9);
    assert.equal(sized.fixingMethod, 'branch and bound');
    assert.equal(sized.fixings, 1);
    // k functions at 128 MB take 3,600 + 400k ms: the cheapest within 5,400 ms has k = 4 (5,200 ms, 8 + 20 = 28).
    assert.equal(sized.best!.summary.costUsd, 28);
    assert.equal(sized.best!.summary.latencyMs.p95, 5200);
  });

  it('composes coarser (ε = 0.002) past 64 steps', () => {
    const needs: Record<string, string[]> = {};
    for (let i = 0; i < 65; i += 1) needs[`s${String(i).padStart(2, '0')}`] = i === 0 ? [] : [`s${String(i - 1).padStart(2, '0')}`];
    const sized = frontierSizing(context(irOf(needs), 65 * 300, { sizes: [128, 512] }).ctx)!;
    assert.equal(sized.epsilon, 0.002);
    const exact = Object.fromEntries(Object.entries(needs).slice(0, 64));
    exact['s00'] = [];
    assert.equal(frontierSizing(context(irOf(exact), 64 * 300, { sizes: [128, 512] }).ctx)!.epsilon, 0);
  });

  it('checks the fastest plan first in large-workflow mode when nothing is within the SLO, and stops there if it misses', () => {
    const { ctx, estimated } = context(irOf({ a: [], b: ['a'] }), 150);
    let asked = 0;
    ctx.fastestFirst = () => (asked++, new Map([['a', x86(512)], ['b', x86(512)]]));
    const sized = frontierSizing(ctx)!;
    assert.equal(asked, 1);
    assert.deepEqual(sized.checks.map((c) => c.surrogateLatencyMs), [0], 'only the fastest plan, with no surrogate latency');
    assert.deepEqual(estimated, [{ a: 512, b: 512 }]);
    assert.equal(sized.best, undefined);
  });

  it('in large-workflow mode skips the points the calibrated surrogate predicts to miss', () => {
    // The estimate is 1.25 × the sum. Start at 400 ms (estimates 500 ≤ 500: meets); the ratio 1.25 puts 600 ms at
    // 750: predicted to miss, so no point slower than 400 ms is checked.
    const { ctx } = context(irOf({ a: [], b: ['a'] }), 500, { factor: 1.25 });
    ctx.fastestFirst = () => new Map();
    const sized = frontierSizing(ctx)!;
    assert.deepEqual(sized.checks.map((c) => c.surrogateLatencyMs), [400]);
    // Without it, 600 ms is checked too.
    assert.deepEqual(frontierSizing(context(irOf({ a: [], b: ['a'] }), 500, { factor: 1.25 }).ctx)!.checks.map((c) => c.surrogateLatencyMs), [400, 600]);
  });

  it('turns a frontier point into a plan: picks that fix no function are skipped, variants and groups become structure', () => {
    const ir = irOf({ a: [], b: ['a'], m: ['b'] }, { a: { outputBytes: 200 * 1024 }, b: { outputBytes: 100 * 1024 }, m: { map: { kind: 'fixed', width: 4 } } });
    const { ctx } = context(ir, 1000);
    const plan = checkPoint(ctx, {
      latencyMs: 123,
      costUsd: 1,
      choice: {
        kind: 'join',
        parts: [
          { kind: 'leaf', payload: NO_PICK },
          { kind: 'leaf', payload: { fn: 'm', option: x86(256), variant: { step: 'm', bundleSize: 2, distributed: false } } },
          { kind: 'leaf', payload: { fn: '', option: x86(512), group: ['a', 'b'] } },
        ],
      },
    });
    assert.deepEqual(memoriesOf(plan.assignment), { m: 256 });
    assert.equal(plan.surrogateLatencyMs, 123);
    assert.deepEqual(plan.deployment.steps['m'], { bundleSize: 2 });
    assert.deepEqual(plan.deployment.groups, { '~fuse-a': { steps: ['a', 'b'], memoryMb: 512, architecture: 'x86_64' } });
    // With a group, data passing is decided for the fused states: a → b in process, b → m inline.
    assert.deepEqual(plan.deployment.edges, { 'a->b': 'in-process', 'b->m': 'inline' });
    const noGroup = checkPoint(ctx, { latencyMs: 1, costUsd: 1, choice: { kind: 'leaf', payload: { fn: 'a', option: x86(128) } } });
    assert.deepEqual(noGroup.deployment.edges, {}, 'no group: data passing is left as it was');
  });
});

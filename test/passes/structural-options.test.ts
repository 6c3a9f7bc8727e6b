import assert from 'node:assert/strict';
import type { Deployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import type { FunctionPick, SizingContext } from '../../src/passes/frontier-sizing.ts';
import type { ChoiceTree, Curve } from '../../src/passes/frontier/curve.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import type { StepVariant } from '../../src/passes/step-probe.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { ALL_STRUCTURE, FUSION_GROUP_PREFIX, fusionCurves, mapVariants, withStructure, withVariants } from '../../src/passes/structural-options.ts';
import { constantCalibration } from '../helpers/constant-calibration.ts';
import { irOf } from '../helpers/ir-builder.ts';

// us-east-1 list prices: a Standard state transition $0.025 per 1,000; a Lambda request $0.20 per million.
const TRANSITION_USD = 0.025 / 1000;
const REQUEST_USD = 0.2 / 1_000_000;
// The platform table's inline data rate, 50 MiB/s.
const INLINE_BYTES_PER_SECOND = 50 * 1024 * 1024;

const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
const label = (v: StepVariant) => `${v.bundleSize}${v.distributed ? 'd' : 'i'}`;

function mapIr(width: number | { min: number; max: number }, maxConcurrency = 0): IR {
  const ir = irOf({ m: [] }, { m: { map: typeof width === 'number' ? { kind: 'fixed', width } : { kind: 'uniform', ...width } } });
  (ir.graph.node('m') as { maxConcurrency: number }).maxConcurrency = maxConcurrency;
  return ir;
}

function payloadOf(choice: ChoiceTree<FunctionPick>): FunctionPick {
  assert.equal(choice.kind, 'leaf');
  return (choice as { payload: FunctionPick }).payload;
}

function context(ir: IR, leaves: LeafModel, overrides: Partial<SizingContext> = {}): SizingContext {
  const functions: Deployment['functions'] = {};
  for (const fn of ir.functions.keys()) functions[fn] = { memoryMb: 1024, architecture: 'x86_64' };
  return {
    ir,
    leaves,
    structure: ALL_STRUCTURE,
    base: { functions, steps: {}, edges: {}, orchestration: 'standard' },
    options: new Map([...ir.functions.keys()].map((fn) => [fn, [x86(512), x86(1024)]])),
    estimate: Object.assign(() => assert.fail('no whole-workflow estimate here'), { calibration: constantCalibration({ taskMs: 25 }, { taskMs: 10 }) }),
    ...overrides,
  } as unknown as SizingContext;
}

describe('structural options', () => {
  describe('map variants', () => {
    it('offers a task step only its plain form', () => {
      assert.deepEqual(mapVariants(irOf({ t: [] }), 't', 'standard', ALL_STRUCTURE), [{ bundleSize: 1, distributed: false }]);
    });

    it('offers bundle sizes below the widest draw (always 1), inline, for a map within the Inline Map concurrency', () => {
      assert.deepEqual(mapVariants(mapIr(10), 'm', 'express', ALL_STRUCTURE).map(label), ['1i', '2i', '4i', '6i', '8i']);
      assert.deepEqual(mapVariants(mapIr(6), 'm', 'standard', ALL_STRUCTURE).map(label), ['1i', '2i', '4i']);
      assert.deepEqual(mapVariants(mapIr(1), 'm', 'standard', ALL_STRUCTURE).map(label), ['1i']);
      assert.deepEqual(mapVariants(mapIr(40), 'm', 'standard', ALL_STRUCTURE).map(label), ['1i', '2i', '4i', '6i', '8i', '16i']);
    });

    it('adds Distributed Map variants when the widest draw passes 40, after the inline ones', () => {
      assert.deepEqual(mapVariants(mapIr(41), 'm', 'standard', ALL_STRUCTURE).map(label), ['1i', '2i', '4i', '6i', '8i', '16i', '1d', '2d', '4d', '6d', '8d', '16d']);
      assert.deepEqual(mapVariants(mapIr({ min: 1, max: 50 }), 'm', 'express', { ...ALL_STRUCTURE, bundling: false }).map(label), ['1i', '1d']);
      assert.deepEqual(mapVariants(mapIr(100), 'm', 'standard', { ...ALL_STRUCTURE, distributedMaps: false }).map(label), ['1i', '2i', '4i', '6i', '8i', '16i']);
    });

    it("drops Inline Map under Standard when the iterations would pass the 25,000-event history (7 per item + 10)", () => {
      assert.deepEqual(mapVariants(mapIr(3570), 'm', 'standard', { ...ALL_STRUCTURE, bundling: false }).map(label), ['1i', '1d']);
      assert.deepEqual(mapVariants(mapIr(3571), 'm', 'standard', { ...ALL_STRUCTURE, bundling: false }).map(label), ['1d']);
      assert.deepEqual(mapVariants(mapIr(3571), 'm', 'express', { ...ALL_STRUCTURE, bundling: false }).map(label), ['1i', '1d'], 'Express has no history limit');
      assert.deepEqual(mapVariants(mapIr(3571), 'm', 'standard', { ...ALL_STRUCTURE, distributedMaps: false }), [], 'nothing can run it');
    });
  });

  describe('withVariants', () => {
    const plainCurve = (): Curve<FunctionPick> => [{ latencyMs: 1000, costUsd: 1, choice: { kind: 'leaf', payload: { fn: 'm', option: x86(1024) } } }];

    it('returns the plain curve unchanged for a task step, a leaf model that cannot tell variants apart, or no structure', () => {
      const leaves: LeafModel = { method: 'probed', variants: true, leaf: () => ({ latencyMs: 1, costUsd: 1 }) };
      const plain = plainCurve();
      assert.equal(withVariants(context(irOf({ t: [] }), leaves), 't', 't', [x86(1024)], plain), plain);
      const ir = mapIr(100);
      assert.equal(withVariants(context(ir, { ...leaves, variants: false }), 'm', 'm', [x86(1024)], plain), plain);
      assert.equal(withVariants(context(ir, leaves, { structure: undefined }), 'm', 'm', [x86(1024)], plain), plain);
    });

    it("adds every other variant at every option as a point on the step's curve, keeping the undominated ones", () => {
      // Width 10, Express: bundles 2, 4, 6, 8 inline besides the plain 1. Bigger bundles are cheaper and slower here,
      // except bundle 8, which is dominated by 6.
      const numbers: Record<string, [number, number]> = { '2i': [1100, 0.9], '4i': [1200, 0.8], '6i': [1300, 0.7], '8i': [1400, 0.75] };
      const leaves: LeafModel = {
        method: 'probed',
        variants: true,
        leaf: (_step, option, variant) => {
          const [latencyMs, costUsd] = numbers[label(variant!)]!;
          return option.memoryMb === 1024 ? { latencyMs, costUsd } : { latencyMs: latencyMs * 10, costUsd: costUsd * 10 };
        },
      };
      const ir = mapIr(10);
      const ctx = context(ir, leaves, { base: { ...context(ir, leaves).base, orchestration: 'express' } });
      const curve = withVariants(ctx, 'm', 'm', [x86(512), x86(1024)], plainCurve());
      assert.deepEqual(curve.map((p) => [p.latencyMs, p.costUsd]), [[1000, 1], [1100, 0.9], [1200, 0.8], [1300, 0.7]]);
      assert.deepEqual(payloadOf(curve[0]!.choice), { fn: 'm', option: x86(1024) });
      assert.deepEqual(payloadOf(curve[2]!.choice), { fn: 'm', option: x86(1024), variant: { step: 'm', bundleSize: 4, distributed: false } });
    });

    it('leaves out the plain points when the Inline Map is not allowed, and variants whose invocation per wave passes 900 s', () => {
      // Standard, 4,000 items: only Distributed Map; 1,000 at once (the account's concurrency).
      const ir = mapIr(4000);
      const leaves: LeafModel = {
        method: 'probed',
        variants: true,
        // Waves of 1,000 at once: b = 1 takes 4 waves in 1,200 s (300 s a wave), b = 2 two in 1,600 s (800 s a wave);
        // from b = 4 on one wave of 1,000 s or more: past 900 s, dropped although b = 4 would be the fastest and cheapest.
        leaf: (_step, _option, variant) => ({ latencyMs: ({ 1: 1_200_000, 2: 1_600_000, 4: 1_000_000 } as Record<number, number>)[variant!.bundleSize] ?? 2_000_000, costUsd: 1 / variant!.bundleSize }),
      };
      const curve = withVariants(context(ir, leaves, { structure: { ...ALL_STRUCTURE } }), 'm', 'm', [x86(1024)], plainCurve());
      assert.deepEqual(curve.map((p) => payloadOf(p.choice).variant), [{ step: 'm', bundleSize: 1, distributed: true }, { step: 'm', bundleSize: 2, distributed: true }]);
    });

    it('adds one pinged point per option to a task step when warm-up pings are on, pinged from the entry step', () => {
      // e → t: e is the entry (runs a function, no predecessor), so t's pinged leaves are asked with warmedBy 'e'.
      const ir = irOf({ e: [], t: ['e'] });
      const asked: string[] = [];
      const leaves: LeafModel = {
        method: 'probed',
        variants: true,
        leaf: (step, option, variant) => (asked.push(`${step}@${option.memoryMb}:${variant?.warmedBy ?? '-'}`), option.memoryMb === 512 ? { latencyMs: 500, costUsd: 2 } : { latencyMs: 600, costUsd: 3 }),
      };
      const plain: Curve<FunctionPick> = [{ latencyMs: 1000, costUsd: 1, choice: { kind: 'leaf', payload: { fn: 't', option: x86(1024) } } }];
      const curve = withVariants(context(ir, leaves, { structure: { ...ALL_STRUCTURE, pings: true } }), 't', 't', [x86(512), x86(1024)], plain);
      assert.deepEqual(asked, ['t@512:e', 't@1024:e']);
      // 600 ms for 3 is dominated by 500 ms for 2; the plain point stays (slower, cheaper).
      assert.deepEqual(curve.map((p) => [p.latencyMs, p.costUsd]), [[500, 2], [1000, 1]]);
      assert.deepEqual(payloadOf(curve[0]!.choice), { fn: 't', option: x86(512), variant: { step: 't', bundleSize: 1, distributed: false, warmedBy: 'e' } });
    });

    it('pings neither the entry itself, nor a Batch step, nor anything when pings are off or the leaf model cannot tell variants apart', () => {
      const ir = irOf({ e: [], t: ['e'] });
      const leaves: LeafModel = { method: 'probed', variants: true, leaf: () => ({ latencyMs: 1, costUsd: 0.1 }) };
      const plain: Curve<FunctionPick> = [{ latencyMs: 1000, costUsd: 1, choice: { kind: 'leaf', payload: { fn: 't', option: x86(1024) } } }];
      const pings = { structure: { ...ALL_STRUCTURE, pings: true } };
      assert.equal(withVariants(context(ir, leaves, pings), 'e', 'e', [x86(1024)], plain), plain, 'the entry sends the pings');
      assert.equal(withVariants(context(ir, leaves), 't', 't', [x86(1024)], plain), plain, 'pings off');
      assert.equal(withVariants(context(ir, { ...leaves, variants: false }, pings), 't', 't', [x86(1024)], plain), plain, 'no variants');
      const batch = context(ir, leaves, pings);
      batch.base.functions['t'] = { ...batch.base.functions['t']!, batch: { instanceType: 'g4dn.xlarge' } } as unknown as Deployment['functions'][string];
      assert.equal(withVariants(batch, 't', 't', [x86(1024)], plain), plain, 'a Batch step');
      // With pings on, a pinged point that beats the plain one replaces it.
      assert.equal(withVariants(context(ir, leaves, pings), 't', 't', [x86(1024)], plain).length, 1);
    });

    it("counts waves by the spec's MaxConcurrency when it is lower than the mode's limit", () => {
      // 100 items, at most 10 at once: the Distributed Map's 910 s run in 10 waves of 91 s (in one wave it would pass 900 s).
      const ir = mapIr(100, 10);
      const leaves: LeafModel = { method: 'probed', variants: true, leaf: (_s, _o, v) => ({ latencyMs: v!.distributed ? 910_000 : 1000, costUsd: v!.distributed ? 0.5 : 1 }) };
      const curve = withVariants(context(ir, leaves, { structure: { ...ALL_STRUCTURE, bundling: false } }), 'm', 'm', [x86(1024)], plainCurve());
      assert.deepEqual(curve.map((p) => payloadOf(p.choice).variant ?? 'plain'), ['plain', { step: 'm', bundleSize: 1, distributed: true }]);
    });
  });

  describe('fusionCurves', () => {
    // a → b → c, tasks; 2 KiB per edge.
    function chain(): IR {
      return irOf({ a: [], b: ['a'], c: ['b'] }, { a: { outputBytes: 2048 }, b: { outputBytes: 2048 } });
    }
    const tableLeaves: LeafModel = { method: 'probed', leaf: (step, option) => ({ latencyMs: (option.memoryMb === 512 ? 200 : 100) * (step === 'b' ? 2 : 1), costUsd: (option.memoryMb === 512 ? 1e-6 : 2e-6) }) };

    it("prices a fused chain at each configuration its members share: their leaves added, less the dispatches, hops, transitions and requests it removes", () => {
      const ir = chain();
      const curve = fusionCurves(context(ir, tableLeaves))(['a', 'b', 'c'])!;
      const hopMs = ((2 * 2048) / INLINE_BYTES_PER_SECOND) * 1000;
      // 1024 MB: 100 + 200 + 100 ms less two 25 ms Standard dispatches; 512 MB: twice that.
      assert.equal(curve.length, 2);
      assert.ok(Math.abs(curve[0]!.latencyMs - (400 - 2 * 25 - hopMs)) < 1e-9, `${curve[0]!.latencyMs}`);
      assert.ok(Math.abs(curve[0]!.costUsd - (6e-6 - 2 * (TRANSITION_USD + REQUEST_USD))) < 1e-15);
      assert.ok(Math.abs(curve[1]!.latencyMs - (800 - 2 * 25 - hopMs)) < 1e-9);
      assert.ok(Math.abs(curve[1]!.costUsd - (3e-6 - 2 * (TRANSITION_USD + REQUEST_USD))) < 1e-15);
      assert.deepEqual(payloadOf(curve[0]!.choice), { fn: '', option: x86(1024), group: ['a', 'b', 'c'] });
    });

    it("charges a run the S3 hop its merged state forces: its members' outside inputs share one 256 KB payload", () => {
      // s hands 100 KB to each of a, b, c (a → b → c): each fits its own state; three together (300 KB) do not.
      const ir = irOf({ s: [], a: ['s'], b: ['s', 'a'], c: ['s', 'b'] }, { s: { outputBytes: 100 * 1024 }, a: { outputBytes: 2048 }, b: { outputBytes: 2048 } });
      const ctx = context(ir, tableLeaves, { base: { functions: {}, steps: {}, edges: {}, orchestration: 'express' } });
      const pair = fusionCurves(ctx)(['a', 'b'])!;
      const triple = fusionCurves(ctx)(['a', 'b', 'c'])!;
      const s3Usd = 0.005 / 1000 + 0.0004 / 1000;
      // The pair (200 KB) stays inline: its leaf is the members' less what fusion removes, nothing more.
      assert.ok(Math.abs(pair[0]!.costUsd - (4e-6 - REQUEST_USD)) < 1e-15, `${pair[0]!.costUsd}`);
      // The triple moves one 100 KB input to S3: s PUTs it once, the group GETs it once.
      assert.ok(Math.abs(triple[0]!.costUsd - (6e-6 - 2 * REQUEST_USD + s3Usd)) < 1e-15, `${triple[0]!.costUsd}`);
      // Its latency: 100 + 200 + 100 ms less two 10 ms Express dispatches and the inner hops, plus the PUT (35 ms) and
      // GET (20 ms) round trips and 100 KB each way at 90 MiB/s, less the inline transfer they replace.
      const kb100 = 100 * 1024;
      const expectedMs = 400 - 2 * 10 - ((2 * 2048) / INLINE_BYTES_PER_SECOND) * 1000 + 35 + 20 + ((2 * kb100) / (90 * 1024 * 1024)) * 1000 - (kb100 / INLINE_BYTES_PER_SECOND) * 1000;
      assert.ok(Math.abs(triple[0]!.latencyMs - expectedMs) < 1e-9, `${triple[0]!.latencyMs} vs ${expectedMs}`);
    });

    it('removes no transition charge under Express and its own dispatch mean', () => {
      const ir = chain();
      const ctx = context(ir, tableLeaves);
      const curve = fusionCurves({ ...ctx, base: { ...ctx.base, orchestration: 'express' } })(['a', 'b'])!;
      const hopMs = (2048 / INLINE_BYTES_PER_SECOND) * 1000;
      assert.ok(Math.abs(curve[0]!.latencyMs - (300 - 10 - hopMs)) < 1e-9);
      assert.ok(Math.abs(curve[0]!.costUsd - (4e-6 - REQUEST_USD)) < 1e-15);
    });

    it('offers only the configurations every member may have', () => {
      const ir = chain();
      const ctx = context(ir, tableLeaves, { options: new Map([['a', [x86(512), x86(1024)]], ['b', [x86(1024), { memoryMb: 512, architecture: 'arm64' }]], ['c', [x86(512), x86(1024)]]]) });
      const curve = fusionCurves(ctx)(['a', 'b', 'c'])!;
      assert.deepEqual(curve.map((p) => payloadOf(p.choice).option), [x86(1024)]);
      const none = context(ir, tableLeaves, { options: new Map([['a', [x86(512)]], ['b', [x86(1024)]], ['c', [x86(512)]]]) });
      assert.equal(fusionCurves(none)(['a', 'b', 'c']), undefined);
    });

    it('fuses only a chain of task steps outside Batch', () => {
      const ir = irOf({ a: [], b: ['a'], c: [], m: ['c'], k: [] , x: ['k']}, { m: { map: { kind: 'fixed', width: 3 } }, k: { choice: { x: 1 } } });
      const curves = fusionCurves(context(ir, tableLeaves));
      assert.ok(curves(['a', 'b']), 'a chain of tasks');
      assert.equal(curves(['a', 'c']), undefined, 'no edge between them');
      assert.equal(curves(['c', 'm']), undefined, 'a map');
      assert.equal(curves(['k', 'x']), undefined, 'a choice');
      assert.equal(curves(['a', 'nowhere']), undefined, 'not a step');
      const ctx = context(ir, tableLeaves);
      ctx.base.functions['b'] = { ...ctx.base.functions['b']!, batch: { instanceType: 'g4dn.xlarge', vcpus: 4, gpus: 1 } };
      assert.equal(fusionCurves(ctx)(['a', 'b']), undefined, 'a Batch job');
    });

    it('does not fuse a run whose summed latency comes within 10 % of 900 s', () => {
      const ir = chain();
      const slow: LeafModel = { method: 'probed', leaf: (_step, option) => ({ latencyMs: option.memoryMb === 512 ? 405_001 : 405_000, costUsd: 1e-6 }) };
      const curve = fusionCurves(context(ir, slow))(['a', 'b'])!;
      assert.deepEqual(curve.map((p) => payloadOf(p.choice).option), [x86(1024)], '810,000 ms fits, 810,002 does not');
      const slower: LeafModel = { method: 'probed', leaf: () => ({ latencyMs: 500_000, costUsd: 1e-6 }) };
      assert.equal(fusionCurves(context(ir, slower))(['a', 'b']), undefined);
    });
  });

  describe('withStructure', () => {
    const base = (): Deployment => ({
      functions: {},
      steps: { m: { prewarm: 2 } },
      edges: { 'x->y': 's3' },
      orchestration: 'standard',
    });

    it('returns the deployment itself when nothing was picked', () => {
      const d = base();
      assert.equal(withStructure(d, []), d);
    });

    it("writes a map's bundle size and Distributed Map, keeping what the step had", () => {
      const d = base();
      const out = withStructure(d, [
        { fn: 'm', option: x86(1024), variant: { step: 'm', bundleSize: 4, distributed: true } },
        { fn: 'n', option: x86(1024), variant: { step: 'n', bundleSize: 1, distributed: false } },
        { fn: 'o', option: x86(1024), variant: { step: 'o', bundleSize: 2, distributed: false } },
        { fn: 'p', option: x86(1024) },
      ]);
      assert.deepEqual(out.steps, { m: { prewarm: 2, bundleSize: 4, map: { mode: 'distributed', maxConcurrency: 0 } }, n: {}, o: { bundleSize: 2 } });
      assert.equal(out.groups, undefined);
      assert.deepEqual(d.steps, { m: { prewarm: 2 } }, 'the input is not changed');
    });

    it('writes a fusion group named after its first member, its members and their in-process edges', () => {
      const d: Deployment = { ...base(), groups: { '~fuse-q': { steps: ['q', 'r'], memoryMb: 256, architecture: 'x86_64' } } };
      const out = withStructure(d, [{ fn: '', option: { memoryMb: 2048, architecture: 'arm64' }, group: ['a', 'b', 'c'] }]);
      assert.deepEqual(out.groups, {
        '~fuse-q': { steps: ['q', 'r'], memoryMb: 256, architecture: 'x86_64' },
        [`${FUSION_GROUP_PREFIX}a`]: { steps: ['a', 'b', 'c'], memoryMb: 2048, architecture: 'arm64' },
      });
      assert.equal(FUSION_GROUP_PREFIX, '~fuse-');
      assert.deepEqual(out.steps, { m: { prewarm: 2 }, a: { fusionGroup: '~fuse-a' }, b: { fusionGroup: '~fuse-a' }, c: { fusionGroup: '~fuse-a' } });
      assert.deepEqual(out.edges, { 'x->y': 's3', 'a->b': 'in-process', 'b->c': 'in-process' });
      assert.equal(Object.keys(d.groups!).length, 1, 'the input is not changed');
    });
  });
});

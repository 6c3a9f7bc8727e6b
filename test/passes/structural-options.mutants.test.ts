// Structural options with no unit test before the first src/passes mutation run (issue 26): uniformRun (an
// unrolled loop's chain), variantFits on a task step, and parallelFusionCurves from a made-up leaf model.
import assert from 'node:assert/strict';
import { edgeKey, type Deployment } from '../../src/ir/deployment.ts';
import type { IR } from '../../src/ir/types.ts';
import type { FunctionPick, SizingContext } from '../../src/passes/frontier-sizing.ts';
import type { Curve } from '../../src/passes/frontier/curve.ts';
import type { LeafEstimate, LeafModel } from '../../src/passes/leaf-model.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { ALL_STRUCTURE, FUSION_GROUP_PREFIX, parallelFusionCurves, pingingEntry, uniformRun, variantFits, withStructure, withVariants } from '../../src/passes/structural-options.ts';
import { irOf } from '../helpers/ir-builder.ts';

const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
/** 90 % of Lambda's 900 s: the longest fused run offered. */
const HEADROOM_MS = 0.9 * 900_000;

function context(ir: IR, leaves: Partial<LeafModel>, options: ConfigurationOption[]): SizingContext {
  const functions = Object.fromEntries([...ir.functions.keys()].map((fn) => [fn, x86(1024)]));
  return {
    ir,
    leaves: { method: 'probed', leaf: () => assert.fail('no single leaf here'), ...leaves },
    base: { functions, steps: {}, edges: {}, orchestration: 'standard' },
    options: new Map([...ir.functions.keys()].map((fn) => [fn, options])),
  } as unknown as SizingContext;
}

describe('structural options: uniform runs', () => {
  const ir = irOf({ r0: [], r1: ['r0'], r2: ['r1'], o: ['r2'], m: ['o'] }, { r0: { functionName: 'rebase' }, r1: { functionName: 'rebase' }, r2: { functionName: 'rebase' }, m: { functionName: 'rebase', map: { kind: 'fixed', width: 2 } } });
  const uniform = uniformRun(context(ir, {}, [x86(1024)]));

  it('calls a chain of task steps of one function uniform', () => {
    assert.equal(uniform(['r0', 'r1', 'r2']), true);
  });

  it('does not call a run uniform with a step of another function, a map step or an unknown step in it', () => {
    assert.equal(uniform(['r1', 'r2', 'o']), false);
    assert.equal(uniform(['r2', 'm']), false);
    assert.equal(uniform(['r2', 'nowhere']), false);
  });
});

describe('structural options: variant fit', () => {
  it('lets a task step run however long its leaf says (only a map is split into invocations)', () => {
    assert.equal(variantFits(irOf({ t: [] }), 't', { bundleSize: 1, distributed: false }, 2 * 900_000), true);
  });
});

describe('structural options: fused Parallel branches', () => {
  const ir = irOf({ a: [], b: [] });

  it("offers the group at each shared option the leaf model can run it at, up to 90 % of 900 s, Pareto-pruned", () => {
    // 512 MB: exactly the limit (offered); 1024: 400 ms for 3; 2048: over the limit; 3008: 300 ms for 5.
    const table: Record<number, LeafEstimate> = { 512: { latencyMs: HEADROOM_MS, costUsd: 1 }, 1024: { latencyMs: 400, costUsd: 3 }, 2048: { latencyMs: HEADROOM_MS + 1, costUsd: 0.5 }, 3008: { latencyMs: 300, costUsd: 5 } };
    const asked: string[] = [];
    const parallelGroup = (steps: readonly string[], o: ConfigurationOption) => (asked.push(`${steps.join('+')}@${o.memoryMb}`), table[o.memoryMb]);
    const curve = parallelFusionCurves(context(ir, { parallelGroup }, [512, 1024, 2048, 3008].map(x86)))(['a', 'b'])!;
    assert.deepEqual(asked, ['a+b@512', 'a+b@1024', 'a+b@2048', 'a+b@3008']);
    assert.deepEqual(curve.map((p) => [p.latencyMs, p.costUsd]), [[300, 5], [400, 3], [HEADROOM_MS, 1]]);
    assert.deepEqual(curve[1]!.choice, { kind: 'leaf', payload: { fn: '', option: x86(1024), group: ['a', 'b'], parallelGroup: true } });
  });

  it('offers nothing when no option fits or the leaf model cannot judge a group', () => {
    const over = () => ({ latencyMs: HEADROOM_MS + 1, costUsd: 1 });
    assert.equal(parallelFusionCurves(context(ir, { parallelGroup: over }, [x86(1024)]))(['a', 'b']), undefined);
    assert.equal(parallelFusionCurves(context(ir, { parallelGroup: () => undefined }, [x86(1024)]))(['a', 'b']), undefined);
    assert.equal(parallelFusionCurves(context(ir, {}, [x86(1024)]))(['a', 'b']), undefined);
  });
});

// Review of the survivors the completed src/passes run left unreviewed (bench/results/mutation-src-passes-review-rvpasses.txt).
describe('structural options: the 900 s bound per wave', () => {
  // Width 10, Inline Map, no maxConcurrency: 40 at once, so one wave carries the whole fan-out.
  const ir = irOf({ m: [] }, { m: { map: { kind: 'fixed', width: 10 } } });

  it('lets a map variant whose one wave takes exactly 900 s fit, and not one a millisecond longer', () => {
    assert.equal(variantFits(ir, 'm', { bundleSize: 1, distributed: false }, 900_000), true);
    assert.equal(variantFits(ir, 'm', { bundleSize: 1, distributed: false }, 900_001), false);
  });
});

describe('structural options: the pinging entry', () => {
  it('is the first step by id that runs a function and has no predecessor, not merely the first by id', () => {
    // 'a' sorts first but needs 'b'.
    assert.equal(pingingEntry(irOf({ b: [], a: ['b'] })), 'b');
  });

  it('is none when every step without a predecessor is a choice', () => {
    assert.equal(pingingEntry(irOf({ c: [], t: ['c'] }, { c: { choice: { t: 1 } } })), undefined);
  });

  it('adds no pinged point when the workflow has no pinging entry, and asks the leaf model nothing', () => {
    const ir = irOf({ c: [], t: ['c'] }, { c: { choice: { t: 1 } } });
    const asked: string[] = [];
    const leaves: LeafModel = { method: 'probed', variants: true, leaf: (step) => (asked.push(step), { latencyMs: 1, costUsd: 0.1 }) };
    const ctx = { ...context(ir, leaves, [x86(1024)]), structure: { ...ALL_STRUCTURE, pings: true } } as SizingContext;
    const plain: Curve<FunctionPick> = [{ latencyMs: 1000, costUsd: 1, choice: { kind: 'leaf', payload: { fn: 't', option: x86(1024) } } }];
    assert.equal(withVariants(ctx, 't', 't', [x86(1024)], plain), plain);
    assert.deepEqual(asked, []);
  });
});

describe('structural options: fused groups of unknown steps', () => {
  it('offers no Parallel group with a step the graph does not hold', () => {
    const ir = irOf({ a: [], b: [] });
    const parallelGroup = () => ({ latencyMs: 1, costUsd: 1 });
    assert.equal(parallelFusionCurves(context(ir, { parallelGroup }, [x86(1024)]))(['a', 'nowhere']), undefined);
  });
});

describe('structural options: writing picks into the deployment', () => {
  const base = (): Deployment => ({ functions: { e: x86(1024), t: x86(1024), a: x86(1024), b: x86(1024) }, steps: {}, edges: {}, orchestration: 'standard' });

  it("writes a pinged pick's pinging step into its step", () => {
    const out = withStructure(base(), [{ fn: 't', option: x86(512), variant: { step: 't', bundleSize: 1, distributed: false, warmedBy: 'e' } }]);
    assert.deepEqual(out.steps, { t: { warmedBy: 'e' } });
  });

  it("makes a Parallel group's members one Lambda without marking any edge in-process (its branches share none)", () => {
    const out = withStructure(base(), [{ fn: '', option: x86(2048), group: ['a', 'b'], parallelGroup: true }]);
    assert.deepEqual(out.edges, {});
    assert.deepEqual(out.steps, { a: { fusionGroup: `${FUSION_GROUP_PREFIX}a` }, b: { fusionGroup: `${FUSION_GROUP_PREFIX}a` } });
    assert.deepEqual(out.groups, { [`${FUSION_GROUP_PREFIX}a`]: { steps: ['a', 'b'], memoryMb: 2048, architecture: 'x86_64' } });
  });

  it("marks a chain group's consecutive edges in-process", () => {
    const out = withStructure(base(), [{ fn: '', option: x86(2048), group: ['a', 'b'] }]);
    assert.deepEqual(out.edges, { [edgeKey('a', 'b')]: 'in-process' });
  });
});

// Frontier sizing with a shared function one of whose steps is a map with variants: the function's configuration
// is fixed from outside (one fixing per undominated option), and the map's bundle sizes stay free under each
// fixing — its variant points carry the bundle, not the function, whose choice the fixing records once. Leaves
// come from a table (step × memory × bundle → latency ms, cost) and the whole-workflow estimate adds the leaves of
// the deployment it is given, so the frontier and the pick are worked by hand. Issue 26: the survivors
// frontier-sizing.ts:282:50 (the variant pick naming a function) and 282:54 (no variant under a fixing).
import assert from 'node:assert/strict';
import { currentDeployment, type Deployment } from '../../src/ir/deployment.ts';
import { decompose } from '../../src/ir/decompose.ts';
import type { IR, Slo } from '../../src/ir/types.ts';
import type { EstimateFn } from '../../src/passes/estimator-port.ts';
import { frontierSizing, type SizingContext } from '../../src/passes/frontier-sizing.ts';
import type { LeafModel } from '../../src/passes/leaf-model.ts';
import type { ConfigurationOption } from '../../src/passes/strategy.ts';
import { irOf } from '../helpers/ir-builder.ts';

const x86 = (memoryMb: number): ConfigurationOption => ({ memoryMb, architecture: 'x86_64' });
/**
 * A step's leaf at a memory size and bundle size: [latency ms, cost]. t is a task; m a map whose bundles of 2 are
 * half again as slow and a third cheaper (half the invocations).
 */
function leafOf(step: string, memoryMb: number, bundleSize: number): [number, number] {
  if (step === 't') return [100_000 / memoryMb, memoryMb];
  return bundleSize === 2 ? [150_000 / memoryMb, 2 * memoryMb] : [100_000 / memoryMb, 3 * memoryMb];
}
type LeafOf = typeof leafOf;

function context(ir: IR, sloMs: number, memoriesMb: readonly number[], leafOf: LeafOf): SizingContext {
  const estimate: EstimateFn = (_ir, d: Deployment) => {
    let latencyMs = 0;
    let costUsd = 0;
    for (const step of ['t', 'm']) {
      const [l, c] = leafOf(step, d.functions['z']!.memoryMb, d.steps[step]?.bundleSize ?? 1);
      latencyMs += l;
      costUsd += c;
    }
    const p = { p50: latencyMs, p90: latencyMs, p95: latencyMs, p99: latencyMs, max: latencyMs };
    return { latencyMs: p, costUsd, breakdown: { lambdaComputeUsd: costUsd, lambdaRequestsUsd: 0, stepFunctionsUsd: 0, s3Usd: 0, provisionedConcurrencyUsd: 0 } };
  };
  const leaves: LeafModel = {
    method: 'probed',
    variants: true,
    leaf: (step, o, variant) => {
      const [latencyMs, costUsd] = leafOf(step, o.memoryMb, variant?.bundleSize ?? 1);
      return { latencyMs, costUsd };
    },
  };
  const decomposition = decompose(ir);
  assert.ok(decomposition.ok);
  const slo: Slo = { percentile: 'p95', latencyMs: sloMs };
  return {
    ir,
    tree: decomposition.tree,
    options: new Map([['z', memoriesMb.map(x86)]]),
    leaves,
    slo,
    estimate,
    base: currentDeployment(ir),
    maxChecks: 10,
    structure: { fusion: false, bundling: true, distributedMaps: false },
  };
}

describe('frontier sizing: a shared function with a map step (its variants under each fixing)', () => {
  // t → m, both running z; m maps over 4 items, so its variants are bundles of 1 and 2 (Inline: 4 < 40).
  const ir = () => irOf({ t: [], m: ['t'] }, { t: { functionName: 'z' }, m: { functionName: 'z', map: { kind: 'fixed', width: 4 } } });

  it("keeps the map's bundle points under each fixing of the shared function", () => {
    // Neither option of z dominates (128 MB: 781.25 ms on each step for 4 × 128; 256 MB: 390.625 ms for 4 × 256): two fixings.
    // z at 128 MB: t 781.25/128 then m's 781.25/384 or bundled 1,171.875/256 → 1,562.5/512, 1,953.125/384.
    // z at 256 MB: t 390.625/256 then m's 390.625/768 or bundled 585.9375/512 → 781.25/1,024, 976.5625/768. Their union: all four.
    const sized = frontierSizing(context(ir(), 2000, [128, 256], leafOf))!;
    assert.deepEqual(sized.sharedFunctions, ['z']);
    assert.equal(sized.fixingMethod, 'all combinations');
    assert.deepEqual(sized.frontier.map((p) => [p.latencyMs, p.costUsd]), [[781.25, 1024], [976.5625, 768], [1562.5, 512], [1953.125, 384]]);
    // Within 2,000 ms the cheapest is 1,953.125/384: z at 128 MB with m bundled by 2; its estimate meets.
    assert.equal(sized.best!.summary.costUsd, 384);
    assert.equal(sized.best!.deployment.steps['m']!.bundleSize, 2);
    assert.deepEqual([...sized.best!.assignment], [['z', x86(128)]]);
    // Only the shared function the fixing chose is in the plan, no function named by the variant's pick.
    assert.deepEqual(sized.best!.deployment.functions, { z: { memoryMb: 128, architecture: 'x86_64' } });
  });

  it('keeps them under the fixing the branch-and-bound search finds when the fixings are too many to enumerate', () => {
    // 300 sizes, 128 … 427 MB. At size 128 + i, t takes 1,000 − i ms and m 500 + i ms (700 + i bundled): no size
    // dominates another (one is faster on t, the other on m), so there are 300 fixings, more than the 256
    // enumerated. t costs 10,000 + |i − 123| (dearer away from 251 MB), m 30,000 (20,000 bundled).
    const memoriesMb = Array.from({ length: 300 }, (_, i) => 128 + i);
    const wide: LeafOf = (step, memoryMb, bundleSize) => {
      const i = memoryMb - 128;
      if (step === 't') return [1000 - i, 10_000 + Math.abs(i - 123)];
      return bundleSize === 2 ? [700 + i, 20_000] : [500 + i, 30_000];
    };
    // Brute force over every size and both map variants: the cheapest plan within 1,700 ms.
    let expected: { memoryMb: number; bundleSize: number; costUsd: number } | undefined;
    for (const memoryMb of memoriesMb) {
      for (const bundleSize of [1, 2]) {
        const [tMs, tUsd] = wide('t', memoryMb, 1);
        const [mMs, mUsd] = wide('m', memoryMb, bundleSize);
        if (tMs + mMs <= 1700 && (!expected || tUsd + mUsd < expected.costUsd)) expected = { memoryMb, bundleSize, costUsd: tUsd + mUsd };
      }
    }
    // 251 MB bundled: 877 + 823 ms for 10,000 + 20,000.
    assert.deepEqual(expected, { memoryMb: 251, bundleSize: 2, costUsd: 30_000 });
    const sized = frontierSizing(context(ir(), 1700, memoriesMb, wide))!;
    assert.equal(sized.fixingMethod, 'branch and bound');
    assert.equal(sized.best!.summary.costUsd, expected.costUsd);
    assert.equal(sized.best!.deployment.steps['m']!.bundleSize, expected.bundleSize);
    assert.deepEqual([...sized.best!.assignment], [['z', x86(expected.memoryMb)]]);
    assert.deepEqual(sized.best!.deployment.functions, { z: { memoryMb: expected.memoryMb, architecture: 'x86_64' } });
  });
});

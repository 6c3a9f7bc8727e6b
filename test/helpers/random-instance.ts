// Random small apps for property tests of strategies: a DAG whose edges go
// from lower to higher step index (so it is acyclic), one function per step,
// and an Amdahl curve per function and architecture.
import fc from 'fast-check';
import type { Architecture, IR } from '../../src/ir/types.ts';
import type { FunctionProfile } from '../../src/model/profile-types.ts';
import { functionInfo, irOf } from './ir-builder.ts';
import { profileOf, type CurveOptions } from './profile-builder.ts';

export interface Instance {
  ir: IR;
  profiles: Map<string, FunctionProfile>;
}

const curve = fc.record({
  serialMs: fc.integer({ min: 5, max: 400 }),
  parallelMs: fc.integer({ min: 0, max: 3000 }),
  maxUsefulVcpu: fc.constantFrom(1, 2, 6),
  footprintMb: fc.integer({ min: 30, max: 400 }),
});

export function instanceArbitrary(options: { maxSteps: number; architectures?: Architecture[][] }): fc.Arbitrary<Instance> {
  return fc.integer({ min: 1, max: options.maxSteps }).chain((n) =>
    fc
      .record({
        edges: fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
        curves: fc.array(fc.record({ x86_64: curve, arm64: curve }), { minLength: n, maxLength: n }),
        archs: fc.array(fc.constantFrom(...(options.architectures ?? [['x86_64']])), { minLength: n, maxLength: n }),
        mapWidth: fc.array(fc.option(fc.integer({ min: 2, max: 16 }), { freq: 3 }), { minLength: n, maxLength: n }),
      })
      .map(({ edges, curves, archs, mapWidth }) => buildInstance(n, edges, curves, archs, mapWidth)),
  );
}

function buildInstance(
  n: number,
  edges: boolean[][],
  curves: { x86_64: CurveOptions; arm64: CurveOptions }[],
  archs: Architecture[][],
  mapWidth: (number | null)[],
): Instance {
  const ids = Array.from({ length: n }, (_, i) => `s${i}`);
  const needs: Record<string, string[]> = {};
  ids.forEach((id, j) => (needs[id] = ids.filter((_, i) => i < j && edges[i]![j])));
  const stepOptions = Object.fromEntries(ids.map((id, i) => [id, mapWidth[i] ? { map: { kind: 'fixed' as const, width: mapWidth[i]! } } : {}]));
  const ir = irOf(needs, stepOptions);
  const profiles = new Map<string, FunctionProfile>();
  ids.forEach((id, i) => {
    ir.functions.set(id, functionInfo(id, { architectures: archs[i]! }));
    profiles.set(id, profileOf(id, { x86_64: curves[i]!.x86_64, arm64: curves[i]!.arm64 }));
  });
  return { ir, profiles };
}

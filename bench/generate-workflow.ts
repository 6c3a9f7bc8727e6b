// Generated workflows shaped like production ones — wide and shallow: a
// single source, `depth` levels, one of them `peakWidth` wide and the others
// sharing the remaining steps, each step needing one to three steps of the
// level before (seeded), one function per step with a synthetic Amdahl
// profile. Deterministic for a given size and seed.
import type { IR } from '../src/ir/types.ts';
import type { FunctionProfile } from '../src/model/profile-types.ts';
import { functionInfo, irOf } from '../test/helpers/ir-builder.ts';
import { profileOf } from '../test/helpers/profile-builder.ts';
import { seededRandom } from '../src/profiler/seeded-random.ts';

export interface WorkflowShape {
  functions: number;
  depth: number;
  peakWidth: number;
}

/** The sizes the scale bench runs: 1k, 10k and 20k functions, peak width up to 10,900, depth up to 47. */
export const SCALE_SHAPES: readonly WorkflowShape[] = [
  { functions: 1_000, depth: 12, peakWidth: 545 },
  { functions: 10_000, depth: 30, peakWidth: 5_450 },
  { functions: 20_000, depth: 47, peakWidth: 10_900 },
];



export function levelWidths(shape: WorkflowShape): number[] {
  const { functions, depth, peakWidth } = shape;
  const widths = new Array<number>(depth).fill(0);
  widths[0] = 1;
  const peak = Math.floor(depth / 3);
  widths[peak] = peakWidth;
  const others = depth - 2;
  let left = functions - 1 - peakWidth;
  for (let l = 1, k = 0; l < depth; l++) {
    if (l === peak) continue;
    const share = Math.floor(left / (others - k));
    widths[l] = Math.max(1, share);
    left -= widths[l]!;
    k++;
  }
  return widths;
}

export function generateWorkflow(shape: WorkflowShape, seed = 1): { ir: IR; profiles: Map<string, FunctionProfile> } {
  const random = seededRandom(seed);
  const widths = levelWidths(shape);
  const needs: Record<string, string[]> = {};
  let previous: string[] = [];
  widths.forEach((width, level) => {
    const current: string[] = [];
    for (let i = 0; i < width; i++) {
      const id = `l${level}_${i}`;
      const deps = new Set<string>();
      if (previous.length > 0) {
        const count = 1 + Math.floor(random() * 3);
        for (let k = 0; k < count; k++) deps.add(previous[Math.floor(random() * previous.length)]!);
      }
      needs[id] = [...deps];
      current.push(id);
    }
    previous = current;
  });
  const ir = irOf(needs, {}, `generated-${shape.functions}`);
  const profiles = new Map<string, FunctionProfile>();
  for (const id of Object.keys(needs)) {
    ir.functions.set(id, functionInfo(id, { architectures: random() < 0.3 ? ['x86_64', 'arm64'] : ['x86_64'] }));
    const curve = { serialMs: 5 + random() * 300, parallelMs: random() * 3000, maxUsefulVcpu: [1, 2, 6][Math.floor(random() * 3)]!, footprintMb: 40 + random() * 500, measuredMb: [128, 1024, 3008] };
    profiles.set(id, profileOf(id, { x86_64: curve, arm64: { ...curve, serialMs: curve.serialMs * 1.1, parallelMs: curve.parallelMs * 1.15 } }));
  }
  return { ir, profiles };
}

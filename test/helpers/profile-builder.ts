// Builds FunctionProfiles for tests in one line: measurements at a few sizes
// generated from an Amdahl curve (serialMs + parallelMs / vcpu), with a fitted
// model beside them, so tests do not spell out long literal objects.
import type { Architecture } from '../../src/ir/types.ts';
import type { ArchitectureProfile, FunctionProfile, MemoryMeasurement } from '../../src/model/profile-types.ts';

export interface CurveOptions {
  serialMs: number;
  parallelMs: number;
  maxUsefulVcpu?: number;
  /** Footprint reported as Max Memory Used at every size. */
  footprintMb?: number;
  /** Sizes "measured"; default 128, 512, 1024, 1769, 3008. */
  measuredMb?: number[];
  sigma?: number;
}

/** vCPU share the test curves assume: 1 vCPU per 1769 MB (Lambda's documented ratio). */
export function testVcpu(memoryMb: number): number {
  return Math.min(memoryMb / 1769, 6);
}

export function curveMedianMs(curve: CurveOptions, memoryMb: number): number {
  return curve.serialMs + curve.parallelMs / Math.min(testVcpu(memoryMb), curve.maxUsefulVcpu ?? 6);
}

export function archProfileOf(curve: CurveOptions): ArchitectureProfile {
  const measurements: MemoryMeasurement[] = (curve.measuredMb ?? [128, 512, 1024, 1769, 3008]).map((memoryMb) => {
    const median = curveMedianMs(curve, memoryMb);
    return {
      memoryMb,
      warmDurationsMs: [median * 0.95, median, median * 1.05],
      coldDurationsMs: [],
      initDurationsMs: [],
      maxMemoryUsedMb: curve.footprintMb ?? 64,
      invocations: 3,
      errors: 0,
      timeouts: 0,
    };
  });
  return {
    measurements,
    model: {
      kind: 'amdahl-lognormal',
      serialMs: curve.serialMs,
      parallelMs: curve.parallelMs,
      maxUsefulVcpu: curve.maxUsefulVcpu ?? 6,
      sigma: curve.sigma ?? 0,
      initMs: 200,
      fitErrorPct: 0,
    },
  };
}

export function profileOf(fn: string, curves: Partial<Record<Architecture, CurveOptions>>): FunctionProfile {
  const architectures: Partial<Record<Architecture, ArchitectureProfile>> = {};
  for (const arch of Object.keys(curves).sort() as Architecture[]) architectures[arch] = archProfileOf(curves[arch]!);
  return { schemaVersion: 1, function: fn, source: { kind: 'provisional', description: 'test curve' }, architectures };
}

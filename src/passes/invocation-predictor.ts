// The closed-form InvocationPredictor (leaf-model.ts) built from the model:
// a function's fitted duration model (src/model/duration-model.ts) for the
// quantiles of one warm invocation, and the price table for what it costs.
// A step's latency adds the calibration's mean warm Task dispatch once; its
// cost is the mean billed compute (median × the mean noise ratio), the
// request, and the state transition each invocation causes under Standard.
// Not modelled here (the whole-workflow Monte Carlo check sees them): cold
// starts, data transfer between steps, Express billing.
// Complexity: O(1) per call after O(NOISE_POINTS) once per function and architecture.
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { modelDiagnostics } from '../diagnostics/model.ts';
import type { Architecture, IR } from '../ir/types.ts';
import type { Orchestration } from '../ir/deployment.ts';
import { durationModel, type DurationModel } from '../model/duration-model.ts';
import type { PlatformCalibration } from '../model/calibration.ts';
import { meanTaskDispatchMs } from '../model/dispatch-mean.ts';
import { invocationComputeUsd, pricesFor } from '../model/platform.ts';
import type { FunctionProfile } from '../model/profile-types.ts';
import type { InvocationPredictor } from './leaf-model.ts';

/** Quantile levels averaged to get the mean noise ratio of a duration model. */
const NOISE_POINTS = 40;

export function modelInvocationPredictor(ir: IR, profiles: ReadonlyMap<string, FunctionProfile>, orchestration: Orchestration, calibration?: PlatformCalibration): InvocationPredictor {
  const prices = pricesFor(ir.region);
  const transitionUsd = orchestration === 'standard' ? prices.standardTransitionUsd : 0;
  type Entry = { model: DurationModel; meanRatio: number };
  const models = new Map<string, Partial<Record<Architecture, Entry>>>();
  const modelOf = (fn: string, architecture: Architecture): Entry => {
    let perArch = models.get(fn);
    if (!perArch) models.set(fn, (perArch = {}));
    let entry = perArch[architecture];
    if (!entry) {
      const profile = profiles.get(fn);
      const model = profile && durationModel(profile, architecture);
      if (!model) throw new DagcUserError([modelDiagnostics.noProfileForArchitecture(fn, architecture)]);
      entry = perArch[architecture] = { model, meanRatio: meanNoiseRatio(model) };
    }
    return entry;
  };
  return {
    quantileMs: (fn, option, level) => modelOf(fn, option.architecture).model.quantile(option.memoryMb, level),
    invocationCostUsd: (fn, option) => {
      const { model, meanRatio } = modelOf(fn, option.architecture);
      const meanMs = model.medianMs(option.memoryMb) * meanRatio;
      return invocationComputeUsd(option.memoryMb, meanMs, option.architecture, prices) + prices.lambdaRequestUsd + transitionUsd;
    },
    quantilesAndCosts: (fn, options, level, quantilesMs, costsUsd) => {
      // Per architecture, its options' sizes in one call to the model (options are sorted by memory, so each
      // architecture's are too). Plain loops, and for the usual single architecture no scratch arrays: the
      // medians land in costsUsd and become costs in place.
      const architectures: Architecture[] = [];
      for (const o of options) if (!architectures.includes(o.architecture)) architectures.push(o.architecture);
      const single = architectures.length === 1;
      for (const architecture of architectures) {
        const { model, meanRatio } = modelOf(fn, architecture);
        const at: number[] = [];
        const memoriesMb: number[] = [];
        for (let i = 0; i < options.length; i += 1) {
          if (options[i]!.architecture !== architecture) continue;
          at.push(i);
          memoriesMb.push(options[i]!.memoryMb);
        }
        const quantiles = single ? quantilesMs : new Float64Array(at.length);
        const medians = single ? costsUsd : new Float64Array(at.length);
        model.quantilesAndMedians(memoriesMb, level, quantiles, medians);
        for (let k = 0; k < at.length; k += 1) {
          quantilesMs[at[k]!] = quantiles[k]!;
          costsUsd[at[k]!] = invocationComputeUsd(memoriesMb[k]!, medians[k]! * meanRatio, architecture, prices) + prices.lambdaRequestUsd + transitionUsd;
        }
      }
    },
    stepOverheadMs: meanTaskDispatchMs(orchestration, calibration),
    stepOverheadUsd: transitionUsd,
  };
}

/** Mean of duration / median: the noise is a ratio to the median at every size, so one size suffices. */
function meanNoiseRatio(model: DurationModel): number {
  const memoryMb = 1769;
  const median = model.medianMs(memoryMb);
  if (!(median > 0)) return 1;
  const quantiles = noiseQuantiles;
  model.quantilesAt(memoryMb, NOISE_LEVELS, quantiles);
  let sum = 0;
  for (let k = 0; k < NOISE_POINTS; k += 1) sum += quantiles[k]!;
  return sum / NOISE_POINTS / median;
}

const NOISE_LEVELS: readonly number[] = Array.from({ length: NOISE_POINTS }, (_, k) => (k + 0.5) / NOISE_POINTS);
/** Scratch for meanNoiseRatio (read at once; a typed array each of 20k models was a malloc each). */
const noiseQuantiles = new Float64Array(NOISE_POINTS);

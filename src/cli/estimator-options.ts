// The estimator's options for a command that estimates an app or a plan
// (optimize, simulate), built in one place so that the two agree: the same
// samples, seed, arrival model and calibration, and — told an SLO — the
// deciding estimate (src/sim/estimate.ts: a verdict too close to call draws
// more samples), so that `dagc simulate plans/<app>` reproduces the numbers
// `dagc optimize` chose the plan with.
import type { ChosenCalibration } from '../calibrate/app-calibration.ts';
import type { ArrivalModel, Slo } from '../ir/types.ts';
import type { EstimateOptions } from '../sim/index.ts';

export interface EstimatorSettings {
  samples: number;
  seed: number;
  /** Told the SLO, the estimate decides it (more samples for close verdicts); without one it draws `samples`. */
  slo?: Slo;
  calibration?: ChosenCalibration;
  /** Undefined: the estimator's default (DEFAULT_ARRIVALS). */
  arrivals?: ArrivalModel;
}

export function estimatorOptions(settings: EstimatorSettings): EstimateOptions {
  return {
    samples: settings.samples,
    seed: settings.seed,
    ...(settings.slo ? { decide: { percentile: settings.slo.percentile, thresholdMs: settings.slo.latencyMs } } : {}),
    ...(settings.calibration ? { calibration: settings.calibration.calibration } : {}),
    ...(settings.arrivals ? { arrivals: settings.arrivals } : {}),
  };
}

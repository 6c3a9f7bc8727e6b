// The one number the optimizer's closed forms charge per state: the mean of a
// warm Task dispatch in the calibration (src/model/calibration.ts), so that the
// frontier search and the Monte Carlo estimator (which draws the whole
// distribution, src/sim/dispatch-tables.ts) agree on average. Cold dispatches
// and staggers are the estimator's alone: they depend on traffic and width,
// which a per-step closed form does not see.
import { DEFAULT_CALIBRATION, latencyMeanMs, type OrchestrationType, type PlatformCalibration } from './calibration.ts';

export function meanTaskDispatchMs(orchestration: OrchestrationType, calibration: PlatformCalibration = DEFAULT_CALIBRATION): number {
  return latencyMeanMs(calibration.orchestration.taskDispatch[orchestration].warm);
}

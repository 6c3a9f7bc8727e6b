// The data-passing mode an edge gets when a deployment leaves it open: inline
// when its data alone fits the state payload limit, else S3 — what the
// estimator assumes for such an edge. The data-passing pass (data-passing.ts)
// writes every edge's mode out, judging each receiving state's inputs
// together; this per-edge default is what the estimate memo compares with.
import type { DataPassingMode } from '../ir/deployment.ts';
import { STEP_FUNCTIONS_LIMITS } from '../model/platform.ts';

/** The mode an edge gets when the deployment leaves it open (the estimator assumes the same). */
export function defaultDataPassingMode(bytes: number): DataPassingMode {
  return bytes <= STEP_FUNCTIONS_LIMITS.statePayloadBytes ? 'inline' : 's3';
}

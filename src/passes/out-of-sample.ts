// The out-of-sample verdict on a chosen plan. The optimizer keeps the cheapest
// plan whose estimated percentile meets the SLO, judged on one fixed set of
// draws (the run's seed and samples); among many candidates it favours those
// that were lucky on exactly those draws, so its "meets" is biased. The plan
// is therefore estimated once more on independent draws (another seed, more
// samples: src/sim/independent-sample.ts), and both verdicts are reported.
// A plan that meets in sample but not out of sample is not a plan that meets
// the SLO: it gets a warning (DAGC0340) saying what to do — more samples, an
// SLO at least the out-of-sample interval's top, or accepting the percentile
// with its error. This module only compares; the caller runs the estimates.
import type { Slo } from '../ir/types.ts';
import { optimizerDiagnostics } from '../diagnostics/optimizer.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { EstimateSummary } from './estimator-port.ts';

export interface SampleVerdict {
  samples: number;
  seed: number;
  /** The workflow's latency at the SLO's percentile on these draws. */
  latencyMs: number;
  meetsSlo: boolean;
}

export interface OutOfSampleCheck {
  inSample: SampleVerdict;
  outOfSample: SampleVerdict & {
    /** 95 % confidence interval of the percentile from the out-of-sample draws (Monte Carlo error only). */
    intervalMs: { lowMs: number; highMs: number };
    costUsd: number;
  };
  /** Met in sample and missed out of sample: the plan's "meets" rests on its own draws. */
  disagrees: boolean;
}

export interface OutOfSampleInput {
  slo: Slo;
  inSample: { samples: number; seed: number; summary: EstimateSummary };
  outOfSample: { samples: number; seed: number; summary: EstimateSummary; intervalMs: { lowMs: number; highMs: number } };
}

export function outOfSampleCheck({ slo, inSample, outOfSample }: OutOfSampleInput): OutOfSampleCheck {
  const p = slo.percentile;
  const inLatencyMs = inSample.summary.latencyMs[p];
  const outLatencyMs = outOfSample.summary.latencyMs[p];
  const inMeets = inLatencyMs <= slo.latencyMs;
  const outMeets = outLatencyMs <= slo.latencyMs;
  return {
    inSample: { samples: inSample.samples, seed: inSample.seed, latencyMs: inLatencyMs, meetsSlo: inMeets },
    outOfSample: { samples: outOfSample.samples, seed: outOfSample.seed, latencyMs: outLatencyMs, meetsSlo: outMeets, intervalMs: outOfSample.intervalMs, costUsd: outOfSample.summary.costUsd },
    disagrees: inMeets && !outMeets,
  };
}

/** The warning for a plan that meets only in sample; none otherwise. */
export function outOfSampleWarning(app: string, slo: Slo, check: OutOfSampleCheck): Diagnostic | undefined {
  if (!check.disagrees) return undefined;
  return optimizerDiagnostics.missesOutOfSample(app, slo.percentile, slo.latencyMs, check.inSample, check.outOfSample);
}

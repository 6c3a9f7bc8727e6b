// The input limits of dagc, in one table, each with why it is what it is.
// dagc runs unattended on specs, profiles and flags other people wrote; every
// input is checked against these before any expensive work (reading a file
// whole, parsing it, estimating), so a hostile or broken input ends as a
// positioned diagnostic (exit 2) instead of a hang, a stack overflow or an
// out-of-memory kill. docs/app-spec.md prints this table for users.
//
// The limits are far above anything a real workflow needs and far below what
// breaks dagc; where AWS itself sets the bound, it is AWS's number.
import { MAX_DIAGNOSTIC_CHARS } from '../diagnostics/diagnostic.ts';

export const LIMITS = {
  /** app.yaml. A 10,000-step workflow is ~1 MB of YAML; parsing 4 MB takes about a second. */
  specBytes: 4 * 1024 ** 2,
  /** A profile: ~1,000 samples × 30 sizes × 2 architectures is ~1 MB. */
  profileBytes: 16 * 1024 ** 2,
  /** plan.json of a 10,000-step workflow with its decision log is a few MB. */
  planBytes: 64 * 1024 ** 2,
  /** Calibration files and other small JSON inputs dagc reads. */
  jsonInputBytes: 16 * 1024 ** 2,
  /** A sample payload is a Lambda event: a synchronous invocation takes at most 6 MB (AWS Lambda quotas). */
  payloadBytes: 6 * 1024 ** 2,
  /** A --from-logs file: ~150 bytes a REPORT line, so ~3.5 million invocations. */
  logFileBytes: 512 * 1024 ** 2,
  /** YAML nesting (mappings and lists inside each other). The app spec needs 5; recursion in the parser overflows near a few thousand. */
  yamlDepth: 64,
  /** Alias (*name) uses in one YAML file: the "billion laughs" attack multiplies them; a spec needs a handful. */
  yamlAliases: 100,
  /** One YAML string (a name is at most 64, a path at most PATH_MAX = 4096). */
  stringChars: 4096,
  /**
   * A map's width. Step Functions' Distributed Map runs millions of items
   * (10,000 child executions at once); dagc costs a map in time independent
   * of its width, so the limit only keeps width × per-item bytes exact in
   * double precision (1e9 × 10 GB < 2^63) and is far above real fan-outs.
   */
  mapWidth: 1_000_000_000,
  /** Entries of a width distribution's values: the estimator walks them per draw. */
  widthValues: 10_000,
  /**
   * A step's output per item: a Lambda function holds at most 10,240 MB of
   * memory and 10,240 MB of /tmp, and dagc passes an output inline or as one
   * S3 object written by the function.
   */
  outputBytes: 10 * 1024 ** 3,
  /** Lambda's timeout range: whole seconds from 1 to 900 (AWS Lambda quotas). */
  timeoutMinMs: 1_000,
  timeoutMaxMs: 900_000,
  /** An SLO: positive, and at most a Standard workflow's one-year maximum run time. */
  sloMaxMs: 365 * 24 * 3_600_000,
  /**
   * Monte Carlo samples per estimate: the p99 of 100,000 draws is within
   * ~0.1 % rank of the true p99; more buys nothing visible and memory grows
   * with the count (--samples 10,000,000 used 1.3 GB).
   */
  samples: 100_000,
  /** Seeds are 32-bit (the estimator's generator takes a uint32). */
  seedMax: 2 ** 32 - 1,
  /** A measured duration: Lambda stops every invocation at 900 s, init included. */
  durationMs: 900_000,
  /** Characters of user input quoted back in one diagnostic: enough to recognise it, never megabytes. */
  diagnosticChars: MAX_DIAGNOSTIC_CHARS,
} as const;

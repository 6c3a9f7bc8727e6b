// The platform model: every AWS Lambda, Step Functions and S3 fact dagc uses,
// with its source, in one table. Nothing else in the code holds a price, a
// limit or an overhead. Prices are list prices; where a region is missing a
// value, the default region's (us-east-1) is used and `dagc` says so.
import type { Architecture } from '../ir/types.ts';

// Sources below were read on 2026-11-25 (through dagc's search of stored
// public pages); "checked" dates say when a number was last compared.

export const LAMBDA_LIMITS = {
  // docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html ("Lambda quotas") and
  // .../configuration-memory.html; aws.amazon.com/lambda/pricing ("between 128 MB and 10,240 MB,
  // in 1 MB increments"). Checked 2026-11-25.
  minMemoryMb: 128,
  maxMemoryMb: 10_240,
  memoryStepMb: 1,
  /** CPU is allocated in proportion to memory; 1,769 MB is one full vCPU (Configuring memory). */
  mbPerVcpu: 1_769,
  maxVcpu: 6,
  /** "Code can run for up to 15 minutes in a single invocation" (Lambda quotas). */
  maxTimeoutMs: 900_000,
  /** /tmp: 512 MB by default, any whole number up to 10,240 MB (API_EphemeralStorage). */
  minEphemeralStorageMb: 512,
  maxEphemeralStorageMb: 10_240,
  /** Invocation payload, request and response, synchronous: 6 MB (Lambda quotas). */
  syncPayloadBytes: 6 * 1024 * 1024,
  /**
   * Asynchronous invocation payload: 1 MB since October 2025 (was 256 KB); AWS Compute Blog,
   * "More room to build: serverless services now support payloads up to 1 MB" (2026-01-29).
   */
  asyncPayloadBytes: 1024 * 1024,
  /** Duration is rounded up to the nearest 1 ms (since December 2020; aws.amazon.com/lambda/pricing). */
  billingGranularityMs: 1,
  /**
   * Init is billed for every on-demand invocation, ZIP/managed runtimes included, since
   * 2025-08-01 (AWS Compute Blog, "AWS Lambda standardizes billing for INIT Phase", 2025-04).
   */
  initIsBilled: true,
  /** Concurrent executions per account and region by default (Lambda quotas: 1,000, can be raised). */
  accountConcurrency: 1_000,
  /** Each function scales by up to 1,000 concurrent executions every 10 seconds (Lambda function scaling). */
  burstScalingPer10s: 1_000,
  /** Provisioned concurrency is billed from enabling to disabling, rounded up to 5 minutes (Lambda pricing). */
  provisionedBillingGranularityMs: 5 * 60_000,
} as const;

export const STEP_FUNCTIONS_LIMITS = {
  // docs.aws.amazon.com/step-functions/latest/dg/limits-overview.html ("Quotas"),
  // .../state-map-inline.html and .../state-map-distributed.html. Checked 2026-11-25.
  /** Input/output of a task, state or execution: 262,144 bytes as UTF-8 (both workflow types). */
  statePayloadBytes: 256 * 1024,
  /** Inline Map "supports up to 40 concurrent iterations", in Standard and Express workflows alike. */
  inlineMapConcurrency: 40,
  /** Distributed Map runs up to 10,000 child workflow executions in parallel by default. */
  distributedMapConcurrency: 10_000,
  /** Express: "Maximum execution time 5 minutes". Standard: 1 year. */
  expressMaxDurationMs: 5 * 60_000,
  standardMaxDurationMs: 365 * 24 * 3_600_000,
  /** Standard: 25,000 events of execution history; an Inline Map's iterations count against it. */
  standardMaxHistoryEvents: 25_000,
  /**
   * Express duration is "rounded up to the nearest 100ms" and memory "billed in 64-MB chunks"
   * (about 50 MB + definition + payload per Map/Parallel step; small workflows bill 64 MB).
   * aws.amazon.com/step-functions/pricing, checked 2026-11-25.
   */
  expressBillingGranularityMs: 100,
  expressMemoryChunkMb: 64,
} as const;

export interface RegionPrices {
  /** Lambda compute per GB-second, by architecture (first pricing tier). */
  lambdaGbSecondUsd: Record<Architecture, number>;
  lambdaRequestUsd: number;
  /** Provisioned concurrency: per GB-second kept warm, and per GB-second of duration while provisioned. */
  provisionedGbSecondUsd: Record<Architecture, number>;
  provisionedDurationGbSecondUsd: Record<Architecture, number>;
  /** Step Functions Standard: per state transition. */
  standardTransitionUsd: number;
  /** Step Functions Express: per request and per GB-second (billed in 100 ms, 64 MB minimum memory). */
  expressRequestUsd: number;
  expressGbSecondUsd: number;
  s3PutUsd: number;
  s3GetUsd: number;
}

/**
 * List prices per region (first pricing tier). Sources: aws.amazon.com/lambda/pricing
 * (x86 $0.0000166667 and Arm $0.0000133334 per GB-s; $0.20 per 1M requests; provisioned
 * concurrency $0.0000041667 / $0.0000033334 per GB-s kept warm and $0.0000097222 /
 * $0.0000077778 per GB-s of duration), aws.amazon.com/step-functions/pricing (Standard $0.025
 * per 1,000 state transitions; Express $1.00 per 1M requests and $0.06 per GB-hour =
 * $0.00001667 per GB-s for the first 1,000 GB-hours), aws.amazon.com/s3/pricing (S3 Standard
 * PUT $0.005 and GET $0.0004 per 1,000 requests). All US East (N. Virginia), checked
 * 2026-11-25. Only us-east-1 is filled in; other regions fall back to it.
 */
export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = {
  'us-east-1': {
    lambdaGbSecondUsd: { x86_64: 0.0000166667, arm64: 0.0000133334 },
    lambdaRequestUsd: 0.2 / 1_000_000,
    provisionedGbSecondUsd: { x86_64: 0.0000041667, arm64: 0.0000033334 },
    provisionedDurationGbSecondUsd: { x86_64: 0.0000097222, arm64: 0.0000077778 },
    standardTransitionUsd: 0.025 / 1_000,
    expressRequestUsd: 1.0 / 1_000_000,
    expressGbSecondUsd: 0.00001667,
    s3PutUsd: 0.005 / 1_000,
    s3GetUsd: 0.0004 / 1_000,
  },
};

export const DEFAULT_REGION = 'us-east-1';

export function pricesFor(region: string): RegionPrices {
  return REGION_PRICES[region] ?? REGION_PRICES[DEFAULT_REGION]!;
}

/** Express's duration price per billed millisecond of one execution (its 64 MB chunk at the GB-second price). */
export function expressUsdPerBilledMs(region: string): number {
  return ((STEP_FUNCTIONS_LIMITS.expressMemoryChunkMb / 1024) * pricesFor(region).expressGbSecondUsd) / 1000;
}

export const OVERHEADS = {
  // Typical figures, not list facts: order-of-magnitude values from public measurements
  // (SONIC, ATC '21; "Serverless in the Wild", ATC '20; S3 first-byte latency for small
  // objects is tens of ms per AWS's S3 performance guidelines). Used where no profile
  // measured them; replace with measured values when the profiler records them.
  // The Step Functions state transition latency (a fixed 25 ms until issue 23) is superseded by measured
  // distributions: Task dispatch, Map item and Parallel branch staggers, Standard/Express, warm/cold, in
  // src/model/calibration.ts (defaults fitted from SeBS-Flow AWS traces, src/model/fitted-orchestration.ts).
  /** S3 small-object GET / PUT latency from Lambda in the same region. */
  s3GetMs: 20,
  s3PutMs: 35,
  /** S3 throughput per Lambda at ≥ 1 vCPU; scales down with the vCPU share below that. */
  s3BytesPerSecond: 90 * 1024 * 1024,
  /** Inline payload transfer through Step Functions, per byte. */
  inlineBytesPerSecond: 50 * 1024 * 1024,
  /** Idle execution environments are kept for about this long before a cold start is needed again. */
  idleEnvironmentLifetimeMs: 5 * 60_000,
  /**
   * A Distributed Map child workflow execution's start before its first state runs (an Express child
   * execution started by the Map Run). Estimate, not a list fact: Express StartExecution round trips
   * are tens of milliseconds; re-measure with real executions.
   */
  distributedChildStartMs: 50,
  /** A warm-up ping's handler returns at once; Lambda bills at least 1 ms. */
  warmupPingBilledMs: 1,
} as const;

/**
 * AWS Batch on EC2 for accelerator steps (SCAR/KNIX-style GPU work that Lambda cannot run). Prices are
 * on-demand Linux list prices in us-east-1 (aws.amazon.com/ec2/pricing/on-demand, checked 2026-11-25;
 * EC2 bills per second with a 60-second minimum for Linux). Latencies are typical figures, not list
 * facts: a job on a running compute environment goes SUBMITTED → RUNNING in seconds to tens of seconds
 * (Batch schedules in cycles; the job's container must start), and `submitJob.sync` adds Step Functions'
 * polling of the job's completion; a compute environment scaled to zero first launches an instance
 * (minutes). Re-measure with real executions (`dagc calibrate`).
 */
export const BATCH = {
  defaultGpuInstanceType: 'g4dn.xlarge',
  instanceTypes: {
    'g4dn.xlarge': { vcpus: 4, gpus: 1, memoryMb: 16_384, hourlyUsd: 0.526 },
    'g4dn.2xlarge': { vcpus: 8, gpus: 1, memoryMb: 32_768, hourlyUsd: 0.752 },
    'g5.xlarge': { vcpus: 4, gpus: 1, memoryMb: 16_384, hourlyUsd: 1.006 },
  } as Readonly<Record<string, { vcpus: number; gpus: number; memoryMb: number; hourlyUsd: number }>>,
  /** Median submit-to-running plus completion polling on a warm compute environment, and its lognormal spread. */
  warmDispatchMedianMs: 15_000,
  dispatchSigma: 0.4,
  /** EC2 Linux per-second billing minimum. */
  minimumBilledMs: 60_000,
} as const;

/** vCPU share Lambda grants at a memory size. */
export function vcpuForMemory(memoryMb: number): number {
  return Math.min(memoryMb / LAMBDA_LIMITS.mbPerVcpu, LAMBDA_LIMITS.maxVcpu);
}

/**
 * Workers a Lambda runs k items (a bundle's, a fused stage's) on: one per whole vCPU, at least one, at most k.
 * Each gets an equal share of the memory (so of the vCPU), never below Lambda's minimum; one worker keeps it all.
 */
export function workersFor(items: number, memoryMb: number): number {
  return Math.max(1, Math.min(items, Math.floor(vcpuForMemory(memoryMb))));
}

export function workerShareMb(memoryMb: number, workers: number): number {
  return workers === 1 ? memoryMb : Math.max(memoryMb / workers, LAMBDA_LIMITS.minMemoryMb);
}

/** Lambda's billed duration: rounded up to the billing granularity. */
export function billedDurationMs(durationMs: number): number {
  const g = LAMBDA_LIMITS.billingGranularityMs;
  return Math.ceil(durationMs / g) * g;
}

/** Compute cost of one invocation. */
export function invocationComputeUsd(memoryMb: number, durationMs: number, architecture: Architecture, prices: RegionPrices): number {
  return (memoryMb / 1024) * (billedDurationMs(durationMs) / 1000) * prices.lambdaGbSecondUsd[architecture];
}

/**
 * Invocations a map runs at once: Inline Map's 40, or a Distributed Map's 10,000 child executions — which
 * the account's Lambda concurrency (1,000 by default) caps first, since every child invokes a Lambda (Sequoia).
 */
export function mapConcurrencyLimit(distributed: boolean): number {
  return distributed ? Math.min(STEP_FUNCTIONS_LIMITS.distributedMapConcurrency, LAMBDA_LIMITS.accountConcurrency) : STEP_FUNCTIONS_LIMITS.inlineMapConcurrency;
}

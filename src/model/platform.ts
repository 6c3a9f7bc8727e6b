// The platform model: every AWS Lambda, Step Functions and S3 fact dagc uses,
// with its source, in one table. Nothing else in the code holds a price, a
// limit or an overhead. Prices are list prices; where a region is missing a
// value, the default region's (us-east-1) is used and `dagc` says so.
import type { Architecture } from '../ir/types.ts';

export const LAMBDA_LIMITS = {
  // AWS Lambda Developer Guide, "Lambda quotas" and "Configuring memory" (checked 2026-11).
  minMemoryMb: 128,
  maxMemoryMb: 10_240,
  memoryStepMb: 1,
  /** CPU is allocated in proportion to memory; 1,769 MB is one full vCPU. */
  mbPerVcpu: 1_769,
  maxVcpu: 6,
  maxTimeoutMs: 900_000,
  minEphemeralStorageMb: 512,
  maxEphemeralStorageMb: 10_240,
  /** Invocation payload: 6 MB request/response for synchronous invokes, 256 KB asynchronous. */
  syncPayloadBytes: 6 * 1024 * 1024,
  asyncPayloadBytes: 256 * 1024,
  /** Billing granularity since December 2020. */
  billingGranularityMs: 1,
  /** Account-level concurrent executions by default; burst scaling adds 1,000 every 10 s per function. */
  accountConcurrency: 1_000,
  burstScalingPer10s: 1_000,
} as const;

export const STEP_FUNCTIONS_LIMITS = {
  // AWS Step Functions Developer Guide, "Quotas" (checked 2026-11).
  /** Input/output of one state, and the data passed between states. */
  statePayloadBytes: 256 * 1024,
  /** Inline Map runs at most 40 iterations concurrently (MaxConcurrency above is capped). */
  inlineMapConcurrency: 40,
  distributedMapConcurrency: 10_000,
  expressMaxDurationMs: 5 * 60_000,
  standardMaxDurationMs: 365 * 24 * 3_600_000,
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
 * List prices per region. Sources: aws.amazon.com/lambda/pricing,
 * aws.amazon.com/step-functions/pricing, aws.amazon.com/s3/pricing (checked
 * 2026-11). Only us-east-1 is filled in full; other regions fall back to it.
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

export const OVERHEADS = {
  // Typical figures from public measurements (SONIC, ATC '21; "Serverless in the
  // Wild", ATC '20) and AWS re:Invent talks; used where no profile measured them.
  /** Step Functions state transition latency for a Lambda task (service integration round trip). */
  stepFunctionsTransitionMs: 25,
  /** S3 small-object GET / PUT latency from Lambda in the same region. */
  s3GetMs: 20,
  s3PutMs: 35,
  /** S3 throughput per Lambda at ≥ 1 vCPU; scales down with the vCPU share below that. */
  s3BytesPerSecond: 90 * 1024 * 1024,
  /** Inline payload transfer through Step Functions, per byte. */
  inlineBytesPerSecond: 50 * 1024 * 1024,
  /** Idle execution environments are kept for about this long before a cold start is needed again. */
  idleEnvironmentLifetimeMs: 5 * 60_000,
} as const;

/** vCPU share Lambda grants at a memory size. */
export function vcpuForMemory(memoryMb: number): number {
  return Math.min(memoryMb / LAMBDA_LIMITS.mbPerVcpu, LAMBDA_LIMITS.maxVcpu);
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

// Retries AWS calls that failed for reasons that pass: throttling (429,
// TooManyRequestsException, ThrottlingException), service errors (5xx),
// a configuration update still in progress (409 ResourceConflictException)
// and dropped connections. Anything else is the caller's to handle.
//
// Backoff is exponential with jitter drawn from an injected random source, so
// runs are reproducible in tests; the sleep is injected and abortable. The
// SDK's own retries are switched off by the clients we build (maxAttempts 1)
// so that exactly this policy applies and can be tested.
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { profilerDiagnostics } from '../diagnostics/profiler.ts';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 20_000 };

export interface RetryHooks {
  sleep?: (delayMs: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1); seeded by the caller for reproducible jitter. */
  random?: () => number;
  onRetry?: (event: { what: string; attempt: number; delayMs: number; reason: string }) => void;
  signal?: AbortSignal;
}

const RETRYABLE_NAMES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'ServiceException',
  'ServiceUnavailableException',
  'InternalFailure',
  'ResourceConflictException',
  'EC2ThrottledException',
]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function httpStatusOf(error: unknown): number | undefined {
  return (error as AwsLikeError | undefined)?.$metadata?.httpStatusCode;
}

export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const aws = error as AwsLikeError;
  if (aws.name === 'AbortError') return false;
  const status = httpStatusOf(error);
  if (status === 429 || (status !== undefined && status >= 500)) return true;
  if (aws.name !== undefined && RETRYABLE_NAMES.has(aws.name)) return true;
  return aws.code !== undefined && RETRYABLE_CODES.has(aws.code);
}

export function describeError(error: unknown): string {
  const aws = error as AwsLikeError | undefined;
  const status = httpStatusOf(error);
  const name = aws?.name ?? 'Error';
  return `${name}${status ? ` (HTTP ${status})` : ''}${aws?.message ? `: ${aws.message}` : ''}`;
}

export function abortError(): Error {
  const error = new Error('aborted');
  error.name = 'AbortError';
  return error;
}

export function abortableSleep(delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/** Runs `call`, retrying retryable failures; throws DAGC0261 once attempts run out. */
export async function withRetry<T>(what: string, call: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY, hooks: RetryHooks = {}): Promise<T> {
  const sleep = hooks.sleep ?? abortableSleep;
  const random = hooks.random ?? Math.random;
  // The signal cuts a backoff short; it never stops an attempt from being made,
  // so calls that must happen after an interrupt (restoring memory) still do.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= policy.maxAttempts) {
        throw new DagcUserError([profilerDiagnostics.retriesExhausted(what, attempt, describeError(error))]);
      }
      const delayMs = backoffDelayMs(policy, attempt, random);
      hooks.onRetry?.({ what, attempt, delayMs, reason: describeError(error) });
      await sleep(delayMs, hooks.signal);
    }
  }
}

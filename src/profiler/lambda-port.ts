// The three Lambda operations profiling needs — read the configuration, set
// the memory (and wait until the update has landed), invoke and read the
// REPORT line — over the real @aws-sdk/client-lambda. The same client talks
// to AWS or, with an endpoint override, to the local emulator: there is no
// second code path.
//
// Every call goes through withRetry (throttling, 5xx, an update still in
// progress). Invoke asks for `LogType: Tail`, whose base64 log tail (the last
// 4 KB) ends with the REPORT line. A response with no REPORT line still cost
// an invocation, so it becomes an error sample rather than vanishing.
import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { DagcUserError } from '../diagnostics/diagnostic.ts';
import { profilerDiagnostics } from '../diagnostics/profiler.ts';
import type { Architecture } from '../spec/types.ts';
import type { ReportRecord } from './report-line.ts';
import { scanReportText } from './report-scan.ts';
import { DEFAULT_RETRY_POLICY, describeError, withRetry, type RetryHooks, type RetryPolicy } from './retry.ts';

export interface FunctionConfig {
  memoryMb: number;
  timeoutMs: number;
  architecture: Architecture;
}

export interface InvokeOutcome {
  report: ReportRecord;
  /** The base64-decoded log tail, for messages. */
  logTail: string;
}

export interface LambdaPort {
  getConfig(deployedName: string): Promise<FunctionConfig>;
  /**
   * Sets MemorySize and waits until LastUpdateStatus is Successful; reports a refused size.
   * `uninterruptible` retries through an abort (for putting the original memory back).
   */
  setMemory(deployedName: string, memoryMb: number, options?: { uninterruptible?: boolean }): Promise<{ accepted: true } | { accepted: false; reason: string }>;
  invoke(deployedName: string, payload: Uint8Array, memoryMb: number): Promise<InvokeOutcome>;
}

export interface SdkPortOptions {
  region: string;
  retryPolicy?: RetryPolicy;
  retryHooks?: RetryHooks;
  /** Longest wait for a configuration update, in seconds. */
  updateWaitSeconds?: number;
}

const NO_REPORT_ERROR = 'dagc.NoReportLine';

function userErrorFor(error: unknown, deployedName: string, region: string): unknown {
  const name = (error as { name?: string }).name;
  if (name === 'ResourceNotFoundException') return new DagcUserError([profilerDiagnostics.functionNotFound(deployedName, region)]);
  if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException' || name === 'InvalidSignatureException' || name === 'CredentialsProviderError') {
    return new DagcUserError([profilerDiagnostics.accessDenied(describeError(error))]);
  }
  return error;
}

/** Reads the outcome the way Lambda reports it, whichever runtime generation wrote the log. */
export function outcomeFromResponse(logTail: string, functionError: string | undefined, payloadText: string, memoryMb: number): ReportRecord {
  const records = scanReportText(logTail).records;
  const report = records[records.length - 1];
  if (!report) {
    return { durationMs: 0, billedDurationMs: 0, memorySizeMb: memoryMb, maxMemoryUsedMb: 0, status: 'error', errorType: NO_REPORT_ERROR };
  }
  if (functionError === undefined || report.status !== 'success') return report;
  // Older runtimes print no Status field: the response says what happened.
  if (/Task timed out/.test(payloadText) || /Task timed out/.test(logTail)) return { ...report, status: 'timeout' };
  let errorType = functionError;
  try {
    const parsed = JSON.parse(payloadText) as { errorType?: unknown };
    if (typeof parsed.errorType === 'string') errorType = parsed.errorType;
  } catch {
    // not JSON: keep the FunctionError header
  }
  return { ...report, status: 'error', errorType };
}

export function sdkLambdaPort(client: LambdaClient, options: SdkPortOptions): LambdaPort {
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const hooks = options.retryHooks ?? {};
  const { signal: _signal, ...uninterruptibleHooks } = hooks;
  const call = async <T>(what: string, deployedName: string, body: () => Promise<T>, uninterruptible = false): Promise<T> => {
    try {
      return await withRetry(what, body, policy, uninterruptible ? uninterruptibleHooks : hooks);
    } catch (error) {
      throw userErrorFor(error, deployedName, options.region);
    }
  };

  return {
    async getConfig(deployedName) {
      const output = await call(`GetFunctionConfiguration ${deployedName}`, deployedName, () =>
        client.send(new GetFunctionConfigurationCommand({ FunctionName: deployedName })),
      );
      return {
        memoryMb: output.MemorySize ?? 128,
        timeoutMs: (output.Timeout ?? 3) * 1000,
        architecture: (output.Architectures?.[0] as Architecture | undefined) ?? 'x86_64',
      };
    },

    async setMemory(deployedName, memoryMb, setOptions = {}) {
      const uninterruptible = setOptions.uninterruptible === true;
      try {
        await call(
          `UpdateFunctionConfiguration ${deployedName} to ${memoryMb} MB`,
          deployedName,
          () => client.send(new UpdateFunctionConfigurationCommand({ FunctionName: deployedName, MemorySize: memoryMb })),
          uninterruptible,
        );
      } catch (error) {
        if ((error as { name?: string }).name === 'InvalidParameterValueException') return { accepted: false, reason: describeError(error) };
        throw error;
      }
      await call(
        `waiting for ${deployedName} to update`,
        deployedName,
        async () => {
          const result = await waitUntilFunctionUpdatedV2(
            { client, maxWaitTime: options.updateWaitSeconds ?? 300, minDelay: 1, maxDelay: 5 },
            { FunctionName: deployedName },
          );
          if (result.state !== 'SUCCESS') throw new Error(`configuration update ended as ${result.state}: ${String(result.reason ?? '')}`);
        },
        uninterruptible,
      );
      return { accepted: true };
    },

    async invoke(deployedName, payload, memoryMb) {
      const output = await call(`Invoke ${deployedName}`, deployedName, () =>
        client.send(new InvokeCommand({ FunctionName: deployedName, InvocationType: 'RequestResponse', LogType: 'Tail', Payload: payload })),
      );
      const logTail = output.LogResult ? Buffer.from(output.LogResult, 'base64').toString('utf8') : '';
      const payloadText = output.Payload ? Buffer.from(output.Payload).toString('utf8') : '';
      return { report: outcomeFromResponse(logTail, output.FunctionError, payloadText, memoryMb), logTail };
    },
  };
}

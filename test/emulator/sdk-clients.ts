// Test helper: the real SDK v3 clients pointed at a running emulator, with
// dummy credentials and no retries (so injected faults surface directly).
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { setTimeout as sleep } from 'node:timers/promises';

const common = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' },
  maxAttempts: 1,
});

export function lambdaClient(endpoint: string): LambdaClient {
  return new LambdaClient(common(endpoint));
}

export function logsClient(endpoint: string): CloudWatchLogsClient {
  return new CloudWatchLogsClient(common(endpoint));
}

export function handlerPath(name: string): string {
  return new URL(`./handlers/${name}.mjs`, import.meta.url).pathname;
}

export function decodeJson(payload: Uint8Array | undefined): unknown {
  return JSON.parse(Buffer.from(payload ?? []).toString('utf8'));
}

export function packagePath(name: string): string {
  return new URL(`./packages/${name}`, import.meta.url).pathname;
}

/** The lines of a base64 X-Amz-Log-Result. */
export function tailLines(logResult: string | undefined): string[] {
  return Buffer.from(logResult ?? '', 'base64').toString('utf8').split('\n').filter((line) => line !== '');
}

/** The REPORT line of a log tail (the last line). */
export function reportOf(logResult: string | undefined): string {
  return tailLines(logResult).at(-1) ?? '';
}

/**
 * Polls until a function is Active with its last update Successful. Faster
 * than the SDK's waiters (which wait at least a second between polls); the
 * waiters themselves are exercised in configuration.test.ts and lifecycle.test.ts.
 */
export async function waitSettled(lambda: LambdaClient, FunctionName: string): Promise<void> {
  for (;;) {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
    if (config.State === 'Active' && config.LastUpdateStatus === 'Successful') return;
    await sleep(20);
  }
}

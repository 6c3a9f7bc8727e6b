// Test helper: the real SDK v3 clients pointed at a running emulator, with
// dummy credentials and no retries (so injected faults surface directly).
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';

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

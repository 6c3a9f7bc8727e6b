// Builds the Lambda and CloudWatch Logs clients the profiler uses, the same
// way for real AWS and for an emulator: the SDK's default credential chain
// (or a named --profile), the region from --region, the SDK's chain, or the
// app's spec, and an optional endpoint override. The SDK's own retries are
// off — retry.ts owns the policy so that it can be tested and reported.
//
// A loopback endpoint gets placeholder credentials when none are configured:
// the emulator does not check signatures, and CI boxes have no AWS account.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';

export interface AwsConnection {
  region?: string;
  profile?: string;
  endpoint?: string;
  /** Used when neither --region nor the SDK's chain names a region. */
  fallbackRegion: string;
}

export interface AwsClients {
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  region: string;
  endpoint?: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(endpoint: string | undefined): boolean {
  if (endpoint === undefined) return false;
  try {
    return LOOPBACK_HOSTS.has(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

function hasConfiguredCredentials(connection: AwsConnection, env: NodeJS.ProcessEnv): boolean {
  return connection.profile !== undefined || env.AWS_ACCESS_KEY_ID !== undefined || env.AWS_PROFILE !== undefined;
}

async function resolveRegion(connection: AwsConnection): Promise<string> {
  if (connection.region) return connection.region;
  // Let the SDK look (AWS_REGION, the profile's config); fall back to the spec.
  const probe = new LambdaClient(connection.profile ? { profile: connection.profile } : {});
  try {
    return await probe.config.region();
  } catch {
    return connection.fallbackRegion;
  } finally {
    probe.destroy();
  }
}

export async function createAwsClients(connection: AwsConnection, env: NodeJS.ProcessEnv = process.env): Promise<AwsClients> {
  const region = await resolveRegion(connection);
  const config: { region: string; maxAttempts: number; profile?: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } } = {
    region,
    maxAttempts: 1,
  };
  if (connection.profile) config.profile = connection.profile;
  if (connection.endpoint) config.endpoint = connection.endpoint;
  if (isLoopback(connection.endpoint) && !hasConfiguredCredentials(connection, env)) {
    config.credentials = { accessKeyId: 'dagc-local', secretAccessKey: 'dagc-local' };
  }
  const clients: AwsClients = {
    lambda: new LambdaClient(config),
    logs: new CloudWatchLogsClient(config),
    region,
  };
  if (connection.endpoint) clients.endpoint = connection.endpoint;
  return clients;
}

export function destroyAwsClients(clients: AwsClients): void {
  clients.lambda.destroy();
  clients.logs.destroy();
}

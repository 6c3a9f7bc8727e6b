// Lambda's FunctionConfiguration JSON for an emulated function, as
// GetFunctionConfiguration / GetFunction / UpdateFunctionConfiguration return it.
import type { FunctionState } from './types.ts';

export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';

export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`;
}

/** Accepts a name, a partial ARN or a full ARN (optionally with :$LATEST), as Lambda does. */
export function nameFromIdentifier(identifier: string): string {
  const parts = identifier.split(':');
  const index = parts.indexOf('function');
  if (index >= 0 && parts[index + 1]) return parts[index + 1]!;
  return parts[0] ?? identifier;
}

export function configurationJson(state: FunctionState): Record<string, unknown> {
  const config = state.config;
  const handlerFile = config.handlerPath.replace(/^.*[\\/]/, '').replace(/\.(mjs|cjs|js)$/, '');
  return {
    FunctionName: config.name,
    FunctionArn: functionArn(config.name),
    Runtime: 'nodejs20.x',
    Role: `arn:aws:iam::${ACCOUNT_ID}:role/dagc-emulator`,
    Handler: `${handlerFile}.${config.handlerExport}`,
    CodeSize: state.codeSize,
    CodeSha256: state.codeSha256,
    Description: '',
    Timeout: Math.ceil(config.timeoutMs / 1000),
    MemorySize: config.memoryMb,
    LastModified: state.lastModified,
    Version: '$LATEST',
    Environment: { Variables: { ...config.env } },
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: `00000000-0000-4000-8000-${String(state.revision).padStart(12, '0')}`,
    State: 'Active',
    LastUpdateStatus: state.lastUpdateStatus,
    PackageType: 'Zip',
    Architectures: [config.architecture],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${config.name}` },
  };
}

/** Lambda's timestamp format: 2024-01-01T00:00:00.000+0000. */
export function lambdaTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

// What the emulator knows about one function version, and how the Lambda API
// renders it (FunctionConfiguration). A FunctionVersion is immutable: a change
// makes a new object with a higher generation, and environments built from an
// older generation are retired (the next invocation is cold, as on Lambda).
import type { Architecture } from '../ir/types.ts';

export interface FunctionCode {
  /** Directory holding the code: an extracted zip, or a registered handler's folder. */
  rootDir: string;
  /** Set for registered functions: import exactly this module instead of resolving the handler setting. */
  moduleFile?: string;
  sha256Base64: string;
  sizeBytes: number;
}

export interface FunctionSettings {
  /** `file.export`, e.g. handler.handler → handler.mjs / handler.js, export `handler`. */
  handler: string;
  runtime: string;
  memoryMb: number;
  timeoutMs: number;
  architecture: Architecture;
  env: Record<string, string>;
  description: string;
  role: string;
}

export interface FunctionVersion {
  functionName: string;
  /** `$LATEST` or a published number. */
  version: string;
  code: FunctionCode;
  settings: FunctionSettings;
  generation: number;
  revisionId: string;
  /** Lambda's format: 2026-11-25T08:28:14.123+0000 */
  lastModified: string;
}

export type FunctionState = 'Pending' | 'Active' | 'Failed';
export type LastUpdateStatus = 'InProgress' | 'Successful' | 'Failed';

export interface FunctionStatus {
  state: FunctionState;
  lastUpdateStatus: LastUpdateStatus;
}

export function lambdaTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export function functionArn(region: string, accountId: string, name: string, version?: string): string {
  const base = `arn:aws:lambda:${region}:${accountId}:function:${name}`;
  return version === undefined ? base : `${base}:${version}`;
}

export function logGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** The FunctionConfiguration member the SDK deserializes. */
export function renderConfiguration(fn: FunctionVersion, status: FunctionStatus, region: string, accountId: string): Record<string, unknown> {
  const { settings } = fn;
  const configuration: Record<string, unknown> = {
    FunctionName: fn.functionName,
    FunctionArn: functionArn(region, accountId, fn.functionName, fn.version === '$LATEST' ? undefined : fn.version),
    Runtime: settings.runtime,
    Role: settings.role,
    Handler: settings.handler,
    CodeSize: fn.code.sizeBytes,
    Description: settings.description,
    // The API speaks whole seconds; a programmatic sub-second timeout shows rounded up.
    Timeout: Math.ceil(settings.timeoutMs / 1000),
    MemorySize: settings.memoryMb,
    LastModified: fn.lastModified,
    CodeSha256: fn.code.sha256Base64,
    Version: fn.version,
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: fn.revisionId,
    State: status.state,
    LastUpdateStatus: status.lastUpdateStatus,
    PackageType: 'Zip',
    Architectures: [settings.architecture],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: logGroupName(fn.functionName) },
  };
  if (Object.keys(settings.env).length > 0) configuration.Environment = { Variables: { ...settings.env } };
  if (status.state === 'Pending') {
    configuration.StateReason = 'The function is being created.';
    configuration.StateReasonCode = 'Creating';
  }
  if (status.lastUpdateStatus === 'InProgress') {
    configuration.LastUpdateStatusReason = 'The function is being created.';
    configuration.LastUpdateStatusReasonCode = 'Creating';
    if (status.state === 'Active') {
      configuration.LastUpdateStatusReason = 'The function is being updated.';
      configuration.LastUpdateStatusReasonCode = 'Updating';
    }
  }
  return configuration;
}

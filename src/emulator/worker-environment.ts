// The process environment of a worker: a clean set like Lambda's (the
// emulator's own variables, credentials included, do not leak into handler
// code), the function's variables, then Lambda's reserved variables, which a
// function cannot override. TZ is UTC as on Lambda.
import type { FunctionVersion } from './function-config.ts';
import { logGroupName } from './function-config.ts';

export function workerEnvironment(fn: FunctionVersion, region: string, logStreamName: string): Record<string, string> {
  const { settings } = fn;
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    ...settings.env,
    TZ: ':UTC',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${settings.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: fn.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(fn.functionName),
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: fn.code.rootDir,
    _HANDLER: settings.handler,
  };
}

/** `2026/11/25/[$LATEST]` followed by 32 hex digits, like Lambda's stream names. */
export function newLogStreamName(version: string, now: Date, hex32: string): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[${version}]${hex32}`;
}

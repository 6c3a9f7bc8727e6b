// Shapes shared by the emulator's parts: a function's live configuration and
// the outcome of one invocation.

export type EmulatedArchitecture = 'x86_64' | 'arm64';

export interface FunctionRegistration {
  name: string;
  /** Absolute or cwd-relative path of the handler module (.mjs/.js). */
  handlerPath: string;
  /** Export to call; defaults to 'handler'. */
  handlerExport?: string;
  memoryMb: number;
  timeoutMs: number;
  architecture: EmulatedArchitecture;
  env?: Record<string, string>;
}

export interface FunctionState {
  config: Required<Omit<FunctionRegistration, 'env'>> & { env: Record<string, string> };
  /** Bumped on every configuration change; environments of older revisions are retired. */
  revision: number;
  lastModified: string;
  lastUpdateStatus: 'InProgress' | 'Successful';
  codeSha256: string;
  codeSize: number;
  /** Temporary directory holding an unpacked zip, removed on delete. */
  codeDir?: string;
}

export interface InvocationOutcome {
  requestId: string;
  /** JSON text returned to the caller. */
  payload: string;
  /** 'Unhandled' when the handler threw, timed out or its environment died. */
  functionError?: 'Unhandled';
  /** All log lines of this invocation (START … REPORT). */
  logLines: string[];
  reportLine: string;
  durationMs: number;
  initDurationMs?: number;
  maxMemoryUsedMb: number;
  status?: 'timeout' | 'error';
}

// Turns CreateFunction / UpdateFunctionConfiguration / UpdateFunctionCode
// request bodies into FunctionSettings, with Lambda's validation messages for
// what the emulator can check: memory and timeout ranges, architecture,
// runtime (Node.js only: the emulator runs handlers in Node), handler and
// environment shapes. Unknown members (VpcConfig, Layers, …) are accepted and
// ignored, as they change nothing the emulator models.
import { LAMBDA_LIMITS } from '../model/platform.ts';
import type { Architecture } from '../ir/types.ts';
import { lambdaErrors } from './aws-error.ts';
import type { FunctionSettings } from './function-config.ts';

/** CreateFunction's documented defaults when a member is omitted. */
const DEFAULT_TIMEOUT_S = 3;
const DEFAULT_RUNTIME = 'nodejs20.x';
const DEFAULT_ROLE = 'arn:aws:iam::000000000000:role/dagc-emulator';
const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];

type Body = Record<string, unknown>;

export function settingsForCreate(body: Body): FunctionSettings {
  const handler = body.Handler;
  if (typeof handler !== 'string' || handler.length === 0) throw lambdaErrors.invalidParameter('Handler is required for Zip packages.');
  return {
    handler,
    runtime: DEFAULT_RUNTIME,
    memoryMb: LAMBDA_LIMITS.minMemoryMb,
    timeoutMs: DEFAULT_TIMEOUT_S * 1000,
    architecture: 'x86_64',
    env: {},
    description: '',
    role: typeof body.Role === 'string' ? body.Role : DEFAULT_ROLE,
    ...settingsChange(body),
  };
}

/** The members of a request that change settings; absent members stay as they are. */
export function settingsChange(body: Body): Partial<FunctionSettings> {
  const change: Partial<FunctionSettings> = {};
  if (body.MemorySize !== undefined) change.memoryMb = memorySize(body.MemorySize);
  if (body.Timeout !== undefined) change.timeoutMs = timeoutSeconds(body.Timeout) * 1000;
  if (body.Runtime !== undefined) change.runtime = runtime(body.Runtime);
  if (body.Handler !== undefined) change.handler = text(body.Handler, 'handler');
  if (body.Description !== undefined) change.description = text(body.Description, 'description');
  if (body.Role !== undefined) change.role = text(body.Role, 'role');
  if (body.Architectures !== undefined) change.architecture = architecture(body.Architectures);
  if (body.Environment !== undefined) change.env = environment(body.Environment);
  return change;
}

function memorySize(value: unknown): number {
  const { minMemoryMb, maxMemoryMb } = LAMBDA_LIMITS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minMemoryMb || value > maxMemoryMb) {
    throw lambdaErrors.invalidParameter(
      `1 validation error detected: Value '${String(value)}' at 'memorySize' failed to satisfy constraint: Member must have value between ${minMemoryMb} and ${maxMemoryMb}`,
    );
  }
  return value;
}

function timeoutSeconds(value: unknown): number {
  const maxSeconds = LAMBDA_LIMITS.maxTimeoutMs / 1000;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > maxSeconds) {
    throw lambdaErrors.invalidParameter(`1 validation error detected: Value '${String(value)}' at 'timeout' failed to satisfy constraint: Member must have value between 1 and ${maxSeconds}`);
  }
  return value;
}

function runtime(value: unknown): string {
  if (typeof value !== 'string' || !/^nodejs\d+\.x$/.test(value)) {
    throw lambdaErrors.invalidParameter(`The runtime parameter of ${String(value)} is not supported by the dagc emulator, which runs Node.js handlers only (nodejsNN.x).`);
  }
  return value;
}

function architecture(value: unknown): Architecture {
  if (!Array.isArray(value) || value.length !== 1 || !ARCHITECTURES.includes(value[0] as Architecture)) {
    throw lambdaErrors.invalidParameter(`1 validation error detected: Value '${JSON.stringify(value)}' at 'architectures' failed to satisfy constraint: Member must have exactly one of [x86_64, arm64]`);
  }
  return value[0] as Architecture;
}

function environment(value: unknown): Record<string, string> {
  const variables = (value as { Variables?: unknown } | null)?.Variables ?? {};
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw lambdaErrors.invalidParameter('Environment.Variables must be a map of strings');
  const env: Record<string, string> = {};
  for (const [key, entry] of Object.entries(variables)) {
    if (typeof entry !== 'string') throw lambdaErrors.invalidParameter(`Environment variable ${key} must be a string`);
    env[key] = entry;
  }
  return env;
}

function text(value: unknown, member: string): string {
  if (typeof value !== 'string') throw lambdaErrors.invalidParameter(`1 validation error detected: Value at '${member}' must be a string`);
  return value;
}

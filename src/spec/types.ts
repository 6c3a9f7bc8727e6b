// The app spec as the user writes it (app.yaml), after YAML parsing and schema
// validation. Units are still strings here ("1.5MB", "350ms"); src/ir/build.ts
// turns them into bytes and milliseconds.

export type Architecture = 'x86_64' | 'arm64';

export interface SloSpec {
  p50?: string;
  p90?: string;
  p95?: string;
  p99?: string;
}

export interface FunctionSpec {
  /** Path to the handler module, relative to app.yaml. Absent for profile-only functions. */
  handler?: string;
  /** Today's memory setting (MB). */
  memory?: number;
  /** "30s", "900s", "500ms". */
  timeout?: string;
  /** Architectures dagc may choose from; the first one is today's. */
  architectures?: Architecture[];
  /** A step that needs an accelerator cannot run on Lambda's CPU fleet. */
  accelerator?: 'gpu';
  /** Sample event for profiling, relative to app.yaml. */
  payload?: string;
  /** Memory sizes dagc must not go below / above (MB). */
  minMemory?: number;
  maxMemory?: number;
  /** Memory sizes dagc may choose: `default`, `measured`, `all`, or a list of MB. Overrides the app's. */
  memoryGrid?: MemoryGridSpec;
}

export type MemoryGridSpec = 'default' | 'measured' | 'all' | number[];

export interface WidthRangeSpec {
  min: number;
  max: number;
}

export interface WidthChoicesSpec {
  values: number[];
  probabilities: number[];
}

export type WidthSpec = number | WidthRangeSpec | WidthChoicesSpec;

export interface MapSpec {
  width: WidthSpec;
  /** Most items in flight at once (Step Functions MaxConcurrency); 0 = unbounded. */
  maxConcurrency?: number;
}

export interface StepSpec {
  /** A task or map step runs a function. */
  function?: string;
  /** Steps that must finish first. */
  needs?: string[];
  /** Fan out over items: one invocation of `function` per item. */
  map?: MapSpec;
  /** A choice step runs no function: it takes one branch by probability. */
  choice?: Record<string, number>;
  /** Bytes the step emits (per item for a map): "20KB", "1.5MB". */
  output?: string;
}

export interface AppSpec {
  name: string;
  description?: string;
  slo?: SloSpec;
  region?: string;
  /** The platform's own latencies: `calibration` is a calibration file (relative to app.yaml) or one inline (docs/calibration.md). */
  platform?: { calibration?: string | Record<string, unknown> };
  /** Memory sizes dagc may choose for every function without its own memoryGrid. */
  memoryGrid?: MemoryGridSpec;
  functions: Record<string, FunctionSpec>;
  steps: Record<string, StepSpec>;
}

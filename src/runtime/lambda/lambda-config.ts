// What a generated entry point knows about its plan: a plain JSON value the
// emitter writes into functions/<name>/index.mjs (src/codegen/functions), so
// the runtime decides nothing at run time that the plan did not say.

export interface StepInfo {
  /** Its ASL state name: the key of its output in the state. */
  name: string;
  kind: 'task' | 'map' | 'choice' | 'join';
  fn?: string;
  /** Its needs in the user's DAG (the data contract's needs, sorted). */
  needs: string[];
  probabilities?: Record<string, number>;
}

export interface UnitConfig {
  kind: 'task' | 'map' | 'group';
  steps: string[];
  /** How each output that leaves the unit is stored. */
  writes: Record<string, 'inline' | 's3'>;
  /** Producing step → maps whose chunk lists it writes when its output has items. */
  schedules: Record<string, Array<{ map: string; bundleSize: number }>>;
  /** Outputs to drop from the state after this unit (no later step reads them). */
  drop: string[];
  /** Among those, the S3 objects this unit read and now deletes. */
  delete: string[];
  /** Environment variables naming the Lambdas to send a warm-up ping when this unit starts. */
  warm: string[];
}

export interface LambdaConfig {
  app: string;
  key: string;
  /** Key prefix of everything this Lambda writes to the bucket (IAM allows only it). */
  prefix: string;
  steps: Record<string, StepInfo>;
  /** The app's settings of each function the handlers see in their context (as in the reference run). */
  functions: Record<string, { memoryMb: number; timeoutMs: number }>;
  units: Record<string, UnitConfig>;
  /** Map items run at once inside one invocation: the Lambda's vCPU share, at least 1. */
  itemConcurrency: number;
}

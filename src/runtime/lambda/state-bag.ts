// The shape of the data a plan's Step Functions execution carries from state
// to state (docs/codegen.md, "State data"). The ASL emitter writes JSONPaths
// into these fields and the Lambda runtime reads and writes them, so both
// import the names from here.
//
// A bag holds the execution's seed (its name), the workflow input and one
// reference per step output that is still needed. A reference is the value
// itself (inline), a pointer to an S3 object, or — for a map step — one
// reference per chunk of items, in item order. Maps also need their chunk
// lists (`sched`) in the state, because ASL can only iterate over an array it
// can see; the Lambda that produces a map's items writes them.

export interface StateBag {
  /** The execution's name: seeds choice draws and request ids, and prefixes S3 keys. */
  exec: string;
  in: Ref;
  /** Step state name → its output. */
  out: Record<string, Ref>;
  /** Map step state name → chunks of item indices (one Map iteration each). */
  sched: Record<string, number[][]>;
}

export type Ref = InlineRef | S3Ref | PartsRef;
export interface InlineRef { v: unknown }
export interface S3Ref { s3: string }
/** A map's output: the chunk results in order, each an array of item results. */
export interface PartsRef { parts: Array<InlineRef | S3Ref> }

export const BAG_FIELDS = { exec: 'exec', input: 'in', outputs: 'out', schedule: 'sched', draws: 'draw' } as const;

/** Step Functions' limit on a state's input or output (characters of its JSON, UTF-8 bytes in practice). */
export const STATE_LIMIT_BYTES = 256 * 1024;

/** The payload a Task sends to a Lambda: which unit (step or fusion group) to run, on which state. */
export interface UnitPayload {
  unit: string;
  state: StateBag;
  /** For a map step's iteration: the item indices of this chunk. */
  chunk?: number[];
}

/** What a Lambda's entry point returns at once, without running anything, when a warm-up ping arrives. */
export const WARMUP_KEY = 'dagcWarmup';

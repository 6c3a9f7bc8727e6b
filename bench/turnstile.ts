// Interleaves the invocations of several measurement tasks that share one
// host, so that drift in the host's speed (a 2-core VM whose load comes and
// goes) falls on all of them alike instead of on whichever ran at a busier
// time. One invocation runs at a time. A task asks for a turn before each
// invocation; the turnstile grants it only once every task still running is
// waiting (so the order does not depend on how fast each one computes its next
// step), and then to the one furthest behind its expected pace:
// turns taken / turns expected, ties to the task registered first. A task
// expecting 30 turns thus takes one for every two of a task expecting 60,
// spread over the same stretch of time. A task that ends (or fails) must call
// `finish`, or the others would wait for it forever.
import type { LambdaPort } from '../src/profiler/lambda-port.ts';

interface Entrant {
  name: string;
  expected: number;
  taken: number;
  finished: boolean;
  waiting?: () => void;
}

export class Turnstile {
  private readonly entrants: Entrant[] = [];
  private busy = false;
  /** The order turns were granted in, by task name (for tests and for the bench's own check). */
  readonly granted: string[] = [];

  /** Registers a task expecting about `expected` turns; returns its handle. */
  enter(name: string, expected: number): TurnstileTask {
    const entrant: Entrant = { name, expected: Math.max(1, expected), taken: 0, finished: false };
    this.entrants.push(entrant);
    return {
      turn: () => this.turn(entrant),
      done: () => this.release(),
      finish: () => {
        entrant.finished = true;
        this.grant();
      },
    };
  }

  private turn(entrant: Entrant): Promise<void> {
    return new Promise((resolve) => {
      entrant.waiting = resolve;
      this.grant();
    });
  }

  private release(): void {
    this.busy = false;
    this.grant();
  }

  private grant(): void {
    if (this.busy) return;
    const running = this.entrants.filter((entrant) => !entrant.finished);
    if (running.length === 0 || running.some((entrant) => !entrant.waiting)) return;
    let next = running[0]!;
    for (const entrant of running) if (entrant.taken / entrant.expected < next.taken / next.expected) next = entrant;
    const resolve = next.waiting!;
    next.waiting = undefined;
    next.taken += 1;
    this.busy = true;
    this.granted.push(next.name);
    resolve();
  }
}

export interface TurnstileTask {
  /** Resolves when this task may invoke. */
  turn(): Promise<void>;
  /** The invocation ended: the next task may go. */
  done(): void;
  /** This task will ask for no more turns. */
  finish(): void;
}

/** `port` with each invoke waiting for its turn (configuration calls are not gated: they run no handler). */
export function gatedPort(port: LambdaPort, task: TurnstileTask): LambdaPort {
  return {
    getConfig: (name) => port.getConfig(name),
    setMemory: (name, memoryMb, options) => port.setMemory(name, memoryMb, options),
    invoke: async (name, payload, memoryMb) => {
      await task.turn();
      try {
        return await port.invoke(name, payload, memoryMb);
      } finally {
        task.done();
      }
    },
  };
}

/** Runs `body` as one task of `turnstile`, finishing it however the body ends. */
export async function asTask<T>(task: TurnstileTask, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } finally {
    task.finish();
  }
}

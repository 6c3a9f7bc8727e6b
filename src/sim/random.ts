// A small, fast, seeded PRNG (sfc32 seeded through splitmix32) with a
// Box–Muller normal: the estimator's only source of randomness, so the same
// seed gives the same numbers to the last digit on every machine.
import type { Rng } from '../model/duration-model.ts';

/** The estimator's generator: an Rng whose sfc32 state is exposed, so a hot loop can draw the same stream inline (uniformFrom). */
export interface SimRng extends Rng {
  state: Int32Array;
  /** Box–Muller's second value: [1 when held, the value]. */
  spare: Float64Array;
}

/** One standard normal from an sfc32 state and its spare: exactly what SimRng.normal() returns. */
export function normalFrom(state: Int32Array, spare: Float64Array): number {
  if (spare[0] === 1) {
    spare[0] = 0;
    return spare[1]!;
  }
  let u = uniformFrom(state);
  while (u === 0) u = uniformFrom(state);
  const v = uniformFrom(state);
  const radius = Math.sqrt(-2 * Math.log(u));
  spare[0] = 1;
  spare[1] = radius * Math.sin(2 * Math.PI * v);
  return radius * Math.cos(2 * Math.PI * v);
}

/** One uniform in [0, 1) from an sfc32 state: exactly what SimRng.next() returns, without a call. */
export function uniformFrom(state: Int32Array): number {
  const a = state[0]!;
  const b = state[1]!;
  const c = state[2]!;
  const d = state[3]!;
  const t = (a + b + d) >>> 0;
  state[3] = d + 1;
  state[0] = b ^ (b >>> 9);
  state[1] = c + (c << 3);
  state[2] = ((c << 21) | (c >>> 11)) + t;
  return t / 4294967296;
}

export function createRng(seed: number): SimRng {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  // The state lives in an Int32Array: uint32 values above 2^31 held in closure
  // variables would be boxed doubles, allocated on every draw. Every update is
  // arithmetic mod 2^32, so the signed storage gives the same stream.
  return new SeededRng(new Int32Array([splitmix(), splitmix(), splitmix(), splitmix()]));
}

/**
 * A class rather than an object literal of closures: every generator then
 * shares one map, so the sampling loop's optimized code, which takes one per
 * chunk, is not thrown away at each new chunk for a generator of another shape.
 */
class SeededRng implements SimRng {
  readonly spare = new Float64Array(2);

  constructor(readonly state: Int32Array) {}

  next(): number {
    return uniformFrom(this.state);
  }

  normal(): number {
    return normalFrom(this.state, this.spare);
  }
}

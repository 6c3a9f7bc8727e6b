// A CPU-bound handler with a fixed amount of work per call (an xorshift loop),
// so its duration depends only on the CPU it is given.
export async function handler(event) {
  const iterations = event?.iterations ?? 20_000_000;
  let x = 2463534242;
  for (let i = 0; i < iterations; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return { iterations, x };
}

// Test handler: starts a 10 ms interval on its first call and reports how many
// times it has fired, so a test can see whether the environment ran while idle.
let ticks = 0;
let timer;
export async function handler() {
  timer ??= setInterval(() => {
    ticks += 1;
  }, 10);
  return { ticks };
}

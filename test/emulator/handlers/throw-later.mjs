// Test handler: returns, but leaves an exception behind that fires outside the
// handler, which kills the runtime (as Node's does on Lambda).
export async function handler(event) {
  if (event.throwLater) setTimeout(() => {
    throw new Error('thrown from a timer');
  }, 0);
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { pid: process.pid };
}

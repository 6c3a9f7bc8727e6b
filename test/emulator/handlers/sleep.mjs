// Test handler: waits event.sleepMs without using CPU.
export async function handler(event) {
  await new Promise((resolve) => setTimeout(resolve, event.sleepMs ?? 0));
  return { sleptMs: event.sleepMs ?? 0 };
}

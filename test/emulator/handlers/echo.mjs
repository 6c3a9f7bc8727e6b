// Test handler: logs one line and echoes the event with a few context fields.
const loadedAt = Date.now();
export async function handler(event, context) {
  console.log('echo handler got', JSON.stringify(event));
  return { event, functionName: context.functionName, memoryLimitInMB: context.memoryLimitInMB, loadedAt, greeting: process.env.GREETING ?? null };
}

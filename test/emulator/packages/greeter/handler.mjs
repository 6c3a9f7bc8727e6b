// Test package (zipped from its folder by the tests): a handler importing a
// sibling module, logging at load time, counting its invocations per
// environment (so a test can tell warm from cold) and reporting the memory
// and environment it runs with.
import { greeting } from './lib/greeting.mjs';

console.log('module loaded');
let invocations = 0;

export async function handler(event, context) {
  invocations += 1;
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  console.log('greeting', event.name ?? 'world');
  return {
    greeting: greeting(event.name ?? 'world'),
    invocations,
    memoryLimitInMB: context.memoryLimitInMB,
    greetingEnv: process.env.GREETING ?? null,
  };
}

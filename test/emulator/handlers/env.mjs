// Test handler: returns what it can see of its process environment and the
// timing of its log lines.
export async function handler(event) {
  console.log('first line');
  await new Promise((resolve) => setTimeout(resolve, event.gapMs ?? 0));
  console.log('second line');
  return { env: process.env, cwd: process.cwd() };
}

// Test handler: holds event.mb megabytes of touched memory.
export async function handler(event) {
  const blocks = [];
  for (let i = 0; i < (event.mb ?? 0); i += 1) blocks.push(Buffer.alloc(1024 * 1024, 1));
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { blocks: blocks.length };
}

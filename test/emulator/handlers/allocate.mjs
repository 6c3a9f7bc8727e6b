// Test handler: holds event.mb megabytes of resident memory (one write per
// 4 KB page makes it resident without spending CPU on filling it).
export async function handler(event) {
  const blocks = [];
  for (let i = 0; i < (event.mb ?? 0); i += 1) {
    const block = Buffer.allocUnsafeSlow(1024 * 1024);
    for (let offset = 0; offset < block.length; offset += 4096) block[offset] = 1;
    blocks.push(block);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { blocks: blocks.length };
}

// Test handler: CPU-bound work (repeated SHA-256), event.rounds iterations.
import { createHash } from 'node:crypto';
export async function handler(event) {
  let digest = Buffer.alloc(32);
  for (let i = 0; i < (event.rounds ?? 100000); i += 1) digest = createHash('sha256').update(digest).digest();
  return { digest: digest.toString('hex') };
}

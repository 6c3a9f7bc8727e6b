import { readFileSync } from 'node:fs';
import { runReference } from '../src/runtime/reference-executor.ts';
const [app, input, seed] = process.argv.slice(2);
const r = await runReference(app!, JSON.parse(readFileSync(input!, 'utf8')), { seed: seed ?? 0 });
console.log(JSON.stringify(r.final, (k, v) => (typeof v === 'string' && v.length > 80 ? v.slice(0, 20) + '…' : v)).slice(0, 1500));
console.log(r.branches, r.skipped);

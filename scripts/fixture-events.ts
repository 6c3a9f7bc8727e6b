// Runs a fixture's workflow on its profiling-size input (events/profile-input.json)
// with the reference executor and reports, per function, the handler times and,
// per step, the output sizes (what app.yaml's `output:` should say). With
// --write it saves each function's largest event (the first of equals) as
// events/<function>.json, the sample event the profiler invokes it with: the
// largest, because edge items (a map's first chunk, with nothing to rebase
// on) are often the cheap exceptions. Usage:
//   npx tsx scripts/fixture-events.ts fixtures/video [--write] [--input events/other.json]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadAppIr } from '../src/ir/load-app.ts';
import { runReference, type InvocationRecord } from '../src/runtime/reference-executor.ts';

const args = process.argv.slice(2);
const appDir = args.find((a) => !a.startsWith('--'));
if (!appDir) throw new Error('usage: fixture-events.ts <fixture dir> [--write] [--input file]');
const inputArg = args.indexOf('--input');
const inputFile = path.join(appDir, inputArg >= 0 ? args[inputArg + 1]! : 'events/profile-input.json');
const ir = loadAppIr(path.join(appDir, 'app.yaml'));

// A choice may skip functions; further seeds take the other branches until every function has run.
const records: InvocationRecord[] = [];
const input = JSON.parse(readFileSync(inputFile, 'utf8'));
const startedAt = performance.now();
for (let seed = 0; seed < 32; seed++) {
  const missing = new Set([...ir.functions.keys()].filter((fn) => !records.some((r) => r.functionName === fn)));
  if (missing.size === 0) break;
  const result = await runReference(ir, input, { seed, onInvoke: (r) => (seed === 0 || missing.has(r.functionName)) && records.push(r) });
  console.log(`${ir.name} seed ${seed}: branches ${JSON.stringify(result.branches)}`);
}
console.log(`${ir.name}: ${records.length} invocations in ${Math.round(performance.now() - startedAt)} ms`);

const byFunction = groupBy(records, (r) => r.functionName);
for (const [fn, list] of byFunction) {
  const times = list.map((r) => r.latencyMs).sort((a, b) => a - b);
  const eventKb = Buffer.byteLength(JSON.stringify(list[0]!.event)) / 1024;
  console.log(`  fn ${fn.padEnd(20)} n=${String(list.length).padStart(3)} median ${ms(times[Math.floor(times.length / 2)]!)} min ${ms(times[0]!)} max ${ms(times.at(-1)!)} first event ${eventKb.toFixed(1)} KB`);
}
for (const [step, list] of groupBy(records, (r) => r.stepId)) {
  const sizes = list.map((r) => Buffer.byteLength(JSON.stringify(r.output)));
  const declared = ir.graph.node(step).outputBytes;
  console.log(`  step ${step.padEnd(20)} output per invocation: mean ${kb(mean(sizes))} max ${kb(Math.max(...sizes))} (app.yaml says ${kb(declared)})`);
}

if (args.includes('--write')) {
  for (const [fn, list] of byFunction) {
    const file = path.join(appDir, 'events', `${fn}.json`);
    const texts = list.map((r) => JSON.stringify(r.event));
    const largest = texts.reduce((best, text) => (text.length > best.length ? text : best));
    writeFileSync(file, `${largest}\n`);
    console.log(`  wrote ${file}`);
  }
}

function groupBy<T>(list: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(item);
  }
  return groups;
}
function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
function ms(value: number): string {
  return `${value.toFixed(1)} ms`.padStart(9);
}
function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

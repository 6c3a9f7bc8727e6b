import { readSebsDefinition } from './src/calibrate/sebs-flow-definition.ts';
import { gapsFromTraceFile } from './src/calibrate/trace-gaps.ts';
import { readdirSync } from 'node:fs';
const T='/work/shared/fixtures-data/sebs-flow-traces/';
for (const f of readdirSync(T).filter(f=>f.endsWith('.csv')).sort()) {
  const wf = readSebsDefinition(`/work/shared/fixtures-data/sebs-flow/${f.split('__')[0]}.definition.json`);
  const g = gapsFromTraceFile(T+f, wf);
  const by: Record<string, number[]> = {};
  for (const o of g.observations) (by[o.kind+(o.cold?'/cold':'/warm')] ??= []).push(o.gapMs);
  console.log(f, g.executions, JSON.stringify(g.skipped));
  for (const [k,v] of Object.entries(by)) { v.sort((a,b)=>a-b); console.log('  ', k, v.length, 'min', v[0]!.toFixed(1), 'p50', v[Math.floor(v.length/2)]!.toFixed(1), 'p90', v[Math.floor(v.length*0.9)]!.toFixed(1), 'max', v.at(-1)!.toFixed(1)); }
}

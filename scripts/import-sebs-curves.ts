// Imports a SeBS 2020 AWS Lambda performance CSV (memory, type, is_cold,
// exec_time µs, connection_time s, client_time µs, provider_time µs, mem_used
// MB) as a dagc profile on x86_64 (SeBS 2020 ran on x86). Duration is the
// platform-reported provider_time. The CSV has no init column, so a cold
// start's init is estimated as its client_time minus the median warm
// client_time at the same size — the extra wall time a client saw — and kept
// only when positive. Fits the amdahl-lognormal model and prints each size's
// warm median next to the fitted one. O(rows log rows).
//   npx tsx scripts/import-sebs-curves.ts <result.csv> <function-name> <out profile.json>
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { amdahlMedianMs, fitDurationModel, median } from '../src/model/fit-duration-model.ts';
import { writeProfile } from '../src/model/profile.ts';
import type { FunctionProfile, MemoryMeasurement } from '../src/model/profile-types.ts';

const [csvFile, functionName, outFile] = process.argv.slice(2);
if (!csvFile || !functionName || !outFile) {
  console.error('usage: npx tsx scripts/import-sebs-curves.ts <result.csv> <function-name> <out profile.json>');
  process.exit(2);
}

interface Row { memoryMb: number; cold: boolean; clientUs: number; providerUs: number; memUsedMb: number }

// No field in these files is quoted or holds a comma, so a plain split is exact.
const [header, ...lines] = readFileSync(csvFile, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
const columns = header!.split(',');
const at = (name: string) => {
  const i = columns.indexOf(name);
  if (i < 0) throw new Error(`${csvFile}: no column ${name}`);
  return i;
};
const [memoryCol, typeCol, clientCol, providerCol, memUsedCol] = ['memory', 'type', 'client_time', 'provider_time', 'mem_used'].map(at);
const rows: Row[] = lines.map((line) => {
  const f = line.split(',');
  return { memoryMb: Number(f[memoryCol!]), cold: f[typeCol!] === 'cold', clientUs: Number(f[clientCol!]), providerUs: Number(f[providerCol!]), memUsedMb: Number(f[memUsedCol!]) };
});

const usToMs = (us: number) => Math.round(us) / 1000;
const measurements: MemoryMeasurement[] = [...new Set(rows.map((r) => r.memoryMb))].sort((a, b) => a - b).map((memoryMb) => {
  const here = rows.filter((r) => r.memoryMb === memoryMb);
  const warm = here.filter((r) => !r.cold);
  const cold = here.filter((r) => r.cold);
  const warmClientMedianUs = median(warm.map((r) => r.clientUs));
  return {
    memoryMb,
    warmDurationsMs: warm.map((r) => usToMs(r.providerUs)),
    coldDurationsMs: cold.map((r) => usToMs(r.providerUs)),
    initDurationsMs: cold.map((r) => r.clientUs - warmClientMedianUs).filter((us) => us > 0).map(usToMs),
    maxMemoryUsedMb: Math.max(...here.map((r) => r.memUsedMb)),
    invocations: here.length,
    errors: 0,
    timeouts: 0,
  };
});

const model = fitDurationModel(measurements);
if (!model) throw new Error(`${csvFile}: no positive durations`);
const profile: FunctionProfile = {
  schemaVersion: 1,
  function: functionName,
  source: {
    kind: 'csv',
    description: `SeBS 2020 AWS Lambda measurements, ${path.basename(csvFile)}: from repository spcl/serverless-benchmarks-artifact, commit 22e8134ca789a54cffd789265303c17d5a0536db, data/performance/aws_perf_cost/<benchmark>/perf-cost/result.csv (research data published with the paper; SeBS is BSD 3-Clause). Duration = provider_time; init = cold client_time minus median warm client_time at the same size, where positive. Cite: M. Copik et al., "SeBS: A Serverless Benchmark Suite for Function-as-a-Service Computing", Middleware 2021.`,
  },
  architectures: { x86_64: { measurements, model } },
};
writeProfile(outFile, profile);

for (const m of measurements) {
  console.log(`${functionName} ${m.memoryMb} MB: warm median ${median(m.warmDurationsMs).toFixed(1)} ms, fitted ${amdahlMedianMs(model, m.memoryMb).toFixed(1)} ms (${m.warmDurationsMs.length} warm, ${m.coldDurationsMs.length} cold, ${m.initDurationsMs.length} inits)`);
}
console.log(`${functionName}: serial ${model.serialMs.toFixed(1)} ms, parallel ${model.parallelMs.toFixed(1)} ms, maxUsefulVcpu ${model.maxUsefulVcpu}, sigma ${model.sigma.toFixed(3)}, init ${model.initMs.toFixed(1)} ms, fit error ${model.fitErrorPct.toFixed(1)} %`);

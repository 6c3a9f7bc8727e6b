// One scale measurement in a fresh process, so its peak RSS is its own:
// generate the workflow (not timed), derive an SLO of 1.5 × the User-Max p95
// of the workflow Step Functions will run — the staged, series-parallel one,
// since the generated DAG is not series-parallel and staging stretches it —
// (not timed), then time one strategy on the user's DAG (restructuring is part
// of dagc's work) and report wall time, peak RSS and whether the emitted
// workflow meets the SLO as JSON on stdout. Usage: tsx bench/scale-child.ts <functions> <strategy>
import { baselineByName } from '../src/baselines/index.ts';
import { toSeriesParallel } from '../src/ir/series-parallelize.ts';
import { userMax } from '../src/baselines/user-max.ts';
import type { Strategy } from '../src/passes/strategy.ts';
import { generateWorkflow, SCALE_SHAPES } from './generate-workflow.ts';
import { loadDagcStrategy, loadEstimator } from './hooks.ts';

const [functionsText, name] = process.argv.slice(2);
const shape = SCALE_SHAPES.find((s) => s.functions === Number(functionsText));
if (!shape || !name) throw new Error('usage: scale-child.ts <1000|10000|20000> <strategy>');
const strategy: Strategy = name === 'dagc' ? (await loadDagcStrategy())!.strategy : baselineByName(name);
const { ir, profiles } = generateWorkflow(shape);
const estimator = await loadEstimator();
const plain = estimator.make(profiles);
const emitted = toSeriesParallel(ir).ir;
const fastest = plain(emitted, userMax({ ir: emitted, profiles, slo: { percentile: 'p95', latencyMs: Infinity }, estimate: plain }).deployment).latencyMs.p95;
const slo = { percentile: 'p95' as const, latencyMs: Math.ceil(fastest * 1.5) };
// Told the SLO, as dagc optimize runs it: close calls draw more samples (src/sim/estimate.ts).
const estimate = estimator.make(profiles, slo);
const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const result = strategy({ ir, profiles, slo, estimate });
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
// Every thread's CPU time (the sampling helper's too): steadier than wall time on a shared host, so a change can be
// compared run to run when other work is on the cores; the target itself is wall time.
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const met = estimate(emitted, result.deployment).latencyMs.p95 <= slo.latencyMs;
// maxRSS is in kilobytes on Linux.
console.log(JSON.stringify({ functions: shape.functions, strategy: name, wallMs, cpuMs, peakRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb, sloMet: met }));

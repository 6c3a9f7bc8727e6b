// bench/fidelity, the trace part: does the estimator predict what real Step
// Functions + Lambda executions measured? For every SeBS-Flow AWS trace in
// data/sebs-flow/traces: the workflow from its SeBS-Flow definition
// (src/calibrate/sebs-flow-ir.ts, map widths from the file's rows per
// execution, the path its executions took), profiles from that file's Lambda
// durations only (src/calibrate/trace-profiles.ts), simulated at the file's
// memory and Standard orchestration, timed as the trace times an execution
// (max(end) − min(start) of its handlers: the first dispatch is not in it).
// Arrivals: the estimator draws cold starts independently at a steady rate;
// each file is simulated at the rate whose cold probability is the file's own
// share of cold invocations (warm files: a few percent; the burst file: all),
// until an arrival model with bursts replaces it.
// Three predictions side by side: with the shipped calibration (fitted from all
// six files), leave-one-out (refitted from the other five with the same rule,
// so the file predicted taught the orchestration model nothing), and the old
// fixed 25 ms per state, for comparison. Ratios are predicted / measured.
// DAGC_FIDELITY_SAMPLES (default 4000) tunes the estimator's samples.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSebsDefinition, type SebsWorkflow } from '../src/calibrate/sebs-flow-definition.ts';
import { sebsWorkflowIr } from '../src/calibrate/sebs-flow-ir.ts';
import { calibrationFromSebsTraces, parseTraceFileName, type CorpusEntry } from '../src/calibrate/sebs-trace-corpus.ts';
import { readTraceFile, type TraceFile } from '../src/calibrate/trace-file.ts';
import { profilesFromTrace } from '../src/calibrate/trace-profiles.ts';
import { currentDeployment } from '../src/ir/deployment.ts';
import { toSeriesParallel } from '../src/ir/series-parallelize.ts';
import { DEFAULT_CALIBRATION, type PlatformCalibration } from '../src/model/calibration.ts';
import { OVERHEADS } from '../src/model/platform.ts';
import { estimate } from '../src/sim/index.ts';
import { formatTable, ratio } from './table.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'data', 'sebs-flow');
const SEED = 1;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** End-to-end latency of each execution as the trace measures it: max(end) − min(start), ms, sorted. */
function measuredLatenciesMs(trace: TraceFile): number[] {
  const span = new Map<string, [number, number]>();
  for (const row of trace.invocations) {
    const s = span.get(row.requestId);
    if (!s) span.set(row.requestId, [row.startS, row.endS]);
    else span.set(row.requestId, [Math.min(s[0], row.startS), Math.max(s[1], row.endS)]);
  }
  return [...span.values()].map(([start, end]) => (end - start) * 1000).sort((a, b) => a - b);
}

/** Rows per execution of each function, the median over executions: a map's width. */
function widthsByFunction(trace: TraceFile): Map<string, number> {
  const counts = new Map<string, Map<string, number>>();
  for (const row of trace.invocations) {
    let perExecution = counts.get(row.func);
    if (!perExecution) counts.set(row.func, (perExecution = new Map()));
    perExecution.set(row.requestId, (perExecution.get(row.requestId) ?? 0) + 1);
  }
  const widths = new Map<string, number>();
  for (const [func, perExecution] of counts) widths.set(func, quantile([...perExecution.values()].sort((a, b) => a - b), 0.5));
  return widths;
}

/** State name → width, for the map and loop states of a workflow; and the task states that never ran (they failed). */
function shapeFromTrace(workflow: SebsWorkflow, trace: TraceFile): { widths: Record<string, number>; failed: Set<string> } {
  const byFunction = widthsByFunction(trace);
  const widths: Record<string, number> = {};
  const failed = new Set<string>();
  const walk = (chain: SebsWorkflow['chain']): void => {
    for (const state of chain) {
      if (state.kind === 'task' && !byFunction.has(state.functionName) && state.onFailure) failed.add(state.name);
      if (state.kind === 'loop') widths[state.name] = byFunction.get(state.functionName) ?? 1;
      if (state.kind === 'map') {
        const body = state.body[0];
        if (body?.kind === 'task') widths[state.name] = byFunction.get(body.functionName) ?? 1;
      }
      if (state.kind === 'parallel') state.branches.forEach(walk);
      if (state.onFailure) walk(state.onFailure);
    }
  };
  walk(workflow.chain);
  return { widths, failed };
}

/** The steady arrival rate whose cold probability exp(−λT) is the trace's share of cold invocations. */
function executionsPerHourFor(trace: TraceFile): { executionsPerHour: number; coldShare: number } {
  const coldShare = trace.invocations.filter((r) => r.cold).length / trace.invocations.length;
  if (coldShare <= 0) return { executionsPerHour: 1e9, coldShare };
  if (coldShare >= 1) return { executionsPerHour: 1e-6, coldShare };
  return { executionsPerHour: (-Math.log(coldShare) * 3_600_000) / OVERHEADS.idleEnvironmentLifetimeMs, coldShare };
}

function constantCalibration(ms: number): PlatformCalibration {
  const c = { shiftMs: ms, medianMs: 0, sigma: 0, source: `fixed ${ms} ms (the model before issue 23)`, observations: 0 };
  const zero = { ...c, shiftMs: 0 };
  return { version: 1, source: c.source, orchestration: { taskDispatch: { standard: { warm: c, cold: c }, express: { warm: c, cold: c } }, mapIterationStart: { standard: zero, express: zero }, parallelBranchStart: { standard: zero, express: zero } } };
}

export async function fidelityTraces(): Promise<string> {
  const samples = Number(process.env.DAGC_FIDELITY_SAMPLES ?? 4000);
  const files = readdirSync(path.join(dataDir, 'traces')).filter((f) => f.endsWith('.csv')).sort();
  const corpus: CorpusEntry[] = files.map((f) => {
    const name = parseTraceFileName(f)!;
    return { file: path.join(dataDir, 'traces', f), workflow: readSebsDefinition(path.join(dataDir, 'definitions', `${name.benchmark}.definition.json`)), mode: name.mode };
  });
  const rows: Array<Array<string | number>> = [];
  for (const entry of corpus) {
    const name = parseTraceFileName(entry.file)!;
    const trace = readTraceFile(entry.file, path.basename(entry.file));
    const { widths, failed } = shapeFromTrace(entry.workflow, trace);
    const ir = toSeriesParallel(sebsWorkflowIr(entry.workflow, { memoryMb: name.memoryMb, widths, failedStates: failed })).ir;
    const profiles = profilesFromTrace(trace, name.memoryMb);
    const deployment = currentDeployment(ir);
    const { executionsPerHour, coldShare } = executionsPerHourFor(trace);
    const predict = (calibration: PlatformCalibration) =>
      estimate(ir, deployment, profiles, { samples, seed: SEED, executionsPerHour, calibration, timedFrom: 'first-handler-start', threads: 1 }).latencyMs;
    const measured = measuredLatenciesMs(trace);
    const shipped = predict(DEFAULT_CALIBRATION);
    const leftOut = predict(calibrationFromSebsTraces(corpus.filter((e) => e !== entry)));
    const old = predict(constantCalibration(25));
    const m50 = quantile(measured, 0.5);
    const m95 = quantile(measured, 0.95);
    const m99 = quantile(measured, 0.99);
    rows.push([
      path.basename(entry.file).replace(/\.csv$/, ''),
      measured.length,
      `${Math.round(coldShare * 100)} %`,
      Math.round(m50),
      Math.round(m95),
      Math.round(m99),
      Math.round(shipped.p50),
      Math.round(shipped.p95),
      Math.round(shipped.p99),
      ratio(shipped.p50 / m50),
      ratio(shipped.p95 / m95),
      ratio(shipped.p99 / m99),
      ratio(leftOut.p50 / m50),
      ratio(leftOut.p95 / m95),
      ratio(old.p50 / m50),
      ratio(old.p95 / m95),
    ]);
  }
  const table = formatTable(
    ['trace', 'executions', 'cold', 'measured p50 ms', 'p95', 'p99', 'predicted p50 ms', 'p95', 'p99', 'ratio p50', 'p95', 'p99', 'leave-one-out p50', 'p95', 'fixed 25 ms p50', 'p95'],
    rows,
  );
  const text = [
    `fidelity (traces): SeBS-Flow AWS executions vs the estimator (${samples} samples, seed ${SEED}); ratios are predicted / measured, target 0.9–1.1 at p50 and p95`,
    table,
    'Measured: max(end) − min(start) per execution (the first dispatch is outside it; the estimator is timed the same way). Profiles from each file\'s own Lambda durations; cold starts at the file\'s share of cold invocations, drawn independently (no burst model yet).',
    'trip-booking: every execution fails at confirm, which has no row; the simulated path skips it (its dispatch, duration and the Catch are missing from the prediction).',
  ].join('\n');
  return text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await fidelityTraces();
  console.log(text);
  const out = path.join(root, 'bench', 'results', `fidelity-traces-${new Date().toISOString().slice(0, 10)}.txt`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${text}\n`);
  console.log(`saved ${path.relative(root, out)}`);
}

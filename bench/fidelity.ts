// bench/fidelity, the emulator part: does the estimator predict what a plan
// really does when it runs? For a few fixtures it runs the committed plan
// locally (aws-local-stepfunctions + the Lambda emulator at the default CPU
// limit, which is how the fixtures' profiles were measured + s3rver) N times
// after one warm-up run, takes the p50/p95 of the execution's duration
// (ExecutionStarted → ExecutionSucceeded in the history), and prints them beside
// `dagc simulate`'s prediction for the same deployment and profiles, with the
// ratio. Runs are warm after the first (same emulator, same names), so the
// prediction is taken at a traffic where environments stay warm.
//
// Input: events/profile-input.json where the fixture has one, since the
// profiles were measured on the events it produces (input.json is smaller).
// What the local run cannot reproduce: Step Functions' own per-transition
// latency (the calibration's Task dispatch, ~150 ms warm on AWS, per hop; the local
// interpreter's hops take about a millisecond), network latency to S3 (s3rver
// on loopback) and a 2-core host shared by parallel branches and other jobs.
// DAGC_FIDELITY_RUNS (default 10) and DAGC_FIDELITY_APPS (comma list) tune it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlannedApp } from '../src/codegen/plan-deployment.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { toSeriesParallel } from '../src/ir/series-parallelize.ts';
import { readProfiles } from '../src/model/profile.ts';
import { startLocalS3 } from '../src/runtime/local/local-s3.ts';
import { runPlanLocally } from '../src/runtime/local/run-plan-locally.ts';
import { estimate } from '../src/sim/index.ts';
import { formatTable, ratio } from './table.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_APPS = ['sebs-excamera', 'mapreduce', 'video'];
/** Enough traffic that the estimator's environments are warm, as the local runs after the first are. */
const WARM_EXECUTIONS_PER_HOUR = 3600;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export async function fidelity(): Promise<string> {
  const runs = Number(process.env.DAGC_FIDELITY_RUNS ?? 10);
  const apps = process.env.DAGC_FIDELITY_APPS?.split(',') ?? DEFAULT_APPS;
  const emulator = await startEmulator({ port: 0 });
  const s3 = await startLocalS3('dagc-fidelity');
  const rows: Array<Array<string | number>> = [];
  try {
    for (const app of apps) {
      const planDir = path.join(root, 'plans', app);
      // The profiles were measured on events captured from profile-input.json (docs/handler-contract.md), a larger input than the tests' input.json: run on the input they represent.
      const events = path.join(root, 'fixtures', app, 'events');
      const inputFile = existsSync(path.join(events, 'profile-input.json')) ? 'profile-input.json' : 'input.json';
      const input = JSON.parse(readFileSync(path.join(events, inputFile), 'utf8')) as unknown;
      const durations: number[] = [];
      let cold = 0;
      for (let i = 0; i <= runs; i += 1) {
        const result = await runPlanLocally(planDir, { input, seed: i, emulator, s3, namespace: 'fid-' });
        const history = result.history.events;
        const ms = Date.parse(history.at(-1)!.timestamp) - Date.parse(history[0]!.timestamp);
        if (i === 0) continue; // the warm-up run: every environment cold
        durations.push(ms);
        cold += result.coldStarts;
      }
      durations.sort((a, b) => a - b);
      const { ir, deployment, plan } = loadPlannedApp(planDir);
      const { profiles } = readProfiles(ir);
      const predicted = estimate(toSeriesParallel(ir).ir, deployment, profiles, { samples: plan.estimator.samples, seed: plan.estimator.seed, executionsPerHour: WARM_EXECUTIONS_PER_HOUR });
      const p95 = quantile(durations, 0.95);
      rows.push([`${app} (${inputFile})`, runs, cold, Math.round(quantile(durations, 0.5)), Math.round(p95), Math.round(predicted.latencyMs.p50), Math.round(predicted.latencyMs.p95), ratio(p95 / predicted.latencyMs.p95)]);
    }
  } finally {
    await emulator.close();
    await s3.close();
  }
  return [
    `fidelity (emulator): committed plans run locally ${runs}× after one warm-up run vs the estimator (warm traffic, ${WARM_EXECUTIONS_PER_HOUR}/h)`,
    formatTable(['app', 'runs', 'cold starts', 'local p50 ms', 'local p95 ms', 'predicted p50 ms', 'predicted p95 ms', 'local/predicted p95'], rows),
    'The local interpreter has no Step Functions transition latency (the estimator draws the AWS-measured Task dispatch of the calibration per hop, ~150 ms warm) and S3 is on loopback; parallel branches and map items share 2 host cores.',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) console.log(await fidelity());

// The structural ablation (issue 21): for every fixture at its SLO and at a
// sweep of SLOs, dagc with its decisions switched on one at a time — sizing
// only, + orchestration (Standard/Express), + fusion, + bundling, + map mode
// (Inline/Distributed), + prewarming, all — and the best sizing-only
// strategy (dagc's own frontier with every structural decision off, greedy
// on the critical path, Llama's slack, Power Tuning): cost per million
// executions and p95 of each, and the ratio of "all" to the best sizing-only
// plan. The summary also shows where each of the two plans' money goes
// (Lambda compute, requests, Step Functions, S3, Batch): what no structural
// option can remove. Every strategy searches as `dagc optimize` does
// (bench/verdict.ts searchLikeOptimize: its estimator, told the SLO, so close
// calls draw more; searched again on more samples when the plan misses out of sample).
// Every verdict (meets the SLO, cost, p95) comes from an estimate with
// a seed and sample count independent of the one the optimizer searched with
// (out of sample). Also: the p95 and cost over bundle sizes of one map
// (WiseFuse's U) and WiseFuse's fixed bundle of 6 against dagc's choice.
// Run: npx tsx bench/ablation.ts [app ...]
// Each row is also written to stderr as a JSON line when it is measured, so a
// run stopped by a time limit keeps what it finished.
import type { Deployment } from '../src/ir/deployment.ts';
import type { IR, Slo } from '../src/ir/types.ts';
import type { FunctionProfile } from '../src/model/profile-types.ts';
import { ALL_DECISIONS, type StructuralConfig } from '../src/passes/pipeline.ts';
import { estimate } from '../src/sim/estimate.ts';
import { fixtureApps } from './apps.ts';
import { formatTable, ratio } from './table.ts';
import { SEARCH, SEARCH_LABEL, VERDICT, searchEstimate, searchLikeOptimize, verdict as sharedVerdict } from './verdict.ts';

export { SEARCH, SEARCH_LABEL, VERDICT, searchEstimate };
interface Plan {
  ir: IR;
  deployment: Deployment;
}
const SLO_FACTORS = [1, 1.5, 3];
const OFF: StructuralConfig = { orchestration: false, fusion: false, bundling: false, distributedMaps: false, prewarm: false };
const STEPS: Array<[string, StructuralConfig]> = [
  ['sizing only', OFF],
  ['+ orchestration', { ...OFF, orchestration: true }],
  ['+ fusion', { ...OFF, fusion: true }],
  ['+ bundling', { ...OFF, bundling: true }],
  ['+ map mode', { ...OFF, distributedMaps: true }],
  ['+ prewarm', { ...OFF, prewarm: true }],
  ['all', ALL_DECISIONS],
];
const SIZING_BASELINES = ['greedy-critical-path', 'llama-slack', 'power-tuning', 'user-max'];

export interface Verdict {
  costPerMillionUsd: number;
  p95Ms: number;
  meets: boolean;
}

/** The shared out-of-sample verdict (bench/verdict.ts), in this table's units. */
export function verdict(ir: IR, deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>, slo: Slo, samples?: number): Verdict {
  const v = sharedVerdict(ir, deployment, profiles, slo, samples);
  return { costPerMillionUsd: v.costUsd * 1e6, p95Ms: v.latencyMs, meets: v.meets };
}

/** Where a plan's money goes per 1M executions, on the verdict's draws: compute / requests / Step Functions / S3 (/ Batch). */
function bill(ir: IR, deployment: Deployment, profiles: ReadonlyMap<string, FunctionProfile>): string {
  const b = estimate(ir, deployment, profiles, VERDICT).breakdown;
  const parts: Array<[string, number]> = [['λ', b.lambdaComputeUsd], ['req', b.lambdaRequestsUsd], ['sfn', b.stepFunctionsUsd], ['s3', b.s3Usd], ['pc', b.provisionedConcurrencyUsd], ['batch', b.batchUsd ?? 0]];
  return parts.filter(([, usd]) => usd > 0).map(([name, usd]) => `${name} ${(usd * 1e6).toFixed(2)}`).join(' / ');
}

export async function ablation(only: string[] = []): Promise<string> {
  const rows: Array<Array<string | number>> = [];
  const summary: Array<Array<string | number>> = [];
  const strategiesRows: Array<Array<string | number>> = [];
  for (const app of fixtureApps()) {
    if (only.length > 0 && !only.includes(app.name)) continue;
    const baseSlo = app.ir.slo!;
    for (const factor of SLO_FACTORS) {
      const slo: Slo = { percentile: baseSlo.percentile, latencyMs: baseSlo.latencyMs * factor };
      const results = new Map<string, Verdict>();
      const plans = new Map<string, Plan>();
      for (const [label, decisions] of STEPS) {
        const started = Date.now();
        const { result: r, searches, verdictSamples } = searchLikeOptimize(app.ir, app.profiles, slo, { decisions });
        const v = verdict(r.ir, r.deployment, app.profiles, slo, verdictSamples);
        results.set(label, v);
        rows.push([app.name, factor, label, v.costPerMillionUsd.toFixed(2), Math.round(v.p95Ms), v.meets ? 'yes' : 'NO', r.deployment.orchestration, Object.keys(r.deployment.groups ?? {}).length, Object.values(r.deployment.steps).filter((s) => (s.bundleSize ?? 1) > 1).length, r.estimates, searches, Date.now() - started]);
        process.stderr.write(`${JSON.stringify({ row: rows.at(-1) })}\n`);
        plans.set(label, { ir: r.ir, deployment: r.deployment });
      }
      let bestSizing: { name: string; v: Verdict; plan: Plan } | undefined;
      const strategies: string[] = [];
      for (const name of SIZING_BASELINES) {
        try {
          const { result: r, verdictSamples } = searchLikeOptimize(app.ir, app.profiles, slo, { strategy: name });
          const v = verdict(r.ir, r.deployment, app.profiles, slo, verdictSamples);
          strategies.push(`${v.costPerMillionUsd.toFixed(2)}${v.meets ? '' : ' MISS'}`);
          if (v.meets && (!bestSizing || v.costPerMillionUsd < bestSizing.v.costPerMillionUsd)) bestSizing = { name, v, plan: { ir: r.ir, deployment: r.deployment } };
        } catch {
          // A baseline that cannot size this app (e.g. none of its options fit) is not a contender.
          strategies.push('—');
        }
      }
      const own = results.get('sizing only')!;
      if (own.meets && (!bestSizing || own.costPerMillionUsd < bestSizing.v.costPerMillionUsd)) bestSizing = { name: 'dagc sizing only', v: own, plan: plans.get('sizing only')! };
      const all = results.get('all')!;
      const allPlan = plans.get('all')!;
      summary.push([
        app.name,
        factor,
        bestSizing ? `${bestSizing.name} ${bestSizing.v.costPerMillionUsd.toFixed(2)}` : 'none meets',
        `${own.costPerMillionUsd.toFixed(2)}${own.meets ? '' : ' MISS'}`,
        all.meets ? all.costPerMillionUsd.toFixed(2) : 'misses',
        bestSizing && all.meets ? ratio(all.costPerMillionUsd / bestSizing.v.costPerMillionUsd) : '—',
        bestSizing && all.meets ? `${((1 - all.costPerMillionUsd / bestSizing.v.costPerMillionUsd) * 100).toFixed(1)} %` : '—',
        bestSizing ? bill(bestSizing.plan.ir, bestSizing.plan.deployment, app.profiles) : '—',
        bill(allPlan.ir, allPlan.deployment, app.profiles),
      ]);
      strategiesRows.push([app.name, factor, ...strategies]);
      process.stderr.write(`${JSON.stringify({ summary: summary.at(-1), strategies: strategiesRows.at(-1) })}\n`);
    }
  }
  return [
    `Ablation: cost per 1M executions and p95 (out-of-sample estimate: seed ${VERDICT.seed}, ${VERDICT.samples} samples, or twice the draws that decided the plan when more) per decision switched on alone; searched with ${SEARCH_LABEL}, and searched again on 4× the samples (up to twice) when its plan misses on independent draws, as \`dagc optimize\` does (searches: how many ran; estimates: the last one's)`,
    formatTable(['app', 'slo×', 'decisions', '$/1M', 'p95 ms', 'meets', 'orchestration', 'groups', 'bundled maps', 'estimates', 'searches', 'ms'], rows),
    '',
    'All decisions against the best sizing-only strategy at the same SLO (both meeting it out of sample); bills per 1M: λ compute / req(uests) / sfn (Step Functions) / s3 / pc (provisioned concurrency) / batch',
    formatTable(['app', 'slo×', 'best sizing-only $/1M', 'dagc sizing only $/1M', 'all $/1M', 'all / best', 'saving', 'best sizing-only bill', 'all bill'], summary),
    '',
    'The sizing-only strategies, each through the same pipeline ($/1M out of sample; MISS: misses the SLO)',
    formatTable(['app', 'slo×', ...SIZING_BASELINES], strategiesRows),
    '',
    bundleSweep(),
  ].join('\n');
}

/**
 * WiseFuse's U: the encode map's p95 and cost over its bundle size with the rest of dagc's plan fixed, at
 * dagc's chosen memory and at 10,240 MB (5 workers: small bundles run their items side by side and start
 * fewer environments, large ones stack items up), at steady and at rare traffic; WiseFuse's fixed b = 6
 * against dagc's pick.
 */
function bundleSweep(): string {
  const app = fixtureApps().find((a) => a.name === 'video');
  if (!app) return '';
  const slo = app.ir.slo!;
  const { result: r } = searchLikeOptimize(app.ir, app.profiles, slo);
  const fn = 'encode';
  const chosenMb = r.deployment.functions[fn]!.memoryMb;
  const rows: Array<Array<string | number>> = [];
  for (const memoryMb of [chosenMb, 10_240]) {
    for (const traffic of [60, 2]) {
      for (const b of [1, 2, 3, 4, 6, 8, 16]) {
        const d: Deployment = { ...r.deployment, functions: { ...r.deployment.functions, [fn]: { ...r.deployment.functions[fn]!, memoryMb } }, steps: { ...r.deployment.steps, encode: { ...r.deployment.steps['encode'], bundleSize: b } } };
        const e = estimate(r.ir, d, app.profiles, { ...VERDICT, executionsPerHour: traffic });
        const mark = [memoryMb === chosenMb && b === (r.deployment.steps['encode']?.bundleSize ?? 1) ? 'dagc' : '', b === 6 ? 'WiseFuse' : ''].filter((m) => m).join(', ');
        rows.push([memoryMb, traffic, b, Math.round(e.latencyMs.p95), (e.costUsd * 1e6).toFixed(2), mark]);
      }
    }
  }
  return ["video: the encode map (16 items) over bundle size, the rest of dagc's plan fixed", formatTable(['encode MB', 'exec/h', 'bundle', 'p95 ms', '$/1M', ''], rows)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await ablation(process.argv.slice(2)));

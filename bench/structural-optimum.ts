// dagc against the exhaustive structural optimum (issue 21; Konflux's
// approach): per app small enough to enumerate (≤ 8 Lambda functions) and a
// sweep of SLOs, dagc's plan and the exhaustive-structural strategy's plan
// (src/baselines/exhaustive-structural.ts: orchestration × every expressible
// fusion partition × map bundle/mode × memory per Lambda) through the same
// pipeline, searched with the same estimator: `dagc optimize`'s (seed 1,
// 2,000 samples, told the SLO so close calls draw more; bench/verdict.ts). Each
// plan's verdict — meets the SLO, cost — comes from an independent estimate
// (seed 90210, 4,000 samples: bench/ablation.ts's helper); the in-sample
// ratio (what both searched with) is shown too, since the optimum is exact
// only there. Estimates: whole-run counts of each optimize() (the session's
// estimator calls, probes included), beside the size of the space the
// enumeration covers. The synthetic apps (bench/apps.ts) are included,
// labelled: they have chains and a parallel pair to fuse, which the fixtures
// mostly do not.
// Run: npx tsx bench/structural-optimum.ts [app ...] [--factors=1,1.5]
// Each row is also written to stderr as a JSON line when it is measured (with
// the search's numbers: its cost floor's terms, partitions and options the
// floor cut), so a run stopped by a time limit keeps what it finished.
// "bound/cost at opt": the search's cost bound at the optimum over its cost
// (1 = the bound is exact there; far below 1, it prunes little).
import { baselineByName } from '../src/baselines/index.ts';
import { EXHAUSTIVE_MAX_FUNCTIONS } from '../src/baselines/exhaustive.ts';
import { EXHAUSTIVE_MAX_PARTITIONS, EXHAUSTIVE_STRUCTURAL } from '../src/baselines/exhaustive-structural.ts';
import { countFusionPartitions } from '../src/baselines/fusion-partitions.ts';
import { USER_MAX } from '../src/baselines/user-max.ts';
import type { Deployment } from '../src/ir/deployment.ts';
import { toSeriesParallel } from '../src/ir/series-parallelize.ts';
import type { Slo } from '../src/ir/types.ts';
import { optimize, type OptimizationResult } from '../src/passes/optimize.ts';
import { monteCarloEstimateFn } from '../src/sim/estimate.ts';
import { SEARCH, SEARCH_LABEL, VERDICT, searchEstimate, verdict } from './ablation.ts';
import { fixtureApps, syntheticApps, type BenchApp } from './apps.ts';
import { formatTable, ratio } from './table.ts';

const SLO_FACTORS = [0.8, 1, 1.5, 3];
/** An app without an SLO of its own (the synthetic ones) gets this × its User-Max p95. */
const SYNTHETIC_SLO_OVER_USER_MAX = 1.25;

export async function structuralOptimum(only: string[] = [], factors: readonly number[] = SLO_FACTORS): Promise<string> {
  const rows: Array<Array<string | number>> = [];
  const notes: string[] = [];
  const apps = [...fixtureApps(), ...syntheticApps()].filter((a) => only.length === 0 || only.includes(a.name));
  for (const app of apps) {
    const lambdas = [...app.ir.functions.values()].filter((f) => !f.accelerator).length;
    if (lambdas > EXHAUSTIVE_MAX_FUNCTIONS) {
      notes.push(`${app.name}: ${lambdas} Lambda functions, more than the enumeration takes (${EXHAUSTIVE_MAX_FUNCTIONS}): skipped`);
      continue;
    }
    // Counted, never listed: a reduction tree's partitions multiply subtree by subtree (tree-reduction: 5.2·10^16).
    const staged = toSeriesParallel(app.ir);
    const fusible = (step: string) => {
      const node = staged.ir.graph.node(step);
      return node.kind === 'task' && !staged.ir.functions.get(node.functionName)?.accelerator;
    };
    const partitions = countFusionPartitions(staged.tree, fusible, staged.ir.graph);
    if (partitions > EXHAUSTIVE_MAX_PARTITIONS) {
      notes.push(`${app.name}: ${partitions.toPrecision(3)} fusion partitions, more than the enumeration takes (${EXHAUSTIVE_MAX_PARTITIONS}; each is a branch and bound of its own): skipped`);
      continue;
    }
    const baseSlo = app.ir.slo ?? { percentile: 'p95' as const, latencyMs: Math.ceil(SYNTHETIC_SLO_OVER_USER_MAX * userMaxP95(app)) };
    for (const factor of factors) {
      const slo: Slo = { percentile: baseSlo.percentile, latencyMs: Math.round(baseSlo.latencyMs * factor) };
      const started = Date.now();
      const dagc = optimize(app.ir, app.profiles, { slo, estimate: searchEstimate(app.ir, app.profiles, slo), estimateToday: false });
      const dagcMs = Date.now() - started;
      let optimum: OptimizationResult;
      const optStarted = Date.now();
      try {
        optimum = optimize(app.ir, app.profiles, { slo, estimate: searchEstimate(app.ir, app.profiles, slo), estimateToday: false, strategy: EXHAUSTIVE_STRUCTURAL });
      } catch (error) {
        notes.push(`${app.name} at ${slo.latencyMs} ms: the enumeration stopped: ${(error as Error).message}`);
        continue;
      }
      const optMs = Date.now() - optStarted;
      const search = optimum.decisions.find((d) => d.pass === EXHAUSTIVE_STRUCTURAL)!;
      const d = verdict(dagc.ir, dagc.deployment, app.profiles, slo);
      const o = verdict(optimum.ir, optimum.deployment, app.profiles, slo);
      const inSample = dagc.meetsSlo && optimum.meetsSlo ? ratio(dagc.summary.costUsd / optimum.summary.costUsd) : '—';
      rows.push([
        `${app.name}${app.synthetic ? ' (synthetic)' : ''}`,
        factor,
        slo.latencyMs,
        `${d.costPerMillionUsd.toFixed(2)}${d.meets ? '' : ' MISS'}`,
        `${o.costPerMillionUsd.toFixed(2)}${o.meets ? '' : ' MISS'}`,
        d.meets && o.meets ? ratio(d.costPerMillionUsd / o.costPerMillionUsd) : '—',
        inSample,
        dagc.estimates,
        optimum.estimates,
        search.numbers['spaceSize'] ?? 0,
        search.numbers['minTrueOverBound'] ?? 0,
        search.numbers['boundOverCostAtOptimum'] ?? '—',
        shape(dagc.deployment),
        shape(optimum.deployment),
        `${dagcMs} / ${optMs}`,
      ]);
      process.stderr.write(`${JSON.stringify({ row: rows.at(-1), optimum: search.chosen, search: search.numbers })}\n`);
      if (search.kind === 'passed') notes.push(`${app.name} at ${slo.latencyMs} ms, optimum: ${search.chosen.replace('cheapest plan meeting the SLO: ', '')}`);
    }
  }
  return [
    `dagc against the exhaustive structural optimum: $/1M and SLO verdicts out of sample (seed ${VERDICT.seed}, ${VERDICT.samples} samples); both searched in sample with ${SEARCH_LABEL}`,
    formatTable(['app', 'slo×', 'SLO ms', 'dagc $/1M', 'optimum $/1M', 'dagc/opt', 'dagc/opt in sample', 'dagc estimates', 'optimum estimates', 'space (plans)', 'min cost/bound', 'bound/cost at opt', 'dagc plan', 'optimum plan', 'ms dagc / opt'], rows),
    '',
    ...notes,
  ].join('\n');
}

function userMaxP95(app: BenchApp): number {
  const ir = toSeriesParallel(app.ir).ir;
  const estimate = monteCarloEstimateFn(app.profiles, SEARCH);
  const slo: Slo = { percentile: 'p95', latencyMs: Infinity };
  return estimate(ir, baselineByName(USER_MAX)({ ir, profiles: app.profiles, slo, estimate }).deployment).latencyMs.p95;
}

/** Orchestration, groups, bundled and Distributed maps of a plan, in a few characters. */
function shape(d: Deployment): string {
  const groups = Object.values(d.groups ?? {}).map((g) => `{${g.steps.join('+')}}`);
  const bundles = Object.entries(d.steps).filter(([, s]) => (s.bundleSize ?? 1) > 1).map(([id, s]) => `${id}×${s.bundleSize}`);
  const distributed = Object.entries(d.steps).filter(([, s]) => s.map?.mode === 'distributed').map(([id]) => `${id}:dist`);
  return [d.orchestration, ...groups, ...bundles, ...distributed].join(' ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const factors = args.find((a) => a.startsWith('--factors='))?.slice('--factors='.length).split(',').map(Number);
  console.log(await structuralOptimum(args.filter((a) => !a.startsWith('--')), factors ?? SLO_FACTORS));
}

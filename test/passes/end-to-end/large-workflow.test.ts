import assert from 'node:assert/strict';
import { userMax } from '../../../src/baselines/user-max.ts';
import { toSeriesParallel } from '../../../src/ir/series-parallelize.ts';
import { JOIN_PREFIX } from '../../../src/ir/types.ts';
import { verify } from '../../../src/ir/verify.ts';
import { MAX_FUNCTION_DECISIONS } from '../../../src/passes/memory-sizing.ts';
import { PILOT_MARGIN } from '../../../src/passes/frontier-sizing.ts';
import type { Deployment } from '../../../src/ir/deployment.ts';
import type { IR } from '../../../src/ir/types.ts';
import type { EstimateFn, EstimateSummary } from '../../../src/passes/estimator-port.ts';
import { optimize } from '../../../src/passes/optimize.ts';
import { closedFormEstimator } from '../../helpers/closed-form-estimator.ts';
import { irOf } from '../../helpers/ir-builder.ts';
import { profileOf } from '../../helpers/profile-builder.ts';

/** A wide, shallow, non-series-parallel workflow: `levels` levels of `width` steps, each needing two steps of the level before. */
function wideWorkflow(levels: number, width: number) {
  const needs: Record<string, string[]> = { root: [] };
  for (let l = 0; l < levels; l += 1) {
    for (let i = 0; i < width; i += 1) needs[`s${l}_${i}`] = l === 0 ? ['root'] : [`s${l - 1}_${i}`, `s${l - 1}_${(i * 7 + 3) % width}`];
  }
  const ir = irOf(needs);
  const profiles = new Map(Object.keys(needs).map((id, k) => [id, profileOf(id, { x86_64: { serialMs: 20 + (k % 13) * 7, parallelMs: 200 + (k % 29) * 40, maxUsefulVcpu: 2 } })]));
  return { ir, profiles };
}

describe('dagc optimize on a large workflow', () => {
  it('stages it with joins, keeps the decision log bounded, and sizes every function', () => {
    const { ir, profiles } = wideWorkflow(3, 250);
    const functions = ir.functions.size;
    assert.ok(functions > MAX_FUNCTION_DECISIONS);
    const estimate = closedFormEstimator(profiles);
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 60_000 }, estimate, estimateToday: false });
    assert.deepEqual(verify(result.ir), []);
    assert.equal(result.joins.length, 3);
    assert.ok(result.joins.every((j) => j.id.startsWith(JOIN_PREFIX)));
    assert.ok(result.ir.graph.edgeCount() <= 2 * functions, `${result.ir.graph.edgeCount()} edges`);
    assert.ok(result.decisions.length < 60, `${result.decisions.length} decisions for ${functions} functions`);
    const summary = result.decisions.find((d) => d.pass === 'memory-sizing' && d.numbers['functions'] === functions);
    assert.ok(summary, 'one summary entry for the per-function choices');
    assert.equal(Object.keys(result.deployment.functions).length, functions);
    assert.ok(result.meetsSlo);
  });

  it('spends one whole-workflow estimate on a large workflow whose SLO even the fastest plan misses', () => {
    const { ir, profiles } = wideWorkflow(6, 1000);
    const estimate = closedFormEstimator(profiles);
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: 50 }, estimate, estimateToday: false });
    assert.equal(result.meetsSlo, false);
    assert.equal(estimate.calls(), 1);
    assert.ok(result.fastest);
    // The plan kept is the fastest one: no slower than every function at its largest memory.
    const largest = userMax({ ir, profiles, slo: { percentile: 'p95', latencyMs: 50 }, estimate }).deployment;
    assert.ok(result.summary.latencyMs.p95 <= estimate(result.ir, largest).latencyMs.p95 + 1e-9);
    assert.ok(result.decisions.some((d) => d.pass === 'memory-sizing' && d.chosen.startsWith('large workflow')));
  });

  it('spends no polish estimate on a large workflow, and a second check only where the calibrated surrogate expects a cheaper plan to meet', () => {
    const { ir, profiles } = wideWorkflow(6, 1000);
    const estimate = closedFormEstimator(profiles);
    const fastest = estimate(toSeriesParallel(ir).ir, userMax({ ir, profiles, slo: { percentile: 'p95', latencyMs: Infinity }, estimate }).deployment).latencyMs.p95;
    const calls = estimate.calls();
    const result = optimize(ir, profiles, { slo: { percentile: 'p95', latencyMs: fastest * 1.3 }, estimate, estimateToday: false });
    assert.ok(result.meetsSlo);
    const polish = result.decisions.find((d) => d.pass === 'memory-sizing' && d.chosen === 'frontier, then polish');
    assert.ok(polish);
    assert.equal(polish.numbers['polishEstimates'], 0);
    const checks = result.decisions.filter((d) => d.pass === 'memory-sizing' && d.chosen.startsWith('candidate'));
    assert.ok(checks.length >= 1 && checks.length <= 2, `${checks.length} checks`);
    assert.equal(estimate.calls() - calls, checks.length);
    if (checks.length === 2) {
      // The second point was checked because the first one's estimate / surrogate ratio put it within the SLO.
      const [first, second] = checks as [(typeof checks)[0], (typeof checks)[0]];
      const ratio = first.numbers['estimatedLatencyMs']! / first.numbers['surrogateLatencyMs']!;
      assert.ok(second.numbers['surrogateLatencyMs']! * ratio <= fastest * 1.3 * (1 + 1e-9));
    }
  });

  /**
   * The closed form plus a constant the optimizer's own closed forms do not know of (as the Monte Carlo
   * estimator's dispatch tails and cold branches are unknown to the leaves): the surrogate under-states every
   * plan by exactly gapMs. withPilot adds the pilot port, answering with the same numbers.
   */
  function understatedEstimator(profiles: Parameters<typeof closedFormEstimator>[0], gapMs: number, withPilot: boolean) {
    const inner = closedFormEstimator(profiles);
    let full = 0;
    let pilots = 0;
    const shifted = (ir: IR, deployment: Deployment): EstimateSummary => {
      const s = inner(ir, deployment);
      const l = s.latencyMs;
      return { ...s, latencyMs: { p50: l.p50 + gapMs, p90: l.p90 + gapMs, p95: l.p95 + gapMs, p99: l.p99 + gapMs, max: l.max + gapMs } };
    };
    const estimate: EstimateFn = (ir, deployment) => {
      full += 1;
      return shifted(ir, deployment);
    };
    estimate.calibration = inner.calibration!;
    if (withPilot) {
      estimate.pilot = (ir, deployment) => {
        pilots += 1;
        return shifted(ir, deployment);
      };
    }
    return { estimate, full: () => full, pilots: () => pilots };
  }

  it('places a large workflow\'s search with a pilot estimate of the surrogate\'s pick, so that its first whole-workflow check meets the SLO', () => {
    const { ir, profiles } = wideWorkflow(6, 1000);
    const plain = closedFormEstimator(profiles);
    const fastestMs = plain(toSeriesParallel(ir).ir, userMax({ ir, profiles, slo: { percentile: 'p95', latencyMs: Infinity }, estimate: plain }).deployment).latencyMs.p95;
    const slo = { percentile: 'p95' as const, latencyMs: Math.round(1.3 * fastestMs) };
    // The surrogate's pick and what the closed form makes of it; the hidden gap then puts that pick 5 % over the SLO.
    const exact = optimize(ir, profiles, { slo, estimate: closedFormEstimator(profiles), estimateToday: false });
    const pickMs = exact.decisions.find((d) => d.pass === 'memory-sizing' && d.chosen.startsWith('candidate'))!.numbers['estimatedLatencyMs']!;
    const gapMs = slo.latencyMs - pickMs + 0.05 * slo.latencyMs;

    const blind = understatedEstimator(profiles, gapMs, false);
    const withoutPilot = optimize(ir, profiles, { slo, estimate: blind.estimate, estimateToday: false });
    const blindChecks = withoutPilot.decisions.filter((d) => d.pass === 'memory-sizing' && d.chosen.startsWith('candidate'));
    // Without the pilot the surrogate's own pick is checked first, and the hidden gap puts it over the SLO.
    assert.match(blindChecks[0]!.chosen, /misses/);

    const guided = understatedEstimator(profiles, gapMs, true);
    const result = optimize(ir, profiles, { slo, estimate: guided.estimate, estimateToday: false });
    assert.ok(result.meetsSlo);
    assert.equal(guided.pilots(), 1);
    const checks = result.decisions.filter((d) => d.pass === 'memory-sizing' && d.chosen.startsWith('candidate'));
    assert.match(checks[0]!.chosen, /meets/);
    assert.ok(checks.length <= 2, `${checks.length} checks`);
    const logged = result.decisions.find((d) => d.pass === 'memory-sizing' && d.chosen.includes('pilot estimate'));
    assert.ok(logged, 'the pilot is in the decision log');
    // The pilot looked at the surrogate's own pick (the point the blind search checked first), and the log's
    // numbers reproduce the start: gap = pilot − surrogate there, target = SLO − gap − margin.
    const n = logged.numbers;
    assert.ok(Math.abs(n['pilotLatencyMs']! - (pickMs + gapMs)) < 1e-6 * slo.latencyMs, `${n['pilotLatencyMs']} vs ${pickMs + gapMs}`);
    assert.ok(Math.abs(n['gapMs']! - (n['pilotHighMs']! - n['surrogateLatencyMs']!)) < 1e-9 * slo.latencyMs);
    assert.ok(Math.abs(n['targetSurrogateMs']! - (slo.latencyMs - n['gapMs']! - PILOT_MARGIN * slo.latencyMs)) < 1e-9 * slo.latencyMs);
    assert.ok(checks[0]!.numbers['surrogateLatencyMs']! <= logged.numbers['targetSurrogateMs']!);
    // Fewer whole-workflow estimates than without the pilot, for a plan no dearer.
    assert.ok(guided.full() < blind.full(), `${guided.full()} vs ${blind.full()} estimates`);
    assert.ok(result.summary.costUsd <= withoutPilot.summary.costUsd * (1 + 1e-9), `${result.summary.costUsd} vs ${withoutPilot.summary.costUsd}`);
  });
});

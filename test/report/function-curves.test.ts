import assert from 'node:assert/strict';
import { amdahlMedianMs, median } from '../../src/model/fit-duration-model.ts';
import { invocationComputeUsd, pricesFor } from '../../src/model/platform.ts';
import { functionCurveChartSpec } from '../../src/report/function-curve-chart.ts';
import { evenlyChosen, functionCurves, MAX_SAMPLES_PER_SIZE, memoryGrid } from '../../src/report/function-curves.ts';
import { renderChart } from '../../src/report/render-chart.ts';
import { loadReportInput } from '../../src/report/report-input.ts';
import { committedPlanDir } from '../helpers/report-plans.ts';
import { functionInfo } from '../helpers/ir-builder.ts';
import { profileOf } from '../helpers/profile-builder.ts';

describe('report function curves', () => {
  const input = loadReportInput(committedPlanDir('video'));
  const profile = input.profiles.get('encode')!;
  const curves = functionCurves('encode', profile, input.ir.functions.get('encode'), input.plan);
  const x86 = profile.architectures.x86_64!;

  it('plots each measured size at its median warm duration and every warm sample', () => {
    const measured = x86.measurements.filter((m) => m.warmDurationsMs.length > 0);
    assert.deepEqual(
      curves.measuredMedians.map((p) => [p.memoryMb, p.durationMs]),
      measured.map((m) => [m.memoryMb, median(m.warmDurationsMs)]),
    );
    assert.equal(curves.samples.length, measured.reduce((n, m) => n + Math.min(m.warmDurationsMs.length, MAX_SAMPLES_PER_SIZE), 0));
  });

  it("draws the profile's fitted Amdahl curve, and prices each point as compute plus the request at the region's list price", () => {
    const prices = pricesFor(input.plan.region);
    const fitted = curves.curves.filter((c) => c.curve === 'fitted' && c.architecture === 'x86_64');
    assert.ok(fitted.length >= 40);
    for (const point of fitted) {
      assert.equal(point.durationMs, amdahlMedianMs(x86.model!, point.memoryMb));
      const expectedUsd = invocationComputeUsd(point.memoryMb, point.durationMs, 'x86_64', prices) + prices.lambdaRequestUsd;
      assert.ok(Math.abs(point.costPerMillionUsd - expectedUsd * 1e6) < 1e-9);
    }
  });

  it("marks the plan's chosen size and today's", () => {
    const fn = input.plan.functions.encode!;
    assert.deepEqual(
      curves.marks.map((m) => [m.plan, m.memoryMb, m.architecture]),
      [['today', fn.todayMemoryMb, fn.todayArchitecture], ['chosen', fn.memoryMb, fn.architecture]],
    );
  });

  it('renders both panels with no Vega warnings', async () => {
    const { svg, warnings } = await renderChart(functionCurveChartSpec(curves), 'encode-test');
    assert.deepEqual(warnings, []);
    assert.match(svg, /median warm duration \(ms\)/);
    assert.match(svg, /cost per 1M invocations/);
  });

  it('spaces the memory grid evenly in log memory, whole MB, with the measured sizes in range', () => {
    const grid = memoryGrid(128, 10240, [1769, 20000]);
    assert.equal(grid[0], 128);
    assert.equal(grid.at(-1), 10240);
    assert.ok(grid.includes(1769));
    assert.ok(!grid.includes(20000));
    for (let i = 1; i < grid.length; i += 1) assert.ok(grid[i]! > grid[i - 1]! && Number.isInteger(grid[i]));
  });

  it('keeps the smallest and largest samples when it thins them', () => {
    const values = Array.from({ length: 500 }, (_, i) => (i * 37) % 500);
    const kept = evenlyChosen(values, 60);
    assert.equal(kept.length, 60);
    assert.equal(kept[0], 0);
    assert.equal(kept.at(-1), 499);
  });

  it('draws every architecture the profile measured, marks the chosen size on its own, and starts at the footprint', async () => {
    const twoArch = profileOf('work', {
      x86_64: { serialMs: 40, parallelMs: 900, footprintMb: 700 },
      arm64: { serialMs: 50, parallelMs: 1100, footprintMb: 700 },
    });
    const plan = {
      ...input.plan,
      functions: { work: { memoryMb: 1769, architecture: 'arm64', todayMemoryMb: 1024, todayArchitecture: 'x86_64', stepLatencyMs: 1, costPerMillionExecutionsUsd: 1 } },
    };
    const both = functionCurves('work', twoArch, functionInfo('work', { architectures: ['x86_64', 'arm64'] }), plan);
    assert.deepEqual([...new Set(both.curves.map((c) => c.architecture))], ['arm64', 'x86_64']);
    assert.deepEqual(both.marks.map((m) => [m.plan, m.architecture, m.memoryMb]), [['today', 'x86_64', 1024], ['chosen', 'arm64', 1769]]);
    assert.ok(Math.min(...both.curves.map((c) => c.memoryMb)) >= 700, 'a curve runs below the footprint');
    const arm = both.curves.filter((c) => c.architecture === 'arm64' && c.curve === 'fitted');
    for (let i = 1; i < arm.length; i += 1) assert.ok(arm[i]!.durationMs <= arm[i - 1]!.durationMs, 'more memory is never slower on the fit');
    const { warnings } = await renderChart(functionCurveChartSpec(both), 'two-arch');
    assert.deepEqual(warnings, []);
  });
});
